"""Tables as files (CSV and XLSX), for any layer that exports: it imports no app."""
