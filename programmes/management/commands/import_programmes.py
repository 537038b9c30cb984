from programmes.importing.programmes import programmes_import

from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Import a DUO file with programmes_import."
    service = staticmethod(programmes_import)
