"""Reads of student-survey figures, with every derived figure computed here."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from figures.formatting import round_score
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
        """Rounded own minus rounded national, so the row never contradicts itself."""
        if not (self.own.is_shown and self.national.is_shown):
            return None
        return round_score(self.own.value) - round_score(self.national.value)

    @property
    def comparison(self) -> str:
        """ "lower", "equal" or "higher" than the national average ("" if unknown)."""
        if self.difference is None:
            return ""
        if self.difference < 0:
            return "lower"
        if self.difference > 0:
            return "higher"
        return "equal"

    @property
    def difference_text(self) -> str:
        """E.g. "0.2 lower than the national average", in the active language."""
        if self.difference is None:
            return ""
        amount = number_format(abs(self.difference), 1)
        if self.comparison == "lower":
            text = _("%(difference)s lower than the national average")
        elif self.comparison == "higher":
            text = _("%(difference)s higher than the national average")
        else:
            text = _("%(difference)s, equal to the national average")
        return text % {"difference": amount}


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


def _judge(pooled) -> Figure:
    if pooled is None:
        return Figure.missing()
    return survey_figure(
        mean=pooled.mean,
        respondents=pooled.respondents,
        std_dev=pooled.std_dev,
        population=pooled.population,
    )


def programme_score_table(programme) -> ScoreTable | None:
    """The programme's scores in its latest round against institution and study.

    Averages pool the raw scores of all published programmes (respondent-weighted)
    and are then judged by the same publication rule as a programme's own score.
    Three queries, whatever the number of programmes or aspects.
    """
    own_scores = list(
        ProgrammeScore.objects.filter(programme=programme)
        .select_related("aspect", "survey_round__source")
        .order_by("-survey_round__year", "aspect__position", "aspect_id")
    )
    if not own_scores:
        return None
    survey_round = own_scores[0].survey_round
    own_scores = [s for s in own_scores if s.survey_round_id == survey_round.pk]

    # Peers by programme id (a subquery), so that the database starts from the
    # programmes of the study and institution, not from every score of the round.
    peer_programmes = Programme.objects.filter(
        Q(study_id=programme.study_id) | Q(institution_id=programme.institution_id),
        is_published=True,
    ).values("pk")
    peers = ProgrammeScore.objects.filter(
        survey_round=survey_round, programme_id__in=peer_programmes
    ).values_list(
        "aspect_id",
        "programme__study_id",
        "programme__institution_id",
        "mean",
        "respondents",
        "std_dev",
        "population",
    )
    national_groups = defaultdict(list)
    institution_groups = defaultdict(list)
    for aspect_id, study_id, institution_id, *group in peers:
        if study_id == programme.study_id:
            national_groups[aspect_id].append(tuple(group))
        if institution_id == programme.institution_id:
            institution_groups[aspect_id].append(tuple(group))

    rows, support = [], None
    for score in own_scores:
        row = ScoreRow(
            aspect=score.aspect,
            own=survey_figure(
                mean=score.mean,
                respondents=score.respondents,
                std_dev=score.std_dev,
                population=score.population,
            ),
            institution=_judge(pool_scores(institution_groups[score.aspect_id])),
            national=_judge(pool_scores(national_groups[score.aspect_id])),
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
        latest_round.setdefault(score.programme_id, score.survey_round_id)
    own = [s for s in own if latest_round[s.programme_id] == s.survey_round_id]
    study_of = {programme.pk: programme.study_id for programme in programmes}

    peer_programmes = Programme.objects.filter(
        study_id__in=set(study_of.values()), is_published=True
    ).values("pk")
    peers = ProgrammeScore.objects.filter(
        survey_round_id__in=set(latest_round.values()),
        programme_id__in=peer_programmes,
    ).values_list(
        "survey_round_id",
        "programme__study_id",
        "aspect_id",
        "mean",
        "respondents",
        "std_dev",
        "population",
    )
    groups = defaultdict(list)
    for round_id, study_id, aspect_id, *group in peers:
        groups[round_id, study_id, aspect_id].append(tuple(group))

    aspects, table = {}, defaultdict(dict)
    for score in own:
        aspects[score.aspect_id] = score.aspect
        key = (score.survey_round_id, study_of[score.programme_id], score.aspect_id)
        table[score.programme_id][score.aspect_id] = ComparedScore(
            own=survey_figure(
                mean=score.mean,
                respondents=score.respondents,
                std_dev=score.std_dev,
                population=score.population,
            ),
            national=_judge(pool_scores(groups[key])),
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
    """Respondent-pooled averages of the study's published programmes; one query."""
    scores = list(
        ProgrammeScore.objects.filter(
            programme__study=study, programme__is_published=True
        )
        .select_related("aspect", "survey_round__source")
        .order_by("-survey_round__year", "aspect__position", "aspect_id")
    )
    if not scores:
        return None
    survey_round = scores[0].survey_round
    groups, aspects, programmes = defaultdict(list), {}, set()
    for score in scores:
        if score.survey_round_id != survey_round.pk:
            continue
        aspects[score.aspect_id] = score.aspect
        programmes.add(score.programme_id)
        groups[score.aspect_id].append(
            (score.mean, score.respondents, score.std_dev, score.population)
        )
    rows = [
        (aspect, _judge(pool_scores(groups[aspect_id])))
        for aspect_id, aspect in aspects.items()
    ]
    return StudyAverages(survey_round, rows, len(programmes))
