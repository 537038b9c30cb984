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
# Two-sided 95%: every margin of error on the site.
Z_95 = 1.96

INSUFFICIENT_INFORMATION = _("We have insufficient reliable information on this topic.")


class Withheld(models.TextChoices):
    """Why a figure is not shown."""

    NO_DATA = "no_data", _("No figures are available.")
    TOO_FEW_RESPONDENTS = "too_few", _("Too few people responded.")
    MARGIN_TOO_WIDE = "margin", _("The margin of error is too wide.")
    NEW_PROGRAMME = "new", _("The programme is too new to have figures.")
    NOT_PUBLISHED = "not_published", _("Statistics Netherlands publishes no figure.")
    SMALL_GROUP = "small_group", _("Too few graduates for a reliable share.")
    NO_GRADUATES = "no_graduates", _("Statistics Netherlands counts no graduates here.")


@dataclass(frozen=True)
class Figure:
    """A value that may be published, or the reason it may not, with what a page
    says about it: the year it is about (as printed: 2024, or 2024–2025 for an
    academic year), its source and the number of people behind it
    (`respondents`: this figure's own n, not its survey's). A survey score also
    knows its 95% margin, so that a difference can be judged."""

    value: Number | None
    respondents: int | None = None
    withheld: Withheld | None = None
    year: int | str | None = None
    source: object = None  # a programmes.DataSource; figures imports no app
    margin: float | None = None

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
        return self.withheld in (Withheld.NO_DATA, Withheld.NO_GRADUATES)

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
    margin = Z_95 * float(std_dev) / math.sqrt(respondents)
    if population and population > 1:
        margin *= math.sqrt(max(population - respondents, 0) / (population - 1))
    return margin


def survey_figure(
    *,
    mean: Number | None,
    respondents: int | None,
    std_dev: Number | None,
    population: int | None = None,
    year: int | None = None,
    source: object = None,
) -> Figure:
    """A student-survey score: n ≥ SURVEY_MIN_RESPONDENTS and margin < SURVEY_MAX_MARGIN."""
    margin = None
    if mean is not None and respondents and std_dev is not None:
        margin = survey_margin(
            std_dev=std_dev, respondents=respondents, population=population
        )
    return judged_survey_figure(
        mean=mean, respondents=respondents, margin=margin, year=year, source=source
    )


def judged_survey_figure(
    *,
    mean: Number | None,
    respondents: int | None,
    margin: float | None,
    year: int | None = None,
    source: object = None,
) -> Figure:
    """`survey_figure` for a score whose margin was computed before (the listing
    stores it): the thresholds are applied now, as they are set now."""
    about = {"year": year, "source": source, "margin": margin}
    if mean is None or not respondents:
        return Figure(None, respondents, Withheld.NO_DATA, **about)
    if respondents < settings.SURVEY_MIN_RESPONDENTS:
        return Figure(mean, respondents, Withheld.TOO_FEW_RESPONDENTS, **about)
    if margin is None or margin >= settings.SURVEY_MAX_MARGIN:
        return Figure(mean, respondents, Withheld.MARGIN_TOO_WIDE, **about)
    return Figure(mean, respondents, **about)


def survey_figure_is_shown(*, mean: str, respondents: str, margin: str) -> Q:
    """The rule of `judged_survey_figure` as a query condition on stored columns."""
    return Q(
        **{
            f"{mean}__isnull": False,
            f"{respondents}__gte": max(settings.SURVEY_MIN_RESPONDENTS, 1),
            f"{margin}__lt": settings.SURVEY_MAX_MARGIN,
        }
    )


def career_figure(
    *,
    value: Number | None,
    respondents: int | None,
    year: int | None = None,
    source: object = None,
) -> Figure:
    """A labour-market figure: shown with at least CAREERS_MIN_RESPONDENTS behind it."""
    about = {"year": year, "source": source}
    if value is None or not respondents:
        return Figure(None, respondents, Withheld.NO_DATA, **about)
    if respondents < settings.CAREERS_MIN_RESPONDENTS:
        return Figure(value, respondents, Withheld.TOO_FEW_RESPONDENTS, **about)
    return Figure(value, respondents, **about)


def career_figure_is_shown(
    *, value: str = "value", respondents: str = "respondents"
) -> Q:
    """The rule of `career_figure` as a query condition, for averages computed by
    the database and the listing: a value, and at least CAREERS_MIN_RESPONDENTS
    behind it."""
    return Q(
        **{
            f"{value}__isnull": False,
            f"{respondents}__gte": max(settings.CAREERS_MIN_RESPONDENTS, 1),
        }
    )


def count_figure(
    value: int | None, *, year: int | None = None, source: object = None
) -> Figure:
    """A registered count (students, fees): shown whenever it is known."""
    if value is None:
        return Figure(None, withheld=Withheld.NO_DATA, year=year, source=source)
    return Figure(value, year=year, source=source)


@dataclass(frozen=True)
class PooledScore:
    """Respondent-weighted mean, pooled SD and summed population of several groups."""

    mean: float
    std_dev: float | None
    respondents: int
    population: int | None
    groups: int = 0  # the groups (programmes) whose answers were pooled


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
    return PooledScore(mean, std_dev, total_n, population, len(groups))


def publication_rule_text() -> str:
    """The rule above in a sentence, with today's thresholds, for the "about"
    sheet of every export."""
    return _(
        "Survey scores are shown with at least %(survey)s respondents and a 95%% "
        "margin below %(margin)s; career figures with at least %(careers)s "
        "respondents. Other values are left empty and say why."
    ) % {
        "survey": settings.SURVEY_MIN_RESPONDENTS,
        "margin": settings.SURVEY_MAX_MARGIN,
        "careers": settings.CAREERS_MIN_RESPONDENTS,
    }
