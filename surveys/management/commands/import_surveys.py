from programmes.management.commands._importing import SourcedImportCommand
from surveys.importing import survey_scores_import


class Command(SourcedImportCommand):
    help = "Import NSE scores per programme (format: docs/IMPORT.md, Survey scores)."
    service = staticmethod(survey_scores_import)
