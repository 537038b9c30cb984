"""National labour-market context for studies, computed once for every page,
export and API: the shares of a cohort with work, with benefits and back in
education, the hourly wage, and the share with work year by year against all
sectors of the level.

Each figure comes from the latest cohort CBS publishes it for: a cohort that
left last year has its one-year figures already and its five-year figures only
four years from now, so "1 year after" and "5 years after" can rest on different
cohorts, and each says which. The year-by-year series follows one cohort: the
latest with the longest run of years.

A bounded number of queries for any number of studies: the latest cohorts per
level and moment, those cohorts' counts and wages, and their sources.
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
    cohort: int | None = None

    @property
    def graduates(self) -> int | None:
        return self.work.respondents

    @property
    def cohort_label(self) -> str:
        return cohort_label(self.cohort) if self.cohort is not None else ""


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
    # The cohort of the one-year figures (the first a page shows).
    cohort: int | None = None
    moments: tuple[MomentShares, ...] = ()
    wage: Figure = field(default_factory=Figure.missing)
    wage_level: Figure = field(default_factory=Figure.missing)
    work_by_year: tuple[WorkPoint, ...] = ()
    series_cohort: int | None = None
    sources: tuple[DataSource, ...] = ()

    @property
    def is_shown(self) -> bool:
        return self.group is not None and self.cohort is not None

    @property
    def cohorts(self) -> list[int]:
        """Every cohort a figure of this context rests on, oldest first."""
        found = {moment.cohort for moment in self.moments}
        found |= {self.cohort, self.series_cohort}
        return sorted(cohort for cohort in found if cohort is not None)

    @property
    def has_several_cohorts(self) -> bool:
        return len(self.cohorts) > 1

    @property
    def cohort_label(self) -> str:
        """2015/'16, or 2018/'19, 2022/'23 when the figures rest on several."""
        return ", ".join(cohort_label(cohort) for cohort in self.cohorts)

    @property
    def series_cohort_label(self) -> str:
        return cohort_label(self.series_cohort) if self.series_cohort else ""

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


@dataclass
class _Cells:
    """What the queries found: the latest cohort per (level, years after) for
    counts and per level for wages, the counts {(level, cohort, sector, years,
    position): n}, wages {(level, cohort, sector): euro} and their sources."""

    count_cohorts: dict[tuple[str, int], int] = field(default_factory=dict)
    wage_cohorts: dict[str, int] = field(default_factory=dict)
    counts: dict[tuple, int | None] = field(default_factory=dict)
    wages: dict[tuple, object] = field(default_factory=dict)
    sources: dict[str, tuple[DataSource, ...]] = field(default_factory=dict)

    def series_cohort(self, level: str) -> int | None:
        """The cohort with the longest run of years: that of the latest moment."""
        moments = [years for lvl, years in self.count_cohorts if lvl == level]
        return self.count_cohorts[(level, max(moments))] if moments else None


def labour_market_context(study) -> LabourMarketContext:
    return labour_market_contexts([study])[study.pk]


def labour_market_contexts(studies: Iterable) -> dict[int, LabourMarketContext]:
    """{study id: context} for studies (anything with pk, level and sector)."""
    studies = list(studies)
    groups = {
        study.pk: cbs_group(level=study.level, sector=study.sector) for study in studies
    }
    cells = _cells({group.level for group, _reason in groups.values() if group})
    contexts = {}
    for study_id, (group, reason) in groups.items():
        if group is None:
            contexts[study_id] = LabourMarketContext(None, reason)
        elif cells.series_cohort(group.level) is None:
            contexts[study_id] = LabourMarketContext(
                group, _("No CBS figures have been imported for this level.")
            )
        else:
            contexts[study_id] = _context(group, cells)
    return contexts


def _cells(levels: set[str]) -> _Cells:
    cells = _Cells()
    if not levels:
        return cells
    published = {"level__in": levels, "gender": Gender.TOTAL}
    for row in (
        PositionCount.objects.filter(**published, graduates__isnull=False)
        .values("level", "years_after")
        .annotate(latest=Max("cohort"))
        .order_by()
    ):
        cells.count_cohorts[(row["level"], row["years_after"])] = row["latest"]
    for row in (
        HourlyWage.objects.filter(
            **published, years_after=WAGE_YEARS, wage__isnull=False
        )
        .values("level")
        .annotate(latest=Max("cohort"))
        .order_by()
    ):
        cells.wage_cohorts[row["level"]] = row["latest"]
    if not cells.count_cohorts:
        return cells
    counts_wanted = Q()
    for (level, years), cohort in cells.count_cohorts.items():
        counts_wanted |= Q(level=level, years_after=years, cohort=cohort)
    for level in levels:
        if (series := cells.series_cohort(level)) is not None:
            counts_wanted |= Q(level=level, cohort=series)
    source_ids = defaultdict(set)
    for level, cohort, sector, years, position, graduates, source_id in (
        PositionCount.objects.filter(counts_wanted, gender=Gender.TOTAL)
        .order_by()
        .values_list(
            "level",
            "cohort",
            "sector",
            "years_after",
            "position",
            "graduates",
            "source",
        )
    ):
        cells.counts[(level, cohort, sector, years, position)] = graduates
        source_ids["positions"].add(source_id)
    wages_wanted = Q()
    for level, cohort in cells.wage_cohorts.items():
        wages_wanted |= Q(level=level, cohort=cohort)
    if cells.wage_cohorts:
        for level, cohort, sector, wage, source_id in (
            HourlyWage.objects.filter(
                wages_wanted, gender=Gender.TOTAL, years_after=WAGE_YEARS
            )
            .order_by()
            .values_list("level", "cohort", "sector", "wage", "source")
        ):
            cells.wages[(level, cohort, sector)] = wage
            source_ids["wages"].add(source_id)
    by_id = DataSource.objects.in_bulk(set().union(*source_ids.values()))
    cells.sources = {
        key: tuple(by_id[pk] for pk in sorted(ids)) for key, ids in source_ids.items()
    }
    return cells


def _context(group: CbsGroup, cells: _Cells) -> LabourMarketContext:
    position_sources = cells.sources.get("positions", ())
    first_source = position_sources[0] if position_sources else None
    level_keys = [key for key in cells.counts if key[0] == group.level]
    # All sectors of the level: the sum of the sectors, without CBS's own
    # "Totaal" (stored as ALL_SECTORS), which would count everyone twice.
    sectors = sorted({key[2] for key in level_keys} - {ALL_SECTORS})

    def share(cohort, sector_list, years, part_positions) -> Figure:
        def counts(positions):
            return [
                cells.counts.get((group.level, cohort, sector, years, position))
                for sector in sector_list
                for position in positions
            ]

        return cohort_share(
            counts(part_positions),
            counts(Position.values),
            year=cohort_label(cohort) if cohort is not None else None,
            source=first_source,
        )

    own = [group.sector]
    moments = []
    for years in SHOWN_YEARS:
        cohort = cells.count_cohorts.get((group.level, years))
        moments.append(
            MomentShares(
                years,
                work=share(cohort, own, years, WITH_WORK),
                benefits=share(cohort, own, years, WITH_BENEFITS),
                education=share(cohort, own, years, BACK_IN_EDUCATION),
                cohort=cohort,
            )
        )
    series = cells.series_cohort(group.level)
    # From one year after leaving: directly after, nobody can be back in
    # education yet and CBS leaves that count empty, so no share is published.
    series_years = sorted(
        {key[3] for key in level_keys if key[1] == series and key[3] > 0}
    )
    work_by_year = tuple(
        WorkPoint(
            years,
            share(series, own, years, WITH_WORK),
            share(series, sectors, years, WITH_WORK),
        )
        for years in series_years
    )
    wage_cohort = cells.wage_cohorts.get(group.level)
    wage_sources = cells.sources.get("wages", ())
    wage_about = {
        "year": cohort_label(wage_cohort) if wage_cohort is not None else None,
        "source": wage_sources[0] if wage_sources else None,
    }
    return LabourMarketContext(
        group,
        cohort=moments[0].cohort or series,
        moments=tuple(moments),
        wage=published_value(
            cells.wages.get((group.level, wage_cohort, group.sector)), **wage_about
        ),
        wage_level=published_value(
            cells.wages.get((group.level, wage_cohort, ALL_SECTORS)), **wage_about
        ),
        work_by_year=work_by_year,
        series_cohort=series,
        sources=(*position_sources, *wage_sources),
    )
