"""Figures about a whole cohort from a statistics office's table (CBS).

CBS counts every graduate (no survey, no margin) and rounds each count to tens;
it suppresses a cell it will not publish. A share of a cohort is therefore shown
only when every count it rests on is published and the cohort is at least
LABOUR_MARKET_MIN_COHORT: with counts rounded to tens, a share of a smaller
cohort could be off by several percentage points.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings

from .formatting import displayed
from .publication import Figure, Withheld


def cohort_share(
    part: Iterable[int | None],
    whole: Iterable[int | None],
    *,
    year: str | None = None,
    source: object = None,
) -> Figure:
    """The share (percent, one decimal, halves up) of the counts in `part` among
    the counts in `whole`; its `respondents` is the cohort it rests on."""
    part, whole = list(part), list(whole)
    about = {"year": year, "source": source}
    if not whole or None in whole or None in part:
        return Figure(None, withheld=Withheld.NOT_PUBLISHED, **about)
    cohort = sum(whole)
    if cohort == 0:
        return Figure(None, 0, Withheld.NO_GRADUATES, **about)
    value = displayed(Decimal(sum(part)) * 100 / cohort, "number")
    if cohort < settings.LABOUR_MARKET_MIN_COHORT:
        return Figure(value, cohort, Withheld.SMALL_GROUP, **about)
    return Figure(value, cohort, **about)


def published_value(
    value: Decimal | None, *, year: str | None = None, source: object = None
) -> Figure:
    """A value CBS publishes as it is (an hourly wage), or why there is none."""
    if value is None:
        return Figure(None, withheld=Withheld.NOT_PUBLISHED, year=year, source=source)
    return Figure(value, year=year, source=source)
