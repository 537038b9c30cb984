"""Figures derived from other figures, each computed here once: the latest year,
the difference from an average, whether it lies beyond sampling noise and how a
page words it, and which of several compared figures is best. Pages, the listing, compare and exports call these;
none of them does the arithmetic again.
"""

import math
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .formatting import displayed
from .publication import Z_95, Figure, Number


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


def response_rate(respondents: int | None, population: int | None) -> Decimal | None:
    """The share of the students who could respond (N) who did (n), in percent
    as printed (one decimal); None when N is unknown."""
    if respondents is None or not population:
        return None
    return displayed(Decimal(respondents) * 100 / Decimal(population), "share")


class DifferenceInterval(NamedTuple):
    """A difference as printed and its 95% interval; low and high are None when
    a margin is unknown (no interval, so no judgement)."""

    difference: Decimal
    low: float | None
    high: float | None


def share_margin(percent: Number, respondents: int) -> float:
    """The 95% margin of a percentage from `respondents` people, in points.

    The binomial variant of `survey_margin`, as Agresti and Caffo (2000) adjust
    it for a difference of two shares: 1.96 × √(p̃(1 − p̃) / (n + 2)) with
    p̃ = (x + 1) / (n + 2), one success and one failure added, so that 0% or
    100% of a small group still has a margin instead of none. No
    finite-population correction: the labour-market surveys publish no
    population, and leaving it out only widens the margin (cautious side).
    """
    successes = float(percent) / 100 * respondents
    adjusted = (successes + 1) / (respondents + 2)
    return 100 * Z_95 * math.sqrt(adjusted * (1 - adjusted) / (respondents + 2))


def margin_of(figure: Figure, kind: str) -> float | None:
    """A shown figure's 95% margin: a survey score's own (mean, SD, n and N, by
    the publication rule), a percentage's binomial one from its n; None for
    anything published without a spread (salaries, months, career scores)."""
    if kind == "score":
        return figure.margin
    if kind == "percent" and figure.respondents:
        return share_margin(figure.value, figure.respondents)
    return None


def margin_of_difference(
    first: Figure, second: Figure, kind: str = "score"
) -> float | None:
    """The 95% margin of the difference of two figures, √(m₁² + m₂²); None when
    either margin is unknown. Treating the two as independent errs on the
    cautious side when one is part of the other (a programme in its national
    average): their covariance would only narrow the margin."""
    margins = (margin_of(first, kind), margin_of(second, kind))
    if None in margins:
        return None
    return math.hypot(*margins)


def difference_interval(
    own: Figure, reference: Figure, kind: str = "score"
) -> DifferenceInterval | None:
    """The difference as printed ± the margin of the difference; None unless
    both figures are shown. Centred on the printed difference, so that a page
    never calls "0,0" higher nor "0,3" comparable on grounds the reader cannot
    see."""
    delta = difference(own, reference, kind)
    if delta is None:
        return None
    margin = margin_of_difference(own, reference, kind)
    if margin is None:
        return DifferenceInterval(delta, None, None)
    return DifferenceInterval(delta, float(delta) - margin, float(delta) + margin)


def judged_comparison(own: Figure, reference: Figure, kind: str = "score") -> str:
    """The one judgement of a difference: "higher" or "lower" only when its 95%
    interval excludes 0, "comparable" when it includes 0 (a difference exactly
    at the margin included), "" when it cannot be judged: a figure withheld or
    a margin unknown (no claim without one)."""
    interval = difference_interval(own, reference, kind)
    if interval is None or interval.low is None:
        return ""
    if interval.low > 0:
        return "higher"
    if interval.high < 0:
        return "lower"
    return "comparable"


# How an export writes a judgement (`judged_comparison`); "" stays empty.
JUDGEMENTS = {
    "higher": pgettext_lazy("difference", "higher"),
    "lower": pgettext_lazy("difference", "lower"),
    "comparable": pgettext_lazy("difference", "comparable"),
}


def difference_text(own: Figure, national: Figure) -> str:
    """E.g. "0.4 lower than the national average", or "comparable to the national
    average" within the noise, in the active language; "" when a score is
    withheld."""
    interval = difference_interval(own, national)
    if interval is None:
        return ""
    amount = number_format(abs(interval.difference), 1)
    judged = judged_comparison(own, national)
    if judged == "lower":
        text = _("%(difference)s lower than the national average")
    elif judged == "higher":
        text = _("%(difference)s higher than the national average")
    elif judged == "comparable":
        return _("comparable to the national average")
    else:
        text = _("%(difference)s difference; its margin of error is unknown")
    return text % {"difference": amount}


def best_marks(figures: list[Figure | None], best: str, kind: str) -> list[bool]:
    """Which compared figures are best ("highest" or "lowest" wins).

    Compared as the page prints them, so two cells that read 4,0 are both best or
    neither. A figure is best only when `judged_comparison` finds it higher
    (or lower) than every shown figure that reads worse; nothing is marked with
    fewer than two shown figures, when all read the same, or when a margin is
    unknown.
    """
    shown = [f for f in figures if f is not None and f.is_shown]
    values = {displayed(f.value, kind) for f in shown}
    if not best or len(shown) < 2 or len(values) < 2:
        return [False] * len(figures)
    target = max(values) if best == "highest" else min(values)
    winners = [f for f in shown if displayed(f.value, kind) == target]
    others = [f for f in shown if displayed(f.value, kind) != target]
    beats = "higher" if best == "highest" else "lower"
    clear = all(judged_comparison(w, o, kind) == beats for w in winners for o in others)
    return [
        clear and f is not None and f.is_shown and displayed(f.value, kind) == target
        for f in figures
    ]
