"""The stored aspect scores (public.models.ProgrammeAspectScore) are each
programme's latest scores as its page reads them, and follow every change."""

from decimal import Decimal

import pytest

from public.models import CatalogueCounts, ProgrammeAspectScore
from public.summaries import (
    REPLACE_FROM,
    summaries_rebuild_if_outdated,
    summaries_refresh,
)
from surveys.models import Aspect, ProgrammeScore
from surveys.selectors import programme_scores, score_figure
from tests.programmes.factories import DataSourceFactory, ProgrammeFactory
from tests.public.listing_pages import get_listing, result_names
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


def _live(programme) -> dict[str, tuple]:
    """The programme's scores in its latest round as its page reads and judges
    them (surveys.selectors), but the overall one (its summary's)."""
    scores = programme_scores(programme)
    latest = [s for s in scores if s.survey_round_id == scores[0].survey_round_id]
    return {
        s.aspect.code: _seen(score_figure(s))
        for s in latest
        if s.aspect.code != Aspect.Code.OVERALL
    }


def _stored(programme) -> dict[str, tuple]:
    rows = ProgrammeAspectScore.objects.filter(summary=programme.pk).select_related(
        "aspect", "source"
    )
    return {row.aspect.code: _seen(row.figure) for row in rows}


def _seen(figure) -> tuple:
    """What a page makes of a figure: shown or why not, and what it says."""
    margin = None if figure.margin is None else round(figure.margin, 9)
    return (
        figure.value,
        figure.respondents,
        figure.withheld,
        figure.year,
        figure.source,
        margin,
    )


def _aspects():
    return {
        code: AspectFactory(code=code)
        for code in (
            Aspect.Code.OVERALL,
            Aspect.Code.ATMOSPHERE,
            Aspect.Code.FACILITIES,
            Aspect.Code.CONTENT,
        )
    }


@pytest.fixture
def catalogue():
    """Programmes with scores in one or two rounds: shown, withheld (too few
    respondents, too wide a margin), an aspect missing from the latest round,
    one without any score."""
    aspects = _aspects()
    older = SurveyRoundFactory(year=2023, source=DataSourceFactory())
    newer = SurveyRoundFactory(year=2024, source=DataSourceFactory())
    programmes = [ProgrammeFactory() for _ in range(5)]
    both, few, wide, only_old, _none = programmes
    for survey_round, mean in ((older, "4.10"), (newer, "3.70")):
        for aspect in aspects.values():
            ProgrammeScoreFactory(
                programme=both, aspect=aspect, survey_round=survey_round, mean=mean
            )
    ProgrammeScoreFactory(
        programme=few, aspect=aspects["atmosphere"], survey_round=newer, respondents=4
    )
    ProgrammeScoreFactory(
        programme=wide,
        aspect=aspects["facilities"],
        survey_round=newer,
        respondents=10,
        std_dev="1.50",
        population=None,
    )
    ProgrammeScoreFactory(
        programme=wide, aspect=aspects["overall"], survey_round=newer, mean="3.00"
    )
    # Its latest round is 2024 (the overall score): the older atmosphere
    # score is not its latest.
    ProgrammeScoreFactory(
        programme=only_old, aspect=aspects["atmosphere"], survey_round=older
    )
    ProgrammeScoreFactory(
        programme=only_old, aspect=aspects["overall"], survey_round=newer
    )
    return programmes


def test_the_stored_aspect_scores_are_the_latest_the_pages_read(catalogue):
    both, few, wide, only_old, none = catalogue
    for programme in catalogue:
        assert _stored(programme) == _live(programme)
    assert set(_stored(both)) == {"atmosphere", "facilities", "content"}
    assert _stored(both)["content"][:4] == (Decimal("3.70"), 100, None, 2024)
    assert _stored(few)["atmosphere"][2] == "too_few"
    assert _stored(wide)["facilities"][2] == "margin"
    assert _stored(only_old) == {} and _stored(none) == {}


def test_the_stored_aspect_scores_follow_a_bulk_change_and_a_rebuild(catalogue):
    """An import writes in bulk (no signals) and then refreshes; many changed
    summaries are replaced (REPLACE_FROM), their aspect scores written again."""
    atmosphere = Aspect.objects.get(code=Aspect.Code.ATMOSPHERE)
    for _ in range(REPLACE_FROM + 5):
        ProgrammeScoreFactory(aspect=atmosphere, mean="2.50")
    ProgrammeScore.objects.update(mean="4.80", respondents=50)
    assert summaries_refresh() > 0
    assert ProgrammeAspectScore.objects.exclude(score=Decimal("4.80")).count() == 0
    assert summaries_refresh() == 0  # nothing changed since
    for programme in catalogue:
        assert _stored(programme) == _live(programme)

    # A database migrated from before the aspect scores were stored.
    ProgrammeAspectScore.objects.all().delete()
    CatalogueCounts.objects.update_or_create(
        pk=CatalogueCounts.SINGLE, defaults={"summaries_version": 5}
    )
    assert summaries_rebuild_if_outdated() > 0
    for programme in catalogue:
        assert _stored(programme) == _live(programme)


@pytest.mark.django_db(transaction=True)
def test_editing_and_deleting_a_score_moves_the_ranking_with_the_page(client):
    """As an editor in the admin: each save or delete is committed on its own."""
    aspects = _aspects()
    top = ProgrammeFactory(name_nl="Top", name_en="Top")
    low = ProgrammeFactory(name_nl="Laag", name_en="Low")
    third = ProgrammeFactory(name_nl="Derde", name_en="Third")
    top_score = ProgrammeScoreFactory(
        programme=top, aspect=aspects["atmosphere"], mean="4.50"
    )
    ProgrammeScoreFactory(programme=low, aspect=aspects["atmosphere"], mean="2.50")
    ProgrammeScoreFactory(programme=third, aspect=aspects["atmosphere"], mean="3.50")
    ranked = "w_aspect=3&aspect=atmosphere"
    assert result_names(get_listing(client, ranked, "en")) == ["Top", "Third", "Low"]

    top_score.mean = Decimal("2.00")
    top_score.save()
    assert _stored(top) == _live(top)
    assert _stored(top)["atmosphere"][0] == Decimal("2.00")
    assert result_names(get_listing(client, ranked, "en")) == ["Third", "Low", "Top"]

    top_score.delete()
    assert _stored(top) == {}
    # Unknown now: the middle of the scale between Low (2.50) and Third (3.50).
    assert result_names(get_listing(client, ranked, "en")) == ["Third", "Top", "Low"]

    third.delete()  # its summary and aspect scores go with it
    assert not ProgrammeAspectScore.objects.filter(summary=third.pk).exists()
