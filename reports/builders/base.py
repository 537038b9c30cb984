"""The reports' rows, built lazily from the database (one pass, constant memory).

A report is a list of columns and an iterator of rows. Builders only read what
`access.institutions_for(user)` allowed the caller to ask for: they receive the
institutions, never a user. National and level averages are the public pooled
figures, judged by the same publication rule as on the site (figures.publication).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from exports.writers import Chart, Column
from programmes.models import DataSource, Form, Level

__all__ = ["Column", "Report", "ReportFilters"]

CHUNK = 2000
# A chart with more programmes than this is no longer read; its title says so.
CHART_PROGRAMMES = 40


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
    # The XLSX's chart sheet, made only when a workbook is written (a CSV has
    # no use for it); None or returning None: no chart.
    chart: Callable[[], Chart | None] | None = None


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
        # Outside the f-string: makemessages cannot read a call inside one.
        marker = _("demo data, not real figures")
        return f"{name} ({marker})"
    return name


# Who and what a row is about, first in every report's rows: the programme as a
# reader names it, level and form as words in the report's language, not codes.
PROGRAMME_COLUMNS = [
    Column(gettext_lazy("BRIN code"), key="brin"),
    Column(gettext_lazy("Institution"), key="institution", width=30),
    Column(gettext_lazy("Programme"), key="programme", width=36),
    Column(gettext_lazy("CROHO code"), key="croho"),
    Column(gettext_lazy("Level"), key="level"),
    Column(gettext_lazy("Form"), key="form"),
    Column(gettext_lazy("City"), key="city"),
]
# Last before the CBS context in every report: where the figures come from and
# whether any of them is demo data, so no demo figure leaves unlabelled.
PROVENANCE_COLUMNS = [
    Column(gettext_lazy("Source"), key="source"),
    Column(gettext_lazy("Demo data (not real figures)"), key="demo"),
]


def _withheld_label(figure_label) -> str:
    return _("%(figure)s: withheld because") % {"figure": figure_label}


withheld_label = lazy(_withheld_label, str)


def ordered(columns: list[Column], cells: dict) -> tuple:
    """A row in the order of the report's columns, from cells named by their
    columns' keys: the columns are declared once, and a cell cannot slip into
    its neighbour's column."""
    return tuple(cells[column.key] for column in columns)


def publication_status(*figures) -> str:
    """Whether a row's figures are published, as a word a filter can pick."""
    if all(figure.is_shown for figure in figures):
        return _("published")
    if all(figure.is_missing for figure in figures):
        return _("no figure")
    if any(figure.is_shown for figure in figures):
        return _("partly withheld")
    return _("withheld")


def demo_cell(is_demo: bool) -> str:
    return pgettext("demo data", "yes") if is_demo else pgettext("demo data", "no")


def real_sources() -> dict[int, bool]:
    """{source id: whether it is real}: one small query per report."""
    return {source.pk: source.is_real for source in DataSource.objects.all()}


# A programme's fields behind PROGRAMME_COLUMNS, as paths from the programme.
PROGRAMME_FIELDS = (
    "institution__brin",
    "institution__name_nl",
    "institution__name_en",
    "name_nl",
    "name_en",
    "study__croho_code",
    "study__level",
    "form",
    "municipality__name_nl",
    "municipality__name_en",
    "study_id",
    "source_id",
)


def programme_fields(prefix: str = "") -> list[str]:
    """PROGRAMME_FIELDS from another model, e.g. "programme__" from an enrolment."""
    return [f"{prefix}{name}" for name in PROGRAMME_FIELDS]


class ProgrammeFacts:
    """Turns the values of PROGRAMME_FIELDS into the programme's cells, its
    study and whether its own record is demo data. Read from the row's own
    query, so a streamed report keeps no table of all programmes."""

    def __init__(self, language: str):
        self.language = language
        self.levels, self.forms = dict(Level.choices), dict(Form.choices)
        self.real = real_sources()

    def __call__(self, values) -> dict:
        brin, inst_nl, inst_en, name_nl, name_en, croho, *rest = values
        level, form, city_nl, city_en, study_id, source_id = rest
        return {
            "brin": brin,
            "institution": name_in(inst_nl, inst_en, self.language),
            "programme": name_in(name_nl, name_en, self.language),
            "croho": croho,
            "level": str(self.levels.get(level, level)),
            "level_code": level,
            "form": str(self.forms.get(form, form)),
            "city": name_in(city_nl, city_en, self.language),
            "study_id": study_id,
            "is_demo": source_id is not None and not self.real.get(source_id, True),
        }


def programme_facts(programmes, language: str) -> dict[int, dict]:
    """{programme id: ProgrammeFacts}, in report order (institution, programme),
    one query."""
    facts = ProgrammeFacts(language)
    rows = programmes.order_by("institution__brin", "pk").values_list(
        "pk", *PROGRAMME_FIELDS
    )
    return {pk: facts(values) for pk, *values in rows}


def chart_label(facts: dict) -> str:
    """A programme as a chart's category: its name and form, and its BRIN code
    so that two institutions' programmes of one name stay apart."""
    return f"{facts['programme']} ({facts['form']}, {facts['brin']})"


def programme_cells(facts: dict) -> dict:
    """The PROGRAMME_COLUMNS cells of one programme's facts."""
    return {column.key: facts[column.key] for column in PROGRAMME_COLUMNS}
