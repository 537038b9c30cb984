"""The reports' rows, built lazily from the database (one pass, constant memory).

A report is a list of columns and an iterator of rows. Builders only read what
`access.institutions_for(user)` allowed the caller to ask for: they receive the
institutions, never a user. National and level averages are the public pooled
figures, judged by the same publication rule as on the site (figures.publication).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from exports.writers import Column

__all__ = ["Column", "Report", "ReportFilters"]

CHUNK = 2000


@dataclass(frozen=True)
class ReportFilters:
    institution_ids: list[int] | None  # None: every institution (staff only)
    year_from: int | None = None
    year_to: int | None = None
    level: str = ""
    language: str = "nl"

    def years(self, field_name: str) -> Q:
        query = Q()
        if self.year_from:
            query &= Q(**{f"{field_name}__gte": self.year_from})
        if self.year_to:
            query &= Q(**{f"{field_name}__lte": self.year_to})
        return query

    def institutions(self, path: str) -> Q:
        if self.institution_ids is None:
            return Q()
        return Q(**{f"{path}__in": self.institution_ids})

    def as_dict(self) -> dict:
        return {
            "year_from": self.year_from,
            "year_to": self.year_to,
            "level": self.level,
            "language": self.language,
        }


@dataclass
class Report:
    key: str
    title: str
    columns: list[Column]
    rows: Iterator[tuple]
    notes: list[str] = field(default_factory=list)


def name_in(nl: str, en: str, language: str) -> str:
    """A name in the report's language, else in the other one."""
    return (en or nl) if language == "en" else (nl or en)


def withheld_reason(figure) -> str:
    """Why a figure is not in its cell; empty for a published figure."""
    return "" if figure.is_shown else str(figure.reason)


def source_name(source, language: str) -> str:
    """The source a row's figures come from, marked when it is demo data."""
    if source is None:
        return ""
    name = name_in(source.name_nl, source.name_en, language)
    if not source.is_real:
        return f"{name} ({_('demo data, not real figures')})"
    return name
