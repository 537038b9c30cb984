"""Importing DUO open data: reading the files (csvfile), one module per kind of
file (institutions, programmes, programme_details, statistics), the shared
conventions (normalise, base, lookups, sources) and the order of a full import
(runner). Every service reads the whole file first (so a bad file changes
nothing), keeps lookups in memory, writes in bulk inside one transaction, never
overwrites fields staff edited (Programme.edited_fields), and logs an ImportRun.
Importing the same file twice changes nothing."""
