"""Reads of student-survey figures, with every derived figure computed here."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q

from figures.derived import difference, difference_text, judged_comparison
from figures.publication import Figure, pool_scores, survey_figure
from programmes.models import Programme

from .models import Aspect, ProgrammeScore, SurveyRound


@dataclass(frozen=True)
class ScoreRow:
    """One aspect: this programme, its institution and the study nationally."""

    aspect: Aspect
    own: Figure
    institution: Figure
    national: Figure

    @property
    def difference(self) -> Decimal | None:
        return difference(self.own, self.national)

    @property
    def comparison(self) -> str:
        """ "higher" or "lower" than the national average beyond sampling noise,
        "comparable" within it, "" when either is withheld."""
        return judged_comparison(self.own, self.national)

    @property
    def difference_text(self) -> str:
        return difference_text(self.own, self.national)


@dataclass(frozen=True)
class ScoreTable:
    survey_round: SurveyRound
    rows: list[ScoreRow]
    respondents: int | None
    programme_count: int = 0
    support: ScoreRow | None = None
    chart_rows: list[ScoreRow] = field(default_factory=list)

    @property
    def is_demo(self) -> bool:
        return not self.survey_round.source.is_real


def _raw(score: ProgrammeScore) -> tuple:
    return score.mean, score.respondents, score.std_dev, score.population


def score_figure(score: ProgrammeScore) -> Figure:
    """A programme's own score, judged by the publication rule."""
    return survey_figure(
        mean=score.mean,
        respondents=score.respondents,
        std_dev=score.std_dev,
        population=score.population,
        year=score.survey_round.year,
        source=score.survey_round.source,
    )


@dataclass(frozen=True)
class PooledAverage:
    """A pooled average judged as a figure, and the number of programmes whose
    scores it pools (what a benchmark says it rests on)."""

    figure: Figure
    programmes: int


def pooled_averages(
    survey_rounds: Iterable[SurveyRound], group_ids: Iterable[int], *, by: str
) -> dict[tuple[int, int, int], Figure]:
    """Averages over the published programmes of a study (`by="study"`, the
    national average) or of an institution (`by="institution"`), per
    (round id, study or institution id, aspect id).

    Respondent-weighted pools of the programmes' raw scores (figures.publication
    `pool_scores`), judged by the same rule as a programme's own score. The one
    place these averages are computed: pages, compare and exports call it. One
    query, whatever the number of programmes.
    """
    pooled = pooled_benchmarks(survey_rounds, group_ids, by=by)
    return {key: average.figure for key, average in pooled.items()}


def pooled_benchmarks(
    survey_rounds: Iterable[SurveyRound], group_ids: Iterable[int], *, by: str
) -> dict[tuple[int, int, int], PooledAverage]:
    """`pooled_averages` with the number of programmes each rests on (the
    reports' benchmarks). One query."""
    rounds = {survey_round.pk: survey_round for survey_round in survey_rounds}
    group_ids = set(group_ids)
    if not rounds or not group_ids:
        return {}
    # Peers by programme id (a subquery), so that the database starts from the
    # programmes of the studies or institutions, not every score of the round.
    peers = Programme.objects.published().filter(**{f"{by}_id__in": group_ids})
    rows = ProgrammeScore.objects.filter(
        survey_round_id__in=rounds, programme_id__in=peers.values("pk")
    ).values_list(
        "survey_round_id",
        f"programme__{by}_id",
        "aspect_id",
        "mean",
        "respondents",
        "std_dev",
        "population",
    )
    return _pooled(rows.iterator(chunk_size=2000), rounds)


def pooled_rows(rows, rounds: dict[int, SurveyRound]) -> dict[tuple, Figure]:
    """The arithmetic of `pooled_averages` on rows already read: (round id, group
    id, aspect id, mean, n, SD, N) → a judged pooled figure per (round, group,
    aspect)."""
    return {key: average.figure for key, average in _pooled(rows, rounds).items()}


def _pooled(rows, rounds: dict[int, SurveyRound]) -> dict[tuple, PooledAverage]:
    groups = defaultdict(list)
    for round_id, group_id, aspect_id, *scores in rows:
        groups[round_id, group_id, aspect_id].append(tuple(scores))
    averages = {}
    for key, scores in groups.items():
        pooled = pool_scores(scores)
        survey_round = rounds[key[0]]
        averages[key] = (
            PooledAverage(Figure.missing(), 0)
            if pooled is None
            else PooledAverage(
                survey_figure(
                    mean=pooled.mean,
                    respondents=pooled.respondents,
                    std_dev=pooled.std_dev,
                    population=pooled.population,
                    year=survey_round.year,
                    source=survey_round.source,
                ),
                pooled.groups,
            )
        )
    return averages


def programme_scores(programme) -> list[ProgrammeScore]:
    """Every score of the programme, all rounds, newest round first and each in
    page order, with its aspect and round: the score table reads its latest
    round from them and the trend all of them (the page reads them once). One
    query."""
    return list(
        ProgrammeScore.objects.filter(programme=programme)
        .select_related("aspect", "survey_round__source")
        .order_by("-survey_round__year", "aspect__position", "aspect_id")
    )


def _latest_round(
    scores: list[ProgrammeScore],
) -> tuple[SurveyRound | None, list[ProgrammeScore]]:
    """The latest round among these scores (as `programme_scores` orders them)
    and its scores in page order."""
    if not scores:
        return None, []
    survey_round = scores[0].survey_round
    return survey_round, [s for s in scores if s.survey_round_id == survey_round.pk]


def _programme_pools(programme, survey_round) -> tuple[dict, dict]:
    """The national and institution averages of `pooled_averages` for one
    programme page, read together in one query."""
    peers = Programme.objects.published().filter(
        Q(study_id=programme.study_id) | Q(institution_id=programme.institution_id)
    )
    rows = ProgrammeScore.objects.filter(
        survey_round=survey_round, programme_id__in=peers.values("pk")
    ).values_list(
        "survey_round_id",
        "programme__study_id",
        "programme__institution_id",
        "aspect_id",
        "mean",
        "respondents",
        "std_dev",
        "population",
    )
    national, institution = [], []
    for round_id, study_id, institution_id, *scores in rows:
        if study_id == programme.study_id:
            national.append((round_id, study_id, *scores))
        if institution_id == programme.institution_id:
            institution.append((round_id, institution_id, *scores))
    rounds = {survey_round.pk: survey_round}
    return pooled_rows(national, rounds), pooled_rows(institution, rounds)


def programme_score_table(
    programme, scores: list[ProgrammeScore] | None = None
) -> ScoreTable | None:
    """The programme's scores in its latest round against institution and study,
    from its scores as `programme_scores` reads them (read here when not given).

    Three queries, whatever the number of programmes or aspects.
    """
    if scores is None:
        scores = programme_scores(programme)
    survey_round, own_scores = _latest_round(scores)
    if survey_round is None:
        return None
    national, institution = _programme_pools(programme, survey_round)
    missing = Figure.missing()
    rows, support = [], None
    for score in own_scores:
        row = ScoreRow(
            aspect=score.aspect,
            own=score_figure(score),
            institution=institution.get(
                (survey_round.pk, programme.institution_id, score.aspect_id), missing
            ),
            national=national.get(
                (survey_round.pk, programme.study_id, score.aspect_id), missing
            ),
        )
        if score.aspect.code == Aspect.Code.SUPPORT:
            support = row
        else:
            rows.append(row)

    overall = [s for s in own_scores if s.aspect.code == Aspect.Code.OVERALL]
    respondents = (overall or own_scores)[0].respondents
    return ScoreTable(
        survey_round=survey_round,
        rows=rows,
        respondents=respondents,
        programme_count=programme.study.programmes.published().count(),
        support=support,
        chart_rows=[row for row in rows if row.own.is_shown],
    )


@dataclass(frozen=True)
class ComparedScore:
    """One aspect of one compared programme: its score and its study's average."""

    own: Figure
    national: Figure


@dataclass(frozen=True)
class ComparedScores:
    aspects: list[Aspect]
    table: dict[int, dict[int, ComparedScore]]  # programme id → aspect id → score
    is_demo: bool


def compared_scores(programmes) -> ComparedScores:
    """Latest-round scores of several programmes, each against its own study.

    Two queries, whatever the number of programmes or aspects.
    """
    ids = [programme.pk for programme in programmes]
    own = list(
        ProgrammeScore.objects.filter(programme_id__in=ids)
        .select_related("aspect", "survey_round__source")
        .order_by("-survey_round__year", "aspect__position", "aspect_id")
    )
    latest_round = {}
    for score in own:
        latest_round.setdefault(score.programme_id, score.survey_round)
    own = [s for s in own if latest_round[s.programme_id] == s.survey_round]
    study_of = {programme.pk: programme.study_id for programme in programmes}
    national = pooled_averages(
        set(latest_round.values()), set(study_of.values()), by="study"
    )

    aspects, table = {}, defaultdict(dict)
    for score in own:
        aspects[score.aspect_id] = score.aspect
        key = (score.survey_round_id, study_of[score.programme_id], score.aspect_id)
        table[score.programme_id][score.aspect_id] = ComparedScore(
            own=score_figure(score),
            national=national.get(key, Figure.missing()),
        )
    return ComparedScores(
        aspects=list(aspects.values()),
        table=dict(table),
        is_demo=any(not s.survey_round.source.is_real for s in own),
    )


@dataclass(frozen=True)
class StudyAverages:
    """The study's national averages per aspect in its latest survey round."""

    survey_round: SurveyRound
    rows: list[tuple[Aspect, Figure]]
    programme_count: int

    @property
    def is_demo(self) -> bool:
        return not self.survey_round.source.is_real


def study_score_averages(study) -> StudyAverages | None:
    """The national averages of the study (those of its programme pages) in the
    latest round any of its published programmes took part in; one query."""
    return studies_score_averages([study]).get(study.pk)


def studies_score_averages(studies) -> dict[int, StudyAverages]:
    """`study_score_averages` of several studies (the API's list of studies),
    by study id; one query, whatever the number of studies. A study without
    scores is left out."""
    studies = list(studies)
    published = Programme.objects.published().filter(study__in=studies)
    scores = (
        ProgrammeScore.objects.filter(programme_id__in=published.values("pk"))
        .annotate(study_id=F("programme__study_id"))
        .select_related("aspect", "survey_round__source")
        .order_by("-survey_round__year", "aspect__position", "aspect_id")
    )
    of_study = defaultdict(list)
    for score in scores:
        of_study[score.study_id].append(score)
    averages = {}
    for study_id, study_scores in of_study.items():
        survey_round = study_scores[0].survey_round
        latest = [s for s in study_scores if s.survey_round_id == survey_round.pk]
        national = pooled_rows(
            ((s.survey_round_id, study_id, s.aspect_id, *_raw(s)) for s in latest),
            {survey_round.pk: survey_round},
        )
        aspects = {s.aspect_id: s.aspect for s in latest}
        rows = [
            (aspect, national[survey_round.pk, study_id, aspect_id])
            for aspect_id, aspect in aspects.items()
        ]
        averages[study_id] = StudyAverages(
            survey_round, rows, len({s.programme_id for s in latest})
        )
    return averages


def rounds_aspects(rounds) -> dict[int, list[Aspect]]:
    """The aspects each survey round has scores on, in their order, by round
    id (the API's survey rounds). One query, an EXISTS per round on the scores'
    index, so the cost does not grow with the number of scores."""
    rounds = list(rounds)
    aspects = Aspect.objects.annotate(
        **{
            f"in_round_{survey_round.pk}": Exists(
                ProgrammeScore.objects.filter(
                    survey_round_id=survey_round.pk, aspect_id=OuterRef("pk")
                )
            )
            for survey_round in rounds
        }
    ).order_by("position", "pk")
    found = {survey_round.pk: [] for survey_round in rounds}
    if not rounds:
        return found
    for aspect in aspects:
        for round_id, in_round in found.items():
            if getattr(aspect, f"in_round_{round_id}"):
                in_round.append(aspect)
    return found
