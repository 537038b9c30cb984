"""National labour-market context for studies, computed once for every page,
export and API: the shares of a cohort with work, with benefits and back in
education, the hourly wage, and the share with work year by year against all
sectors of the level.

A bounded number of queries for any number of studies: the latest cohort per
level, that cohort's counts and wages, and their sources.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max, Q
from django.utils.translation import gettext as _

from figures.cohorts import cohort_share, published_value
from figures.publication import Figure
from programmes.models import DataSource

from .groups import CbsGroup, cbs_group
from .models import ALL_SECTORS, Gender, HourlyWage, Position, PositionCount
from .vocabulary import cohort_label

WITH_WORK = (Position.WORK, Position.WORK_AND_BENEFITS)
WITH_BENEFITS = (Position.WORK_AND_BENEFITS, Position.BENEFITS)
BACK_IN_EDUCATION = (Position.EDUCATION,)
SHOWN_YEARS = (1, 5)
WAGE_YEARS = 1


@dataclass(frozen=True)
class MomentShares:
    """Where a cohort stands some years after leaving; `work.respondents` etc.
    are the cohort's graduates at that moment."""

    years_after: int
    work: Figure
    benefits: Figure
    education: Figure

    @property
    def graduates(self) -> int | None:
        return self.work.respondents


@dataclass(frozen=True)
class WorkPoint:
    """The share with work some years after leaving: this sector and all sectors
    of the level (the sum of the sectors' counts)."""

    years_after: int
    sector: Figure
    level: Figure


@dataclass(frozen=True)
class LabourMarketContext:
    """CBS's national figures for a study's sector and level, or why there are none."""

    group: CbsGroup | None
    reason: str = ""
    cohort: int | None = None
    moments: tuple[MomentShares, ...] = ()
    wage: Figure = field(default_factory=Figure.missing)
    wage_level: Figure = field(default_factory=Figure.missing)
    work_by_year: tuple[WorkPoint, ...] = ()
    sources: tuple[DataSource, ...] = ()

    @property
    def is_shown(self) -> bool:
        return self.group is not None and self.cohort is not None

    @property
    def cohort_label(self) -> str:
        return cohort_label(self.cohort) if self.cohort is not None else ""

    @property
    def wage_years(self) -> int:
        return WAGE_YEARS

    @property
    def description(self) -> str:
        """E.g. "graduates of wo master programmes in Health care (cohort 2015/'16)"."""
        if not self.is_shown:
            return ""
        return _(
            "graduates of %(level)s programmes in %(sector)s (cohort %(cohort)s)"
        ) % {
            "level": self.group.level_label,
            "sector": self.group.sector_label,
            "cohort": self.cohort_label,
        }


def labour_market_context(study) -> LabourMarketContext:
    return labour_market_contexts([study])[study.pk]


def labour_market_contexts(studies: Iterable) -> dict[int, LabourMarketContext]:
    """{study id: context} for studies (anything with pk, level and sector)."""
    studies = list(studies)
    groups = {
        study.pk: cbs_group(level=study.level, sector=study.sector) for study in studies
    }
    levels = {group.level for group, _reason in groups.values() if group}
    cohorts = _latest_cohorts(levels)
    counts, wages, sources = _cells(cohorts)
    contexts = {}
    for study_id, (group, reason) in groups.items():
        if group is None:
            contexts[study_id] = LabourMarketContext(None, reason)
        elif group.level not in cohorts:
            contexts[study_id] = LabourMarketContext(
                group, _("No CBS figures have been imported for this level.")
            )
        else:
            contexts[study_id] = _context(
                group, cohorts[group.level], counts, wages, sources
            )
    return contexts


def _latest_cohorts(levels: set[str]) -> dict[str, int]:
    if not levels:
        return {}
    rows = (
        PositionCount.objects.filter(level__in=levels, gender=Gender.TOTAL)
        .values("level")
        .annotate(latest=Max("cohort"))
        .order_by()
    )
    return {row["level"]: row["latest"] for row in rows}


def _cells(cohorts: dict[str, int]):
    """The cohorts' counts {(level, sector, years, position): n}, wages
    {(level, sector, years): euro} (all genders together) and their sources."""
    if not cohorts:
        return {}, {}, {}
    which = Q()
    for level, cohort in cohorts.items():
        which |= Q(level=level, cohort=cohort)
    which &= Q(gender=Gender.TOTAL)
    counts, wages, source_ids = {}, {}, defaultdict(set)
    for level, sector, years, position, graduates, source_id in (
        PositionCount.objects.filter(which)
        .order_by()
        .values_list(
            "level", "sector", "years_after", "position", "graduates", "source"
        )
    ):
        counts[(level, sector, years, position)] = graduates
        source_ids["positions"].add(source_id)
    for level, sector, years, wage, source_id in (
        HourlyWage.objects.filter(which, years_after=WAGE_YEARS)
        .order_by()
        .values_list("level", "sector", "years_after", "wage", "source")
    ):
        wages[(level, sector, years)] = wage
        source_ids["wages"].add(source_id)
    every_id = set().union(*source_ids.values())
    by_id = DataSource.objects.in_bulk(every_id)
    sources = {
        key: tuple(by_id[pk] for pk in sorted(ids)) for key, ids in source_ids.items()
    }
    return counts, wages, sources


def _context(group, cohort, counts, wages, sources) -> LabourMarketContext:
    label = cohort_label(cohort)
    position_sources = sources.get("positions", ())
    about = {"year": label, "source": position_sources[0] if position_sources else None}
    # All sectors of the level: the sum of the sectors, without CBS's own
    # "Totaal" (stored as ALL_SECTORS), which would count everyone twice.
    sectors = sorted(
        {key[1] for key in counts if key[0] == group.level} - {ALL_SECTORS}
    )

    def share(sector_list, years, part_positions) -> Figure:
        whole = [
            counts.get((group.level, sector, years, position))
            for sector in sector_list
            for position in Position.values
        ]
        part = [
            counts.get((group.level, sector, years, position))
            for sector in sector_list
            for position in part_positions
        ]
        return cohort_share(part, whole, **about)

    own = [group.sector]
    moments = tuple(
        MomentShares(
            years,
            work=share(own, years, WITH_WORK),
            benefits=share(own, years, WITH_BENEFITS),
            education=share(own, years, BACK_IN_EDUCATION),
        )
        for years in SHOWN_YEARS
    )
    # From one year after leaving: directly after, nobody can be back in
    # education yet and CBS leaves that count empty, so no share is published.
    every_year = sorted({key[2] for key in counts if key[0] == group.level} - {0})
    work_by_year = tuple(
        WorkPoint(years, share(own, years, WITH_WORK), share(sectors, years, WITH_WORK))
        for years in every_year
    )
    wage_sources = sources.get("wages", ())
    wage_about = {"year": label, "source": wage_sources[0] if wage_sources else None}
    return LabourMarketContext(
        group,
        cohort=cohort,
        moments=moments,
        wage=published_value(
            wages.get((group.level, group.sector, WAGE_YEARS)), **wage_about
        ),
        wage_level=published_value(
            wages.get((group.level, ALL_SECTORS, WAGE_YEARS)), **wage_about
        ),
        work_by_year=work_by_year,
        sources=(*position_sources, *wage_sources),
    )
