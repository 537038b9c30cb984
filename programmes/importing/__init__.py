"""Importing DUO open data: reading the files (csvfile) and writing records (services)."""
