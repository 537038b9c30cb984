"""Figures as the active language writes them, and the rounding every page and
export shares: a score has one decimal with halves rounded up, amounts keep cents
only when there are any."""

import functools
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import get_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

ONE_DECIMAL = Decimal("0.1")
# The precision a page prints each kind of figure in (None: as stored).
DISPLAY_STEPS = {
    "score": ONE_DECIMAL,
    "number": ONE_DECIMAL,
    "salary": Decimal(1),
    "whole": Decimal(1),
    "count": Decimal(1),
    "euro": Decimal("0.01"),
    # As stored (two decimals): a computed average too, so that it reads the
    # same on every database (SQLite's sums are whole, PostgreSQL's decimal).
    "percent": Decimal("0.01"),
    "share": ONE_DECIMAL,
    # A survey score's 95% margin, as the method page writes it (≈ 0.14).
    "margin": Decimal("0.01"),
}


def displayed(value, kind: str) -> Decimal | None:
    """The value as pages and exports print a figure of this kind, halves
    rounded up; the one place a figure is rounded (None stays None)."""
    if value in (None, ""):
        return None
    number = Decimal(str(value))
    step = DISPLAY_STEPS[kind]
    return number if step is None else number.quantize(step, rounding=ROUND_HALF_UP)


def lowest_shown_as(value, kind: str) -> Decimal:
    """The smallest value a page prints as `value` (halves round up): a filter
    "score 4.0 or higher" keeps every score printed as 4.0, such as 3.95."""
    return Decimal(str(value)) - DISPLAY_STEPS[kind] / 2


def round_score(value) -> Decimal:
    """A score as the page prints it: one decimal, halves rounded up."""
    return displayed(value, "score")


@functools.cache
def _marks(language: str | None) -> dict[int, str]:
    """The language's decimal and grouping marks, as a str.translate table from
    Python's own ("." and ",")."""
    return {
        ord("."): get_format("DECIMAL_SEPARATOR", language),
        ord(","): get_format("THOUSAND_SEPARATOR", language),
    }


def _written(number: Decimal, places: int, *, grouped: bool = False) -> str:
    """A number already rounded to `places` decimals, in the active language's
    notation. What Django's number_format does, several times faster: a compare
    page prints hundreds of figures."""
    written = f"{number:{',' if grouped else ''}.{places}f}"
    return written.translate(_marks(get_language()))


def _decimals(value, places: int) -> int:
    """Whole amounts without decimals, others with `places`."""
    return 0 if Decimal(str(value)) == Decimal(str(value)).to_integral() else places


def euro(value) -> str:
    """€ 2.601 in Dutch, €2,601 in English; cents only when there are any."""
    if value in (None, ""):
        return ""
    rounded = displayed(value, "euro")
    amount = _written(rounded, _decimals(rounded, 2), grouped=True)
    if get_language() == "nl":
        return f"€\N{NO-BREAK SPACE}{amount}"
    return f"€{amount}"


def whole(value) -> str:
    """A count or rounded figure with grouping: 37.553 / 37,553."""
    if value in (None, ""):
        return ""
    return _written(displayed(value, "whole"), 0, grouped=True)


def salary(value) -> str:
    """An estimated salary in whole euros: € 2.951 / €2,951."""
    if value in (None, ""):
        return ""
    return euro(displayed(value, "salary"))


def score(value) -> str:
    """A 1–5 score with one decimal in the language's notation: 3,9 / 3.9."""
    if value in (None, ""):
        return ""
    return _written(round_score(value), 1)


def number(value) -> str:
    """A measured figure (months, hours): one decimal only when it has one."""
    if value in (None, ""):
        return ""
    rounded = displayed(value, "number")
    return _written(rounded, _decimals(rounded, 1))


def percent(value) -> str:
    """A percentage, whole unless it has a meaningful decimal."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value))
    return f"{number_format(number, _decimals(number, 1))}%"


def percent_tenth(value) -> str:
    """A share with one decimal, always: 93,1% / 94,0% (CBS's labour-market
    shares, so that a column of them lines up)."""
    if value in (None, ""):
        return ""
    return f"{_written(displayed(value, 'share'), 1)}%"


def score_of_five(value) -> str:
    """A 1–5 score as a table cell prints it: 3,9 / 5."""
    return f"{score(value)} / 5"


# How a figure is printed, by kind; a count when no kind is given.
PRINTERS = {
    "percent": percent,
    "share": percent_tenth,
    "euro": euro,
    "salary": salary,
    "number": number,
    "score": score_of_five,
}


def printed(value, kind: str = "") -> str:
    """A shown figure's value as pages and exports print it for its kind."""
    return PRINTERS.get(kind, whole)(value)


def about_parts(figure, *, with_source: bool = True) -> list[tuple[str, str]]:
    """What a figure is about, as (part, text) pairs: its year, its n and its
    source, the source marked when it is demo data. Pages wrap each part in
    markup, exports join them with " · "."""
    parts = []
    if figure.year:
        parts.append(("year", str(figure.year)))
    if figure.respondents:
        parts.append(("n", _("n = %(n)s") % {"n": whole(figure.respondents)}))
    if with_source and figure.source:
        name = str(figure.source.name)
        if not figure.source.is_real:
            name += f" ({_('demo data')})"
        parts.append(("source", name))
    return parts
