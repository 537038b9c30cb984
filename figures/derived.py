"""Figures derived from other figures, each computed here once: the latest year,
the difference from an average and how a page words it, and which of several
compared figures is best. Pages, the listing, compare and exports call these;
none of them does the arithmetic again.
"""

import math
from collections.abc import Iterable
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .formatting import displayed
from .publication import Figure


def latest_per_key(rows: Iterable[tuple]) -> dict:
    """{key: (year, value)} of the latest year per key; rows are (key, year, value).

    The latest year counts even when its value is empty: a page then says it has
    no figure, rather than showing an older year's as if it were current.
    """
    latest = {}
    for key, year, value in rows:
        if key not in latest or year > latest[key][0]:
            latest[key] = (year, value)
    return latest


def difference(own: Figure, reference: Figure, kind: str = "score") -> Decimal | None:
    """Own minus reference as the page prints them (each rounded for display
    first, so that a row never contradicts itself); None unless both are shown."""
    if not (own.is_shown and reference.is_shown):
        return None
    return displayed(own.value, kind) - displayed(reference.value, kind)


def comparison(own: Figure, reference: Figure, kind: str = "score") -> str:
    """ "lower", "equal" or "higher" than the reference ("" if either is withheld)."""
    delta = difference(own, reference, kind)
    if delta is None:
        return ""
    return "lower" if delta < 0 else "higher" if delta > 0 else "equal"


def difference_text(own: Figure, national: Figure) -> str:
    """E.g. "0.2 lower than the national average", in the active language."""
    delta = difference(own, national)
    if delta is None:
        return ""
    amount = number_format(abs(delta), 1)
    if delta < 0:
        text = _("%(difference)s lower than the national average")
    elif delta > 0:
        text = _("%(difference)s higher than the national average")
    else:
        text = _("%(difference)s, equal to the national average")
    return text % {"difference": amount}


def margin_of_difference(first: Figure, second: Figure) -> float | None:
    """The 95% margin of the difference of two survey scores, √(m₁² + m₂²); None
    when either margin is unknown. Treating the two as independent errs on the
    cautious side when one is part of the other (a programme in its national
    average): their covariance would only narrow the margin."""
    if first.margin is None or second.margin is None:
        return None
    return math.hypot(first.margin, second.margin)


def _beyond_noise(best: Figure, other: Figure, kind: str) -> bool:
    """Whether `best` differs from `other` by more than their sampling noise: for
    survey scores, the displayed difference exceeds the margin of the difference;
    figures without a margin differ when they read differently."""
    delta = abs(difference(best, other, kind))
    margin = margin_of_difference(best, other)
    return delta > 0 if margin is None else float(delta) > margin


def clear_comparison(own: Figure, reference: Figure, kind: str = "score") -> str:
    """ "higher" or "lower" only when the difference as printed exceeds the margin
    of the difference; "" when it is within the margin, when either figure is
    withheld, or when a margin is unknown (no claim without one)."""
    delta = difference(own, reference, kind)
    margin = margin_of_difference(own, reference)
    if delta is None or margin is None or float(abs(delta)) <= margin:
        return ""
    return "higher" if delta > 0 else "lower"


def best_marks(figures: list[Figure | None], best: str, kind: str) -> list[bool]:
    """Which compared figures are best ("highest" or "lowest" wins).

    Compared as the page prints them, so two cells that read 4,0 are both best or
    neither. A figure is best only when it differs beyond noise from every shown
    figure that reads worse; nothing is marked with fewer than two shown figures
    or when all read the same.
    """
    shown = [f for f in figures if f is not None and f.is_shown]
    values = {displayed(f.value, kind) for f in shown}
    if not best or len(shown) < 2 or len(values) < 2:
        return [False] * len(figures)
    target = max(values) if best == "highest" else min(values)
    winners = [f for f in shown if displayed(f.value, kind) == target]
    others = [f for f in shown if displayed(f.value, kind) != target]
    clear = all(_beyond_noise(w, o, kind) for w in winners for o in others)
    return [
        clear and f is not None and f.is_shown and displayed(f.value, kind) == target
        for f in figures
    ]
