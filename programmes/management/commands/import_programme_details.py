from programmes.importing.programme_details import programmes_enrich

from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Import a DUO file with programmes_enrich."
    service = staticmethod(programmes_enrich)
