"""A programme's survey scores round by round: the overall score as a line, every
aspect in a table (docs/FIGURES.md, "Survey scores over the years").

Each round's score is judged by the publication rule (`surveys.selectors.
score_figure`): a withheld one is a gap with its reason, never 0 and never
bridged by the line. The NSE's questionnaire revisions are series breaks
(`figures.trends`): a score before a revision and one after answer other
questions. Built from the scores the page reads anyway
(`surveys.selectors.programme_scores`): no query of its own.
"""

from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from figures.formatting import score
from figures.publication import Figure
from figures.trends import SeriesBreak, Trend, YearValue, trend
from programmes.models import DataSource

from .models import Aspect, ProgrammeScore, SurveyRound
from .selectors import score_figure


@dataclass(frozen=True)
class Revision:
    """A new questionnaire, first used in the round of `year`."""

    year: int
    what: str


# The NSE's questionnaire revisions a trend breaks at, oldest first.
REVISIONS = (
    Revision(
        2021,
        _(
            "In 2021 the NSE's questionnaire was revised: questions were reworded, "
            "shortened and partly grouped under other aspects."
        ),
    ),
)


def questionnaire(year: int) -> str:
    """The series of a round's scores: the questionnaire it used."""
    series = "nse"
    for revision in REVISIONS:
        if year >= revision.year:
            series = f"nse-{revision.year}"
    return series


def _revision_of(series: str) -> Revision | None:
    return next((r for r in REVISIONS if series == f"nse-{r.year}"), None)


@dataclass(frozen=True)
class ScoreMeasure:
    """An aspect as a trend's measure (what the chart tag reads of a measure)."""

    field: str  # the aspect's code
    label: str
    kind: str = "score"
    part_of: str = ""


@dataclass(frozen=True)
class ScoreBreakNote:
    number: int
    series_break: SeriesBreak
    revision: Revision | None


@dataclass(frozen=True)
class ScoreCell:
    measure: ScoreMeasure
    figure: Figure

    @property
    def text(self) -> str:
        """The score as printed, "" when withheld."""
        return score(self.figure.value) if self.figure.is_shown else ""


@dataclass(frozen=True)
class ScoreTrendRow:
    year: int
    survey_round: SurveyRound | None  # None: no score of this programme that year
    cells: list[ScoreCell]


@dataclass(frozen=True)
class ScoreTrends:
    measures: list[ScoreMeasure]  # aspects with any score, the overall one first
    trends: dict[str, Trend]  # by aspect code
    figures: dict[tuple[str, int], Figure]  # (aspect code, year) → judged score
    rounds: dict[int, SurveyRound]  # by year
    # What the chart tag reads: scores drawn from 1 to 5, per round.
    scale = (1, 5)
    academic_years = False

    @property
    def is_shown(self) -> bool:
        return any(trend.is_shown for trend in self.trends.values())

    @property
    def overall(self) -> ScoreMeasure | None:
        return next((m for m in self.measures if m.field == Aspect.Code.OVERALL), None)

    @property
    def charts(self) -> list[list[tuple[ScoreMeasure, Trend]]]:
        """The overall score's line, when it was published in any round."""
        overall = self.overall
        if overall is None or not self.trends[overall.field].is_shown:
            return []
        return [[(overall, self.trends[overall.field])]]

    @property
    def rows(self) -> list[ScoreTrendRow]:
        """A year a row, oldest first, as "Over the years" reads."""
        if not self.measures:
            return []
        points = self.trends[self.measures[0].field].points
        missing = Figure.missing()
        return [
            ScoreTrendRow(
                point.year,
                self.rounds.get(point.year),
                [
                    ScoreCell(m, self.figures.get((m.field, point.year), missing))
                    for m in self.measures
                ],
            )
            for point in points
        ]

    @cached_property
    def notes(self) -> list[ScoreBreakNote]:
        """The breaks of the overall score's line, numbered as the chart shows
        them, or of the first aspect's when there is no overall score."""
        line = self.overall or (self.measures[0] if self.measures else None)
        if line is None:
            return []
        return [
            ScoreBreakNote(number, series_break, _revision_of(series_break.to_series))
            for number, series_break in enumerate(
                self.trends[line.field].breaks, start=1
            )
        ]

    def note_numbers(self, field: str) -> dict[tuple[int, int], int]:
        return {
            (note.series_break.before, note.series_break.after): note.number
            for note in self.notes
        }

    @property
    def cited_sources(self) -> list[DataSource]:
        sources = {r.source.pk: r.source for r in self.rounds.values()}
        return sorted(sources.values(), key=lambda source: source.pk)

    @property
    def is_demo(self) -> bool:
        return any(not source.is_real for source in self.cited_sources)

    @property
    def is_synthetic(self) -> bool:
        return any(source.is_synthetic for source in self.cited_sources)


def programme_score_trends(scores: list[ProgrammeScore]) -> ScoreTrends:
    """The programme's scores per round, from `programme_scores`: every year from
    its first round to its last is a row; a year without a score of it (no
    round, or no record) is a gap like a withheld score."""
    figures, rounds, aspects, values = {}, {}, {}, {}
    for programme_score in scores:
        code = programme_score.aspect.code
        year = programme_score.survey_round.year
        figure = score_figure(programme_score)
        figures[code, year] = figure
        rounds[year] = programme_score.survey_round
        aspects.setdefault(code, programme_score.aspect)
        values.setdefault(code, []).append(
            YearValue(year, figure.shown_value, questionnaire(year))
        )
    first, last = min(rounds, default=0), max(rounds, default=-1)
    ordered = sorted(
        aspects.values(),
        key=lambda a: (a.code != Aspect.Code.OVERALL, a.position, a.pk),
    )
    measures = [ScoreMeasure(a.code, a.name) for a in ordered]
    return ScoreTrends(
        measures=measures,
        trends={
            m.field: trend(values[m.field], first=first, last=last) for m in measures
        },
        figures=figures,
        rounds=rounds,
    )
