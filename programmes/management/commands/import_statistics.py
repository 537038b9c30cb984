from programmes.importing.statistics import enrolments_import

from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Import a DUO file with enrolments_import."
    service = staticmethod(enrolments_import)
