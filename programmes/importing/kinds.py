"""The kinds of file staff can import, and the service that reads each.

Used by the admin upload page; the commands name their service directly.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from careers.importing import career_outcomes_import
from surveys.importing import survey_scores_import

from .base import ImportResult
from .services import (
    enrolments_import,
    institutions_import,
    programmes_enrich,
    programmes_import,
)


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: Promise
    service: Callable[..., ImportResult]
    # Our own formats do not name their source: staff say what the figures are.
    asks_source_kind: bool = False


IMPORT_KINDS = {
    kind.key: kind
    for kind in (
        ImportKind(
            "institutions",
            _("Institutions (DUO adressen hbo en wo)"),
            institutions_import,
        ),
        ImportKind(
            "programmes",
            _("Programmes (DUO/RIO erkenningen ho)"),
            programmes_import,
        ),
        ImportKind(
            "programme_details",
            _("Programme details (DUO/RIO opleidingsoverzicht ho)"),
            programmes_enrich,
        ),
        ImportKind(
            "statistics",
            _("Statistics (DUO first-years, graduates or enrolled students)"),
            enrolments_import,
        ),
        ImportKind(
            "surveys",
            _("Survey scores (NSE, our CSV format)"),
            survey_scores_import,
            asks_source_kind=True,
        ),
        ImportKind(
            "careers",
            _("Career outcomes (our CSV format)"),
            career_outcomes_import,
            asks_source_kind=True,
        ),
    )
}
