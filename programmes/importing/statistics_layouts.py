"""DUO's statistics layouts: which columns a file of each has, and how its header
is recognised."""

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .csvfile import CsvTable, ImportFileError

# DUO's GESLACHT values and the first-years figure each one counts.
GENDERS = {"man": "first_years_men", "vrouw": "first_years_women"}
GENDER_FIELDS = tuple(GENDERS.values())

# ASCII digits: \d would also take other scripts' digits, which int() reads.
WIDE_YEAR = re.compile(r"^([0-9]{4}) (MAN|VROUW)$")
YEAR = re.compile(r"^([0-9]{4})$")
LONG_KEY = (
    "BRIN NUMMER ACTUEEL",
    "OPLEIDINGSCODE ACTUEEL",
    "OPLEIDINGSVORM",
    "GEMEENTENUMMER",
)


# The columns DUO's long and wide files describe a row with, besides the ones a
# layout needs: a column outside these and the layout's own is a renamed one.
DESCRIPTIVE = frozenset(
    {
        "PROVINCIE",
        "SOORT INSTELLING",
        "TYPE HOGER ONDERWIJS",
        "INSTELLINGSNAAM ACTUEEL",
        "CROHO ONDERDEEL",
        "CROHO SUBONDERDEEL",
        "OPLEIDINGSNAAM ACTUEEL",
        "OPLEIDINGSFASE ACTUEEL",
        "",  # after the trailing separator of DUO's older files
    }
)
# Years DUO can have published: 0219 or 2O19 is a renamed column, not a year.
FIRST_YEAR, LAST_YEAR = 1990, 2099


@dataclass(frozen=True)
class StatisticsLayout:
    # Marked with gettext_noop: translated where it is shown.
    name: str
    brin: str
    croho: str
    form: str  # empty when the layout has no form column
    # The columns that tell one row from another: two rows alike in these count
    # the same people twice (a file joined to itself), and are refused. A column
    # of the key that a file lacks is left out.
    key: tuple[str, ...]
    # Every column the layout needs; a header lacking one is not this layout.
    required: tuple[str, ...] = ()
    # What the counts are: the Enrolment field they go to.
    series: str = ""
    # The count columns, one per year (long and wide layouts): such a layout takes
    # no column but its own, the descriptive ones and these, so that a renamed
    # column cannot change what the file means or drop a year.
    value_column: re.Pattern | None = None
    value_example: str = ""
    # DUO's current files: one row per year (in this column) and one count column.
    year_column: str = ""
    count_column: str = ""
    # Columns read where a file has them: the form picks the programme, the
    # gender splits the first-years.
    optional: tuple[str, ...] = ()
    descriptive: frozenset[str] = DESCRIPTIVE
    # Older series are imported before newer ones, which win the years they
    # share (runner.opendata_plan).
    generation: int = 0

    def expected(self) -> str:
        columns = ", ".join(self.required)
        if self.value_column is not None:
            return _("%(columns)s, and one column per year such as %(example)s") % {
                "columns": columns,
                "example": self.value_example,
            }
        if self.optional:
            return _("%(columns)s, and where the file has them %(optional)s") % {
                "columns": columns,
                "optional": ", ".join(self.optional),
            }
        return columns

    def takes(self, column: str) -> bool:
        if column in self.required or column in self.optional:
            return True
        if column in self.descriptive:
            return True
        match = self.value_column and self.value_column.match(column)
        return bool(match) and FIRST_YEAR <= int(match[1]) <= LAST_YEAR


PLACE = ("GEMEENTENUMMER", "GEMEENTENAAM")
LONG_REQUIRED = (*PLACE, *LONG_KEY[:3])
# DUO's current (2020–2024) files: quoted, `,`-separated, one row per year.
STUDY_YEAR, DIPLOMA_YEAR = "STUDIEJAAR", "DIPLOMAJAAR"
INSTITUTION_CODE, PROGRAMME_CODE = "INSTELLINGSCODE_ACTUEEL", "OPLEIDINGSCODE_ACTUEEL"
PER_YEAR_DESCRIPTIVE = frozenset(
    {
        "PROVINCIENAAM",
        "SOORT_INSTELLING",
        "TYPE_HOGER_ONDERWIJS",
        "INSTELLINGSNAAM_ACTUEEL",
        "ONDERDEEL",
        "SUBONDERDEEL",
        "CROHO_ONDERDEEL",
        "CROHO_SUBONDERDEEL",
        "OPLEIDINGSNAAM_ACTUEEL",
        "OPLEIDINGSFASE_ACTUEEL",
        "",
    }
)


def _per_year_layout(
    name: str, series: str, year_column: str, count_column: str, *extra: str
) -> StatisticsLayout:
    return StatisticsLayout(
        name,
        INSTITUTION_CODE,
        PROGRAMME_CODE,
        "",  # OPLEIDINGSVORM where the file has it (statistics_layout)
        key=(
            year_column,
            INSTITUTION_CODE,
            PROGRAMME_CODE,
            "GEMEENTENUMMER",
            "OPLEIDINGSVORM",
            "OPLEIDINGSFASE_ACTUEEL",
            *extra,
            "GESLACHT",
        ),
        required=(
            year_column,
            *PLACE,
            INSTITUTION_CODE,
            PROGRAMME_CODE,
            *extra,
            count_column,
        ),
        series=series,
        year_column=year_column,
        count_column=count_column,
        optional=("OPLEIDINGSVORM", "GESLACHT"),
        descriptive=PER_YEAR_DESCRIPTIVE,
        generation=3,
    )


PER_YEAR_LAYOUTS = {
    layout.count_column: layout
    for layout in (
        _per_year_layout(
            gettext_noop("enrolled students (per year)"),
            "students",
            STUDY_YEAR,
            "AANTAL_INGESCHREVENEN",
        ),
        _per_year_layout(
            gettext_noop("first-years (per year)"),
            "first_years",
            STUDY_YEAR,
            "AANTAL_EERSTEJAARS_INGESCHREVENEN",
        ),
        _per_year_layout(
            gettext_noop("graduates (per year)"),
            "graduates",
            DIPLOMA_YEAR,
            "AANTAL_GEDIPLOMEERDEN",
            "SOORT_DIPLOMA",
        ),
    )
}
LAYOUTS = (
    StatisticsLayout(
        gettext_noop("first-years (wide, by gender)"),
        "BRIN NUMMER ACTUEEL",
        "OPLEIDINGSCODE ACTUEEL",
        "OPLEIDINGSVORM",
        key=(*LONG_KEY, "OPLEIDINGSFASE ACTUEEL"),
        required=LONG_REQUIRED,
        series="first_years",
        value_column=WIDE_YEAR,
        value_example="2017 MAN, 2017 VROUW",
        generation=1,
    ),
    StatisticsLayout(
        gettext_noop("graduates (long, by gender)"),
        "BRIN NUMMER ACTUEEL",
        "OPLEIDINGSCODE ACTUEEL",
        "OPLEIDINGSVORM",
        key=(*LONG_KEY, "SOORT DIPLOMA", "GESLACHT"),
        required=(*LONG_REQUIRED, "SOORT DIPLOMA", "GESLACHT"),
        series="graduates",
        value_column=YEAR,
        value_example="2019",
        generation=2,
    ),
    StatisticsLayout(
        gettext_noop("first-years (long, by gender)"),
        "BRIN NUMMER ACTUEEL",
        "OPLEIDINGSCODE ACTUEEL",
        "OPLEIDINGSVORM",
        key=(*LONG_KEY, "GESLACHT"),
        required=(*LONG_REQUIRED, "GESLACHT"),
        series="first_years",
        value_column=YEAR,
        value_example="2019",
        generation=2,
    ),
    *PER_YEAR_LAYOUTS.values(),
)


def is_statistics_header(header: list[str]) -> bool:
    """Whether a header names institutions and programmes as a statistics layout
    does: such a file is read as statistics, or refused, never passed over."""
    return any(layout.brin in header and layout.croho in header for layout in LAYOUTS)


def other_series(header: list[str]) -> list[str]:
    """The count columns (AANTAL_…) of a per-year header when none is one a
    layout reads: another of DUO's series, such as AANTAL_INSCHRIJVINGEN."""
    if any(name in PER_YEAR_LAYOUTS for name in header):
        return []
    return [name for name in header if name.startswith("AANTAL_")]


def statistics_layout(header: list[str]) -> StatisticsLayout:
    """The layout whose columns the header has, all of them, and nothing else.

    A long or wide layout is recognised by its count columns (a year, or a year
    and a gender), and the graduates layout before the first-years one, which
    needs a column less; a per-year layout by its one count column, which must
    go with its year column. A header that has every column of none is refused,
    naming the closest layout, what it lacks and what was found.
    """
    series = _per_year_series(header)
    for layout in LAYOUTS:
        if layout.value_column and not any(map(layout.value_column.match, header)):
            continue
        if all(name in header for name in layout.required):
            _check_columns_known(header, layout)
            if layout.optional and "OPLEIDINGSVORM" in header:
                return replace(layout, form="OPLEIDINGSVORM")
            return layout
    closest = series or max(LAYOUTS, key=lambda layout: _present(header, layout))
    raise ImportFileError(
        _(
            "Line 1: the header matches none of the statistics layouts completely. "
            "The closest, %(layout)s, expects the columns %(expected)s; missing: "
            "%(missing)s. Columns found: %(found)s."
        )
        % {
            "layout": _(closest.name),
            "expected": closest.expected(),
            "missing": ", ".join(n for n in closest.required if n not in header),
            "found": ", ".join(name for name in header if name),
        },
        line=1,
    )


def _per_year_series(header: list[str]) -> StatisticsLayout | None:
    """The per-year layout of the header's count column, if it has one; a header
    with two count columns, or a year column of another series, is refused."""
    columns = [name for name in header if name in PER_YEAR_LAYOUTS]
    if len(columns) > 1:
        raise ImportFileError(
            _(
                "Line 1: the header has %(count)s count columns (%(columns)s); a "
                "file of DUO's per-year layouts has exactly one: students, "
                "first-years or graduates. The file is refused."
            )
            % {"count": len(columns), "columns": ", ".join(columns)},
            line=1,
            column=columns[1],
        )
    if not columns:
        return None
    layout = PER_YEAR_LAYOUTS[columns[0]]
    for year_column in (STUDY_YEAR, DIPLOMA_YEAR):
        if year_column in header and year_column != layout.year_column:
            raise ImportFileError(
                _(
                    "Line 1: the year column %(year)s does not go with the count "
                    "column %(count)s (%(layout)s), which is counted per "
                    "%(expected)s. The file is refused."
                )
                % {
                    "year": year_column,
                    "count": layout.count_column,
                    "layout": _(layout.name),
                    "expected": layout.year_column,
                },
                line=1,
                column=year_column,
            )
    return layout


def _present(header: list[str], layout: StatisticsLayout) -> tuple[int, bool, int]:
    """How close a header is to a layout: its columns present, its count columns,
    then the fewest columns missing."""
    counts = layout.value_column and any(map(layout.value_column.match, header))
    present = sum(name in header for name in layout.required)
    return present, bool(counts), present - len(layout.required)


def _check_columns_known(header: list[str], layout: StatisticsLayout) -> None:
    for name in header:
        if not layout.takes(name):
            raise ImportFileError(
                _(
                    "Line 1: column %(column)s is not one of the layout %(layout)s "
                    "(%(expected)s): was it renamed? The file is refused."
                )
                % {
                    "column": name,
                    "layout": _(layout.name),
                    "expected": layout.expected(),
                },
                line=1,
                column=name,
            )


def check_years(table: CsvTable, layout: StatisticsLayout) -> None:
    """A per-year file's year column holds a year DUO can have published: a value
    read as another year (or as none) would put its people in the wrong year."""
    if not layout.year_column:
        return
    for row in table:
        value = row[layout.year_column].strip()
        if YEAR.match(value) and FIRST_YEAR <= int(value) <= LAST_YEAR:
            continue
        raise ImportFileError(
            _(
                "Line %(line)s, column %(column)s: %(value)r is not a year from "
                "%(first)s to %(last)s. The file is refused."
            )
            % {
                "line": row.line,
                "column": layout.year_column,
                "value": value[:40],
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            },
            line=row.line,
            column=layout.year_column,
        )
