"""Everything the public programme page shows, read and derived in one place."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import get_language

from careers.selectors import (
    CareerSummary,
    JudgementSummary,
    study_career_summary,
    study_judgement,
)
from figures.publication import Figure, count_figure
from figures.shares import gender_shares
from labour_market.selectors import LabourMarketContext
from programmes.models import (
    DataSource,
    Enrolment,
    Municipality,
    Programme,
    StudyProgress,
    TuitionFee,
    slug_field,
)
from programmes.renditions import image_srcset
from programmes.selectors import (
    CityProgrammeCount,
    city_programme_count,
)
from programmes.trends import (
    EnrolmentTrends,
    programme_enrolment_trends,
    programme_enrolments,
)
from surveys.selectors import ScoreTable, programme_score_table, programme_scores
from surveys.trends import ScoreTrends, programme_score_trends

from .key_facts import KeyFacts, key_facts, last_updated
from .labour_market import page_labour_market_context
from .standouts import Standout, programme_standouts


def percentage_figure(value) -> Figure:
    return Figure.missing() if value is None else Figure(value)


@dataclass(frozen=True)
class StudentFigures:
    enrolment: Enrolment | None
    students: Figure
    first_years: Figure
    men_share: Figure
    women_share: Figure
    sources: list[DataSource]


# A programme's study-progress shares, in the order a page shows them.
PROGRESS_SHARES = (
    "first_year_continued",
    "first_year_switched",
    "first_year_dropped_out",
    "diploma_this",
    "diploma_other",
    "diploma_none",
)


@dataclass(frozen=True)
class ProgressFigures:
    progress: StudyProgress | None
    first_year_continued: Figure
    first_year_switched: Figure
    first_year_dropped_out: Figure
    diploma_years: int
    diploma_this: Figure
    diploma_other: Figure
    diploma_none: Figure

    @property
    def first_year_shown(self) -> bool:
        return any(
            f.is_shown
            for f in (
                self.first_year_continued,
                self.first_year_switched,
                self.first_year_dropped_out,
            )
        )

    @property
    def diploma_shown(self) -> bool:
        return any(
            f.is_shown
            for f in (self.diploma_this, self.diploma_other, self.diploma_none)
        )


@dataclass(frozen=True)
class CityFigures:
    municipality: Municipality | None
    programmes: CityProgrammeCount | None
    students: Figure


@dataclass(frozen=True)
class ProgrammePage:
    programme: Programme
    specialisations: list
    honours: list
    fees: list[TuitionFee]
    students: StudentFigures
    city: CityFigures
    progress: ProgressFigures
    scores: ScoreTable | None
    judgement: JudgementSummary | None
    careers: CareerSummary | None
    # CBS's national figures of the study's sector and level: context, shown
    # after the study's own career figures, never as the programme's.
    labour_market: LabourMarketContext
    sources: list[DataSource] = field(default_factory=list)
    # Students, first-years and graduates year by year, breaks marked.
    trends: EnrolmentTrends | None = None
    # The survey scores round by round, the NSE's revisions marked.
    score_trends: ScoreTrends | None = None

    @property
    def fee_sources(self) -> list[DataSource]:
        return unique_sources(fee.source for fee in self.fees)

    @property
    def is_demo(self) -> bool:
        return any(not source.is_real for source in self.sources)

    @property
    def is_synthetic(self) -> bool:
        return any(source.is_synthetic for source in self.sources)

    # Cached: the summary, the fees section and the structured data read them.
    @cached_property
    def key_facts(self) -> KeyFacts:
        return key_facts(
            fees=self.fees,
            students=self.students.students,
            scores=self.scores,
            careers=self.careers,
        )

    @cached_property
    def standouts(self) -> list[Standout]:
        return programme_standouts(self.programme, self.scores, self.careers)

    @property
    def last_updated(self) -> datetime.date | None:
        return last_updated(self.programme, self.sources)

    @property
    def image_srcset(self) -> str:
        """The editor's image at narrower widths too, for the <img>'s srcset."""
        return image_srcset(self.programme.image, self.programme.image_width)


def unique_sources(sources) -> list[DataSource]:
    """Each source once, in order of appearance, leaving out the unknown ones."""
    return list({source.pk: source for source in sources if source}.values())


def programmes_for_page(queryset):
    """The published programmes with everything their pages join (the open
    data export reads every one as its page does)."""
    return (
        queryset.published()
        .with_place()
        .select_related("source", "municipality__students_source")
        .prefetch_related("specialisations", "honours_programmes")
    )


def programme_for_page(queryset, slug: str) -> Programme:
    """The published programme with everything its page joins, or DoesNotExist;
    found by its slug in the active language."""
    return programmes_for_page(queryset).get(**{slug_field(get_language()): slug})


def student_figures(
    enrolment: Enrolment | None, sources: list[DataSource]
) -> StudentFigures:
    """The student counts of a programme's latest enrolment record, with its year
    and `sources`, the ones the record cites."""
    if enrolment is None:
        missing = Figure.missing()
        return StudentFigures(None, missing, missing, missing, missing, [])
    # The figure cites its first source by id, as the listing's summary does.
    first = min(sources, key=lambda source: source.pk) if sources else None
    about = {"year": str(enrolment), "source": first}
    shares = gender_shares(
        total=enrolment.first_years,
        men=enrolment.first_years_men,
        women=enrolment.first_years_women,
    )
    return StudentFigures(
        enrolment=enrolment,
        students=count_figure(enrolment.students, **about),
        first_years=count_figure(enrolment.first_years, **about),
        men_share=shares.men,
        women_share=shares.women,
        sources=sources,
    )


def _progress_figures(programme: Programme) -> ProgressFigures:
    progress = (
        StudyProgress.objects.filter(programme=programme)
        .select_related("source")
        .order_by("-cohort_year")
        .first()
    )
    values = {
        name: percentage_figure(getattr(progress, name, None))
        for name in PROGRESS_SHARES
    }
    diploma_years = progress.diploma_years if progress else 3
    return ProgressFigures(progress=progress, diploma_years=diploma_years, **values)


def _city_figures(programme: Programme) -> CityFigures:
    municipality = programme.municipality
    if municipality is None:
        return CityFigures(None, None, Figure.missing())
    return CityFigures(
        municipality=municipality,
        programmes=city_programme_count(municipality),
        students=count_figure(municipality.students),
    )


def programme_page(programme: Programme) -> ProgrammePage:
    """All figures of a programme page: a fixed number of queries, any data size."""
    fees = list(programme.fees.select_related("source"))
    # Read once for the latest year's counts and the trends alike.
    records = programme_enrolments(programme)
    latest = records.latest
    students = student_figures(latest, records.cited_by(latest))
    progress = _progress_figures(programme)
    # Every round's scores, read once for the latest round's table and the trend.
    all_scores = programme_scores(programme)
    scores = programme_score_table(programme, all_scores)
    judgement = study_judgement(programme.study)
    careers = study_career_summary(programme.study)
    labour_market = page_labour_market_context(programme.study)
    city = _city_figures(programme)

    sources = [
        programme.source,
        *(city.programmes.sources if city.programmes else ()),
        programme.municipality.students_source if programme.municipality else None,
        *(fee.source for fee in fees),
        *students.sources,
        progress.progress.source if progress.progress else None,
        scores.survey_round.source if scores else None,
        judgement.judgement.source if judgement else None,
        careers.outcome.source if careers else None,
        *labour_market.sources,
    ]
    return ProgrammePage(
        programme=programme,
        specialisations=list(programme.specialisations.all()),
        honours=list(programme.honours_programmes.all()),
        fees=fees,
        students=students,
        city=city,
        progress=progress,
        scores=scores,
        judgement=judgement,
        careers=careers,
        labour_market=labour_market,
        sources=unique_sources(sources),
        trends=programme_enrolment_trends(programme, records),
        score_trends=programme_score_trends(all_scores),
    )
