from .addresses import SLUG_FIELDS, AddressKind, FormerSlug, slug_field
from .catalogue import (
    HonoursProgramme,
    Programme,
    ProgrammeQuerySet,
    Specialisation,
    Study,
)
from .changelog import DEMO_CHANGE_REASON, IMPORTED_STATE, ChangelogVisibility
from .choices import FeeKind, Form, Funding, InstitutionKind, Language, Level, Sector
from .code_changes import ProgrammeCodeChange
from .imports import ImportRun, PendingUpload, ProgrammeImportChange, RejectedRow
from .places import Institution, Municipality
from .search import SynonymGroup
from .sources import DataSource
from .statistics import (
    Enrolment,
    EnrolmentFigureSource,
    StudyProgress,
    TuitionFee,
    academic_year_label,
)

__all__ = [
    "DEMO_CHANGE_REASON",
    "IMPORTED_STATE",
    "SLUG_FIELDS",
    "AddressKind",
    "ChangelogVisibility",
    "DataSource",
    "Enrolment",
    "EnrolmentFigureSource",
    "FeeKind",
    "Form",
    "FormerSlug",
    "Funding",
    "HonoursProgramme",
    "ImportRun",
    "Institution",
    "InstitutionKind",
    "Language",
    "Level",
    "Municipality",
    "PendingUpload",
    "Programme",
    "ProgrammeCodeChange",
    "ProgrammeImportChange",
    "ProgrammeQuerySet",
    "RejectedRow",
    "Sector",
    "Specialisation",
    "Study",
    "StudyProgress",
    "SynonymGroup",
    "TuitionFee",
    "academic_year_label",
    "slug_field",
]
