from careers.importing import career_outcomes_import
from programmes.management.commands._importing import SourcedImportCommand


class Command(SourcedImportCommand):
    help = (
        "Import graduate outcomes per study (format: docs/IMPORT.md, Career outcomes)."
    )
    service = staticmethod(career_outcomes_import)
