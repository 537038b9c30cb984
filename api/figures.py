"""A figure of the public side as the API writes it.

Every figure is an object with its value as the page prints it (rounded by
`figures.formatting.displayed`, the one rounding), the number of people behind
it, its year, its source and whether it is published. A withheld figure has
`value: null` and a reason code, never 0; its stored value is not written.
"""

from decimal import Decimal

from figures.formatting import DISPLAY_STEPS, ONE_DECIMAL, displayed
from figures.publication import Figure, Withheld

# The API's reason codes, fewer than the page's reasons: a client needs to
# tell "nothing to show" from "not reliable enough", not why DUO or CBS had none.
REASON_CODES = {
    Withheld.NO_DATA: "no_data",
    Withheld.NEW_PROGRAMME: "no_data",
    Withheld.NOT_PUBLISHED: "no_data",
    Withheld.NO_GRADUATES: "no_data",
    Withheld.TOO_FEW_RESPONDENTS: "too_few_respondents",
    Withheld.SMALL_GROUP: "too_few_respondents",
    Withheld.MARGIN_TOO_WIDE: "margin_too_wide",
}
PUBLISHED, WITHHELD = "published", "withheld"


def json_number(value: Decimal | None, kind: str) -> int | float | None:
    """A printed figure as a JSON number: an integer where the page prints
    whole numbers (counts, salaries) or the value happens to be whole (a
    percentage, a fee without cents); a score stays a decimal (3.0)."""
    if value is None:
        return None
    whole = DISPLAY_STEPS[kind] == 1 or (
        DISPLAY_STEPS[kind] != ONE_DECIMAL and value == value.to_integral_value()
    )
    return int(value) if whole else float(value)


def source_data(source) -> dict | None:
    """The DataSource a figure cites, as the API names it."""
    if source is None:
        return None
    return {
        "key": source.key,
        "name": source.name,
        "kind": source.kind,
        "publisher": source.publisher,
        "url": source.url,
        "demo": not source.is_real,
    }


def figure_data(figure: Figure, kind: str) -> dict:
    """One figure, `kind` being how the page prints it (DISPLAY_STEPS)."""
    source = figure.source
    return {
        "value": json_number(displayed(figure.value, kind), kind)
        if figure.is_shown
        else None,
        "n": figure.respondents,
        "year": None if figure.year is None else str(figure.year),
        "source": source_data(source),
        "status": PUBLISHED if figure.is_shown else WITHHELD,
        "reason": None if figure.is_shown else REASON_CODES[Withheld(figure.withheld)],
        "unit": kind,
        "demo": source is not None and not source.is_real,
    }
