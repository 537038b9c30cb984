"""Importing DUO open data: reading the files (csvfile), one module per kind of
file (institutions, programmes, programme_details, statistics with its layouts in
statistics_layouts and its writing in statistics_writing), the shared conventions (normalise, base, lookups, sources)
and which import takes which file, by its header, in what order (runner). Every
service reads the whole file first (so a bad file changes nothing), keeps lookups
in memory, writes in bulk inside one transaction, never overwrites fields staff
edited (Programme.edited_fields), and logs an ImportRun. Importing the same file
twice changes nothing."""
