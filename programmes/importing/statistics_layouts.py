"""DUO's statistics layouts: which columns a file of each has, and how its header
is recognised."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .csvfile import ImportFileError

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
    name: str
    brin: str
    croho: str
    form: str  # empty when the layout has no form column
    # The columns that tell one row from another: two rows alike in these count
    # the same people twice (a file joined to itself), and are refused.
    key: tuple[str, ...]
    # Every column the layout needs; a header lacking one is not this layout.
    required: tuple[str, ...] = ()
    # The count columns, one per year (long and wide layouts): such a layout takes
    # no column but its own, the descriptive ones and these, so that a renamed
    # column cannot change what the file means or drop a year.
    value_column: re.Pattern | None = None
    value_example: str = ""
    # The older wide series defines first-years differently: where a newer series
    # has been imported for a programme and year, the older one leaves it alone.
    fill_only: bool = False

    def expected(self) -> str:
        columns = ", ".join(self.required)
        if self.value_column is None:
            return columns
        return _("%(columns)s, and one column per year such as %(example)s") % {
            "columns": columns,
            "example": self.value_example,
        }

    def takes(self, column: str) -> bool:
        if column in self.required or self.value_column is None:
            return True
        if column in DESCRIPTIVE:
            return True
        match = self.value_column.match(column)
        return bool(match) and FIRST_YEAR <= int(match[1]) <= LAST_YEAR


PLACE = ("GEMEENTENUMMER", "GEMEENTENAAM")
LONG_REQUIRED = (*PLACE, *LONG_KEY[:3])
LAYOUTS = (
    StatisticsLayout(
        "first-years (wide, by gender)",
        "BRIN NUMMER ACTUEEL",
        "OPLEIDINGSCODE ACTUEEL",
        "OPLEIDINGSVORM",
        key=(*LONG_KEY, "OPLEIDINGSFASE ACTUEEL"),
        required=LONG_REQUIRED,
        value_column=WIDE_YEAR,
        value_example="2017 MAN, 2017 VROUW",
        fill_only=True,
    ),
    StatisticsLayout(
        "graduates (long, by gender)",
        "BRIN NUMMER ACTUEEL",
        "OPLEIDINGSCODE ACTUEEL",
        "OPLEIDINGSVORM",
        key=(*LONG_KEY, "SOORT DIPLOMA", "GESLACHT"),
        required=(*LONG_REQUIRED, "SOORT DIPLOMA", "GESLACHT"),
        value_column=YEAR,
        value_example="2019",
    ),
    StatisticsLayout(
        "first-years (long, by gender)",
        "BRIN NUMMER ACTUEEL",
        "OPLEIDINGSCODE ACTUEEL",
        "OPLEIDINGSVORM",
        key=(*LONG_KEY, "GESLACHT"),
        required=(*LONG_REQUIRED, "GESLACHT"),
        value_column=YEAR,
        value_example="2019",
    ),
    StatisticsLayout(
        "enrolled students (per year)",
        "INSTELLINGSCODE_ACTUEEL",
        "OPLEIDINGSCODE_ACTUEEL",
        "",
        key=(
            "STUDIEJAAR",
            "INSTELLINGSCODE_ACTUEEL",
            "OPLEIDINGSCODE_ACTUEEL",
            "GEMEENTENUMMER",
        ),
        required=(
            "STUDIEJAAR",
            *PLACE,
            "INSTELLINGSCODE_ACTUEEL",
            "OPLEIDINGSCODE_ACTUEEL",
            "AANTAL_INGESCHREVENEN",
        ),
    ),
)


def statistics_layout(header: list[str]) -> StatisticsLayout:
    """The layout whose columns the header has, all of them, and nothing else.

    A long or wide layout is recognised by its count columns (a year, or a year
    and a gender), and the graduates layout before the first-years one, which
    needs a column less. A header that has every column of none is refused,
    naming the closest layout, what it lacks and what was found.
    """
    for layout in LAYOUTS:
        if layout.value_column and not any(map(layout.value_column.match, header)):
            continue
        if all(name in header for name in layout.required):
            _check_columns_known(header, layout)
            return layout
    closest = max(LAYOUTS, key=lambda layout: _present(header, layout))
    raise ImportFileError(
        _(
            "Line 1: the header matches none of the statistics layouts completely. "
            "The closest, %(layout)s, expects the columns %(expected)s; missing: "
            "%(missing)s. Columns found: %(found)s."
        )
        % {
            "layout": closest.name,
            "expected": closest.expected(),
            "missing": ", ".join(n for n in closest.required if n not in header),
            "found": ", ".join(name for name in header if name),
        },
        line=1,
    )


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
                    "layout": layout.name,
                    "expected": layout.expected(),
                },
                line=1,
                column=name,
            )
