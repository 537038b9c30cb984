"""The kinds of file staff can import, and the service that reads each.

Used by the admin upload page; the commands name their service directly. The DUO
kinds are declared here; surveys and careers add theirs from their AppConfig's
ready() with `import_kind_register`, so that this app imports neither.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .base import ImportResult
from .institutions import institutions_import
from .programme_details import programmes_enrich
from .programmes import programmes_import
from .statistics import enrolments_import


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
    )
}


def import_kind_register(kind: ImportKind) -> None:
    """Offer another app's file kind on the upload page (from its ready())."""
    IMPORT_KINDS[kind.key] = kind


def import_kind_choices() -> list[tuple[str, Promise]]:
    """The upload form's choices, read when the form is built: other apps'
    kinds are registered after this module is imported."""
    return [(key, kind.label) for key, kind in IMPORT_KINDS.items()]
