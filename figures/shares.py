"""Shares of a count as whole percentages, and how a count splits by gender.

DUO leaves out a row with no students in it: when all first-years of a programme
are women, its file has no row for men at all, and the import stores the men's
count as unknown. That gap is a zero only when the other part accounts for the
whole count; otherwise we cannot tell, and the share is withheld.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .publication import Figure


def share_of(part: int | None, whole: int | None) -> Figure:
    """A whole-number percentage of a count, halves rounded up; withheld when the
    part is unknown or the whole is unknown or zero."""
    if part is None or not whole:
        return Figure.missing()
    percentage = (Decimal(part) * 100 / Decimal(whole)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    return Figure(int(percentage))


@dataclass(frozen=True)
class GenderShares:
    men: Figure
    women: Figure


def gender_shares(
    *, total: int | None, men: int | None, women: int | None
) -> GenderShares:
    """The men's and women's shares of `total`, each a whole percentage.

    A missing part counts as 0 when the other part equals the known total (DUO
    left out an empty row); with both parts missing, or a known part short of the
    total, the missing share stays withheld.
    """
    men, women = gender_counts(total=total, men=men, women=women)
    return GenderShares(men=share_of(men, total), women=share_of(women, total))


def gender_counts(
    *, total: int | None, men: int | None, women: int | None
) -> tuple[int | None, int | None]:
    """The men's and women's counts of `total`: a missing part is 0 when the other
    part equals the known total (DUO left out an empty row), otherwise unknown."""
    if total is not None:
        if men is None and women == total:
            men = 0
        elif women is None and men == total:
            women = 0
    return men, women
