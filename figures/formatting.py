"""Figures as the active language writes them, and the rounding every page and
export shares: a score has one decimal with halves rounded up, amounts keep cents
only when there are any."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language

ONE_DECIMAL = Decimal("0.1")


def round_score(value) -> Decimal:
    """A score as the page prints it: one decimal, halves rounded up."""
    return Decimal(str(value)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _decimals(value, places: int) -> int:
    """Whole amounts without decimals, others with `places`."""
    return 0 if Decimal(str(value)) == Decimal(str(value)).to_integral() else places


def euro(value) -> str:
    """€ 2.601 in Dutch, €2,601 in English; cents only when there are any."""
    if value in (None, ""):
        return ""
    amount = number_format(
        Decimal(str(value)), _decimals(value, 2), force_grouping=True
    )
    if get_language() == "nl":
        return f"€\N{NO-BREAK SPACE}{amount}"
    return f"€{amount}"


def whole(value) -> str:
    """A count or rounded figure with grouping: 37.553 / 37,553."""
    if value in (None, ""):
        return ""
    rounded = Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return number_format(rounded, 0, force_grouping=True)


def score(value) -> str:
    """A 1–5 score with one decimal in the language's notation: 3,9 / 3.9."""
    if value in (None, ""):
        return ""
    return number_format(round_score(value), 1)


def number(value) -> str:
    """A measured figure (months, hours): one decimal only when it has one."""
    if value in (None, ""):
        return ""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number_format(rounded, _decimals(rounded, 1))


def percent(value) -> str:
    """A percentage, whole unless it has a meaningful decimal."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value))
    return f"{number_format(number, _decimals(number, 1))}%"
