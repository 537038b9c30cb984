"""The columns of programmes.csv, declared once: the file's header, each row's
cells and the data dictionary (dictionary.csv) all come from this list.

A row is read from the API's representation of the programme
(`api.representations.programme_detail_data`), never from the database, so a
cell holds what the API and the programme page show.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api.figures import figure_data
from figures.publication import Figure


@dataclass(frozen=True)
class FileColumn:
    name: str
    meaning: Callable[[], str]  # evaluated in the dictionary's language
    unit: str
    source: str
    read: Callable[[dict], object]


@dataclass(frozen=True)
class FigureOfProgramme:
    key: str  # as the API names it in a programme's `figures`
    label: str  # lazy
    kind: str  # the API's unit: how the page prints it
    source: str


def _names(data: dict | None, field: str, language: str):
    return None if data is None else data[field][language]


def _identity(name, meaning, source, read, unit="") -> FileColumn:
    return FileColumn(name, lambda: str(meaning), unit, source, read)


IDENTITY_COLUMNS = [
    _identity(
        "id",
        gettext_lazy("The programme's id in the API (its Dutch slug)."),
        "Keuzewijzer",
        lambda d: d["id"],
    ),
    _identity(
        "brin",
        gettext_lazy("BRIN code of the institution."),
        "DUO",
        lambda d: d["identifiers"]["brin"],
    ),
    _identity(
        "croho_code",
        gettext_lazy("CROHO code of the study."),
        "DUO",
        lambda d: d["identifiers"]["croho_code"],
    ),
    _identity(
        "form",
        gettext_lazy("Form: full-time, part-time or dual."),
        "DUO",
        lambda d: d["identifiers"]["form"],
    ),
    _identity(
        "location_code",
        gettext_lazy(
            "DUO's location of the offer; with BRIN, CROHO code and form it identifies a programme."
        ),
        "DUO",
        lambda d: d["identifiers"]["location_code"],
    ),
    _identity(
        "name_nl", gettext_lazy("Name in Dutch."), "DUO", lambda d: d["name"]["nl"]
    ),
    _identity(
        "name_en", gettext_lazy("Name in English."), "DUO", lambda d: d["name"]["en"]
    ),
    _identity(
        "institution_nl",
        gettext_lazy("The institution's name in Dutch."),
        "DUO",
        lambda d: d["institution"]["name"]["nl"],
    ),
    _identity(
        "institution_en",
        gettext_lazy("The institution's name in English."),
        "DUO",
        lambda d: d["institution"]["name"]["en"],
    ),
    _identity(
        "city_nl",
        gettext_lazy("The municipality where it is taught, in Dutch."),
        "DUO",
        lambda d: _names(d["city"], "name", "nl"),
    ),
    _identity(
        "level",
        gettext_lazy("Level: HBO-AD, HBO-BA, HBO-MA, WO-BA or WO-MA."),
        "DUO",
        lambda d: d["level"],
    ),
    _identity(
        "language",
        gettext_lazy("Language of instruction."),
        "DUO",
        lambda d: d["language"],
    ),
    _identity(
        "ects",
        gettext_lazy("Study load."),
        "DUO",
        lambda d: d["ects"],
        unit="ECTS",
    ),
    _identity(
        "demo",
        gettext_lazy(
            "true when any figure of the programme's page is demo or synthetic data: not real."
        ),
        "Keuzewijzer",
        lambda d: d["demo"],
        unit="true/false",
    ),
]

SURVEY = "NSE (Nationale Studenten Enquête)"
MONITORS = "HBO-Monitor / WO-Monitor"
FIGURES = [
    FigureOfProgramme(
        "statutory_fee",
        gettext_lazy("Statutory tuition fee, latest academic year"),
        "euro",
        "DUO",
    ),
    FigureOfProgramme(
        "institutional_fee",
        gettext_lazy("Institutional tuition fee, latest academic year"),
        "euro",
        "DUO",
    ),
    FigureOfProgramme(
        "students", gettext_lazy("Students, latest year"), "count", "DUO"
    ),
    FigureOfProgramme(
        "first_years", gettext_lazy("First-year students, latest year"), "count", "DUO"
    ),
    FigureOfProgramme(
        "overall_score",
        gettext_lazy("Overall satisfaction of its students (1–5), latest round"),
        "score",
        SURVEY,
    ),
    FigureOfProgramme(
        "good_basis",
        gettext_lazy("Graduates who call the study a good basis for work"),
        "percent",
        MONITORS,
    ),
    FigureOfProgramme(
        "would_choose_again",
        gettext_lazy("Graduates who would choose the study again"),
        "percent",
        MONITORS,
    ),
    FigureOfProgramme(
        "months_to_job",
        gettext_lazy("Months to find a substantial job"),
        "number",
        MONITORS,
    ),
    FigureOfProgramme(
        "permanent_contract",
        gettext_lazy("Graduates with a permanent contract"),
        "percent",
        MONITORS,
    ),
    FigureOfProgramme(
        "job_in_field",
        gettext_lazy("Graduates with a job within the field of the study"),
        "percent",
        MONITORS,
    ),
    FigureOfProgramme(
        "job_at_level",
        gettext_lazy("Graduates with a job at the level of the study"),
        "percent",
        MONITORS,
    ),
    FigureOfProgramme(
        "starting_salary",
        gettext_lazy("Starting salary, gross per month"),
        "salary",
        MONITORS,
    ),
    FigureOfProgramme(
        "starting_salary_level_average",
        gettext_lazy("Average starting salary of all studies of its level"),
        "salary",
        MONITORS,
    ),
    FigureOfProgramme(
        "weekly_hours",
        gettext_lazy("Hours in an average working week"),
        "number",
        MONITORS,
    ),
    FigureOfProgramme(
        "self_employed", gettext_lazy("Self-employed graduates"), "percent", MONITORS
    ),
    FigureOfProgramme(
        "job_satisfaction",
        gettext_lazy("Graduates' satisfaction with their job (1–5)"),
        "score",
        MONITORS,
    ),
    FigureOfProgramme(
        "career_prospects",
        gettext_lazy("Graduates' satisfaction with their career prospects (1–5)"),
        "score",
        MONITORS,
    ),
]

UNITS = {
    "score": "score 1–5",
    "euro": "euro",
    "salary": "euro per month",
    "count": "people",
    "percent": "percent",
    "number": "number",
}


def programme_figure(detail: dict, figure: FigureOfProgramme) -> dict:
    """A figure of the API's programme; one the API leaves out (a study without
    career figures) is written as the API writes a missing figure."""
    return detail["figures"].get(figure.key) or figure_data(
        Figure.missing(), figure.kind
    )


def _source_key(data: dict) -> str | None:
    return data["source"]["key"] if data["source"] else None


def _figure_columns(figure: FigureOfProgramme) -> list[FileColumn]:
    def part(suffix, meaning, unit, read, source=figure.source):
        return FileColumn(
            f"{figure.key}_{suffix}",
            lambda: meaning() % {"figure": figure.label},
            unit,
            source,
            lambda d: read(programme_figure(d, figure)),
        )

    return [
        part(
            "value",
            lambda: _(
                "%(figure)s: the value as the page prints it; empty when withheld, never 0."
            ),
            UNITS[figure.kind],
            lambda f: f["value"],
        ),
        part(
            "n",
            lambda: _(
                "%(figure)s: the number of people behind it (also when withheld)."
            ),
            "people",
            lambda f: f["n"],
        ),
        part(
            "year",
            lambda: _("%(figure)s: the year or academic year it is about."),
            "year",
            lambda f: f["year"],
        ),
        part(
            "source",
            lambda: _("%(figure)s: its source, a key of sources.csv."),
            "",
            _source_key,
            source="Keuzewijzer",
        ),
        part(
            "status",
            lambda: _("%(figure)s: published or withheld."),
            "",
            lambda f: f["status"],
            source="Keuzewijzer",
        ),
        part(
            "reason",
            lambda: _(
                "%(figure)s: why it is withheld: too_few_respondents, margin_too_wide or no_data."
            ),
            "",
            lambda f: f["reason"],
            source="Keuzewijzer",
        ),
        part(
            "demo",
            lambda: _("%(figure)s: true for demo or synthetic data: not real."),
            "true/false",
            lambda f: f["demo"],
            source="Keuzewijzer",
        ),
    ]


PROGRAMME_COLUMNS: list[FileColumn] = [
    *IDENTITY_COLUMNS,
    *(column for figure in FIGURES for column in _figure_columns(figure)),
]


def cell(value):
    """A cell of the CSV: booleans as JSON writes them, None empty."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def programme_row(detail: dict) -> tuple:
    return tuple(cell(column.read(detail)) for column in PROGRAMME_COLUMNS)
