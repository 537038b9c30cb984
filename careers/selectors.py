"""Reads of labour-market figures per study, with derived figures computed here."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from figures.derived import judged_comparison
from figures.publication import Figure, Withheld, career_figure, career_figure_is_shown
from programmes.models import Level

from .models import (
    CareerFigure,
    CareerMetric,
    CareerOutcome,
    GraduateJudgement,
    Occupation,
)

# How the page names all studies of a level ("all wo master studies").
LEVEL_GROUP_NAMES = {
    Level.HBO_AD: gettext_lazy("associate degree programmes"),
    Level.HBO_BA: gettext_lazy("hbo bachelor studies"),
    Level.HBO_MA: gettext_lazy("hbo master studies"),
    Level.HBO_PM: gettext_lazy("post-initial hbo master studies"),
    Level.HBO_O: gettext_lazy("undivided hbo studies"),
    Level.WO_BA: gettext_lazy("wo bachelor studies"),
    Level.WO_MA: gettext_lazy("wo master studies"),
    Level.WO_PM: gettext_lazy("post-initial wo master studies"),
    Level.WO_O: gettext_lazy("undivided wo studies"),
}


@dataclass(frozen=True)
class SalaryBenchmark:
    """The study's starting salary against all studies of its level that year."""

    own: Figure
    average: Figure
    level: str

    @property
    def comparison(self) -> str:
        """Judged as every difference is (figures.derived.judged_comparison): a
        salary is published without its spread, so this is "" (no claim)."""
        return judged_comparison(self.own, self.average, "salary")

    @property
    def text(self) -> str:
        """What the page says about the difference: higher or lower only beyond
        sampling noise; with both shown and no margin known, that it cannot be
        told (the two amounts are printed beside it)."""
        if not (self.own.is_shown and self.average.is_shown):
            return ""
        group = LEVEL_GROUP_NAMES.get(self.level, self.level)
        if self.comparison == "lower":
            text = _(
                "The starting salary after this study is lower than the average "
                "of all %(group)s."
            )
        elif self.comparison == "higher":
            text = _(
                "The starting salary after this study is higher than the average "
                "of all %(group)s."
            )
        elif self.comparison == "comparable":
            text = _(
                "The starting salary after this study is comparable to the "
                "average of all %(group)s."
            )
        else:
            text = _(
                "Whether the starting salary after this study differs from the "
                "average of all %(group)s by more than chance cannot be told: the "
                "spread of the salaries is not published."
            )
        return text % {"group": group}

    @property
    def group_name(self) -> str:
        return str(LEVEL_GROUP_NAMES.get(self.level, self.level))


@dataclass(frozen=True)
class OccupationRow:
    occupation: Occupation
    share: Figure


@dataclass(frozen=True)
class CareerSummary:
    outcome: CareerOutcome
    figures: dict[str, Figure]
    occupations: list[OccupationRow]
    occupations_withheld: Figure | None
    salary: SalaryBenchmark

    @property
    def is_demo(self) -> bool:
        return not self.outcome.source.is_real

    def __getattr__(self, name):
        # Templates read figures by metric name: summary.months_to_job.
        figures = self.__dict__.get("figures", {})
        if name in figures:
            return figures[name]
        raise AttributeError(name)


@dataclass(frozen=True)
class LevelAverage:
    """A level's average as a figure, and the number of studies it rests on."""

    figure: Figure
    studies: int


def level_averages(
    level_years: Iterable[tuple[str, int]], metrics: Iterable[str] | None = None
) -> dict[tuple[str, int, str], Figure]:
    """The average of all studies of a level in a year, per (level, year, metric).

    Respondent-weighted, over the figures that may be published themselves, and
    computed by the database (a level has thousands of studies at scale); not
    rounded: pages and exports round it as they print it. The one place a level
    average is computed. One query.
    """
    averages = level_benchmarks(level_years, metrics)
    return {key: average.figure for key, average in averages.items()}


def level_benchmarks(
    level_years: Iterable[tuple[str, int]], metrics: Iterable[str] | None = None
) -> dict[tuple[str, int, str], LevelAverage]:
    """`level_averages` with the number of studies each rests on (the reports'
    benchmarks). One query."""
    wanted = set(level_years)
    if not wanted:
        return {}
    figures = CareerFigure.objects.filter(
        career_figure_is_shown(),
        outcome__study__level__in={level for level, _year in wanted},
        outcome__year__in={year for _level, year in wanted},
    )
    if metrics is not None:
        figures = figures.filter(metric__in=list(metrics))
    rows = (
        figures.values_list("outcome__study__level", "outcome__year", "metric")
        .annotate(
            total=Sum("respondents"),
            weighted=Sum(
                ExpressionWrapper(
                    F("value") * F("respondents"),
                    output_field=DecimalField(max_digits=20, decimal_places=2),
                )
            ),
            studies=Count("outcome__study_id", distinct=True),
        )
        .order_by()
    )
    return {
        (level, year, metric): LevelAverage(
            Figure(Decimal(weighted) / total, total, year=year), studies
        )
        for level, year, metric, total, weighted, studies in rows
        if (level, year) in wanted and total
    }


def salary_average(*, level: str, year: int) -> Figure:
    """The level's average starting salary in a year (see `level_averages`)."""
    metric = CareerMetric.STARTING_SALARY.value
    averages = level_averages([(level, year)], [metric])
    return averages.get((level, year, metric), Figure.missing())


def _outcome_figure(outcome: CareerOutcome, row: CareerFigure | None) -> Figure:
    """One stored figure of an outcome, judged, with its own n, year and source."""
    if row is None:
        return Figure(
            None, year=outcome.year, source=outcome.source, withheld=Withheld.NO_DATA
        )
    return career_figure(
        value=row.value,
        respondents=row.respondents,
        year=outcome.year,
        source=outcome.source,
    )


def study_career_summary(study) -> CareerSummary | None:
    """The study's latest career outcome; four queries whatever its size."""
    outcome = (
        CareerOutcome.objects.filter(study=study)
        .select_related("source")
        .order_by("-year")
        .first()
    )
    if outcome is None:
        return None
    stored = {f.metric: f for f in outcome.figures.all()}
    figures = {
        metric.value: _outcome_figure(outcome, stored.get(metric.value))
        for metric in CareerMetric
    }
    occupations_figure = career_figure(value=1, respondents=outcome.respondents)
    occupations = []
    if occupations_figure.is_shown:
        occupations = [
            OccupationRow(
                occupation=share.occupation,
                share=Figure(
                    share.share,
                    outcome.respondents,
                    year=outcome.year,
                    source=outcome.source,
                ),
            )
            for share in outcome.occupation_shares.select_related("occupation")
        ]
        if not occupations:
            occupations_figure = Figure.missing()
    salary = SalaryBenchmark(
        own=figures[CareerMetric.STARTING_SALARY.value],
        average=salary_average(level=study.level, year=outcome.year),
        level=study.level,
    )
    return CareerSummary(
        outcome=outcome,
        figures=figures,
        occupations=occupations,
        occupations_withheld=None
        if occupations_figure.is_shown
        else occupations_figure,
        salary=salary,
    )


@dataclass(frozen=True)
class StudyCareerFigures:
    figures: dict[int, dict[str, Figure]]  # study id → metric → figure
    is_demo: bool


def study_career_figures(study_ids) -> StudyCareerFigures:
    """Each study's latest career figures by metric, judged by the publication rule.

    Two queries, whatever the number of studies.
    """
    outcomes = {}
    for outcome in (
        CareerOutcome.objects.filter(study_id__in=study_ids)
        .select_related("source")
        .prefetch_related("figures")
        .order_by("-year")
    ):
        outcomes.setdefault(outcome.study_id, outcome)
    figures = {
        study_id: {
            row.metric: _outcome_figure(outcome, row) for row in outcome.figures.all()
        }
        for study_id, outcome in outcomes.items()
    }
    return StudyCareerFigures(
        figures=figures,
        is_demo=any(not o.source.is_real for o in outcomes.values()),
    )


@dataclass(frozen=True)
class JudgementSummary:
    judgement: GraduateJudgement
    good_basis: Figure
    would_choose_again: Figure

    @property
    def is_demo(self) -> bool:
        return not self.judgement.source.is_real


def study_judgement(study) -> JudgementSummary | None:
    """Graduates' latest judgement of the study, judged like a career figure."""
    judgement = (
        GraduateJudgement.objects.filter(study=study)
        .select_related("source")
        .order_by("-year")
        .first()
    )
    if judgement is None:
        return None
    return JudgementSummary(
        judgement=judgement,
        good_basis=career_figure(
            value=judgement.good_basis,
            respondents=judgement.respondents,
            year=judgement.year,
            source=judgement.source,
        ),
        would_choose_again=career_figure(
            value=judgement.would_choose_again,
            respondents=judgement.respondents,
            year=judgement.year,
            source=judgement.source,
        ),
    )
