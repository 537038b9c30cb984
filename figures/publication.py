"""When may a figure be published? The one rule, used by every page and export.

A published figure is a value plus, where it comes from a survey, the number of
people behind it. A figure that is missing or rests on too few respondents is not
shown, averaged as zero, sorted or exported: it carries the reason instead, and the
page says "insufficient reliable information" (which says nothing about quality).

Thresholds live in settings (SURVEY_MIN_RESPONDENTS, SURVEY_MAX_MARGIN,
CAREERS_MIN_RESPONDENTS); they are read when a figure is judged, not at import.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

Number = int | float | Decimal

INSUFFICIENT_INFORMATION = _("We have insufficient reliable information on this topic.")


class Withheld(models.TextChoices):
    """Why a figure is not shown."""

    NO_DATA = "no_data", _("No figures are available.")
    TOO_FEW_RESPONDENTS = "too_few", _("Too few people responded.")
    MARGIN_TOO_WIDE = "margin", _("The margin of error is too wide.")
    NEW_PROGRAMME = "new", _("The programme is too new to have figures.")


@dataclass(frozen=True)
class Figure:
    """A value that may be published, or the reason it may not."""

    value: Number | None
    respondents: int | None = None
    withheld: Withheld | None = None

    @property
    def is_shown(self) -> bool:
        return self.withheld is None

    @property
    def shown_value(self) -> Number | None:
        return self.value if self.is_shown else None

    @property
    def reason(self) -> str:
        return Withheld(self.withheld).label if self.withheld else ""

    @property
    def is_missing(self) -> bool:
        """No figure at all (as opposed to one withheld as unreliable)."""
        return self.withheld == Withheld.NO_DATA

    @classmethod
    def missing(cls, *, new_programme: bool = False) -> "Figure":
        reason = Withheld.NEW_PROGRAMME if new_programme else Withheld.NO_DATA
        return cls(value=None, withheld=reason)


def survey_margin(
    *, std_dev: Number, respondents: int, population: int | None
) -> float:
    """95% margin of a mean, with finite-population correction when N is known.

    margin = 1.96 × (SD / √n) × √((N − n) / (N − 1)). Without N the correction is
    left out, which can only widen the margin (the cautious side).
    """
    margin = 1.96 * float(std_dev) / math.sqrt(respondents)
    if population and population > 1:
        margin *= math.sqrt(max(population - respondents, 0) / (population - 1))
    return margin


def survey_figure(
    *,
    mean: Number | None,
    respondents: int | None,
    std_dev: Number | None,
    population: int | None = None,
) -> Figure:
    """A student-survey score: n ≥ SURVEY_MIN_RESPONDENTS and margin < SURVEY_MAX_MARGIN."""
    if mean is None or not respondents:
        return Figure(value=None, respondents=respondents, withheld=Withheld.NO_DATA)
    if respondents < settings.SURVEY_MIN_RESPONDENTS:
        return Figure(mean, respondents, Withheld.TOO_FEW_RESPONDENTS)
    if std_dev is None:
        return Figure(mean, respondents, Withheld.MARGIN_TOO_WIDE)
    margin = survey_margin(
        std_dev=std_dev, respondents=respondents, population=population
    )
    if margin >= settings.SURVEY_MAX_MARGIN:
        return Figure(mean, respondents, Withheld.MARGIN_TOO_WIDE)
    return Figure(mean, respondents)


def career_figure(*, value: Number | None, respondents: int | None) -> Figure:
    """A labour-market figure: shown with at least CAREERS_MIN_RESPONDENTS behind it."""
    if value is None or not respondents:
        return Figure(value=None, respondents=respondents, withheld=Withheld.NO_DATA)
    if respondents < settings.CAREERS_MIN_RESPONDENTS:
        return Figure(value, respondents, Withheld.TOO_FEW_RESPONDENTS)
    return Figure(value, respondents)


def career_figure_is_shown() -> Q:
    """The rule of `career_figure` as a query condition, for averages computed by
    the database: a value, and at least CAREERS_MIN_RESPONDENTS behind it."""
    return Q(value__isnull=False, respondents__gte=settings.CAREERS_MIN_RESPONDENTS)


def count_figure(value: int | None) -> Figure:
    """A registered count (students, fees): shown whenever it is known."""
    if value is None:
        return Figure.missing()
    return Figure(value)


@dataclass(frozen=True)
class PooledScore:
    """Respondent-weighted mean, pooled SD and summed population of several groups."""

    mean: float
    std_dev: float | None
    respondents: int
    population: int | None


def pool_scores(
    groups: list[tuple[Number, int, Number, int | None]],
) -> PooledScore | None:
    """Pool (mean, n, SD, N) groups as if all answers were one sample.

    The mean is weighted by respondents; the SD combines within-group and
    between-group variance, so the pooled score can be judged by survey_figure.
    """
    groups = [g for g in groups if g[0] is not None and g[1]]
    if not groups:
        return None
    total_n = sum(n for _mean, n, _sd, _pop in groups)
    mean = sum(float(m) * n for m, n, _sd, _pop in groups) / total_n
    if any(sd is None for _m, _n, sd, _pop in groups):
        std_dev = None  # unknown spread in one group: the pooled margin is unknown too
    elif total_n > 1:
        within = sum((n - 1) * float(sd) ** 2 for _m, n, sd, _pop in groups)
        between = sum(n * (float(m) - mean) ** 2 for m, n, _sd, _pop in groups)
        std_dev = math.sqrt((within + between) / (total_n - 1))
    else:
        std_dev = 0.0
    populations = [pop for *_rest, pop in groups]
    population = None if None in populations else sum(populations)
    return PooledScore(mean, std_dev, total_n, population)
