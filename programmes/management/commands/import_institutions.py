from programmes.importing.institutions import institutions_import

from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Import a DUO file with institutions_import."
    service = staticmethod(institutions_import)
