import pytest

from programmes.models import DataSource
from surveys.models import ProgrammeScore, SurveyRound
from tests.programmes.admin_pages import (
    _english_admin,  # noqa: F401  (autouse fixture)
    admin_url,
    assert_pages_load,
    error_text,
    form_data,
    page,
)
from tests.programmes.factories import DataSourceFactory, ProgrammeFactory
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "translated"),
    [
        (SurveyRoundFactory, ("name",)),
        (AspectFactory, ("name", "description")),
        (ProgrammeScoreFactory, ()),
    ],
)
def test_every_surveys_admin_page_loads(admin_client, factory, translated):
    obj = factory()
    assert_pages_load(admin_client, type(obj), obj, translated)


def test_demo_survey_round_is_badged_in_list_and_form(admin_client):
    survey_round = SurveyRoundFactory(
        source=DataSourceFactory(kind=DataSource.Kind.DEMO)
    )
    changelist = admin_client.get(admin_url(SurveyRound, "changelist"))
    badge = page(changelist).select_one("#result_list .data-badge")
    assert badge.get_text() == "Demo data"
    change = admin_client.get(admin_url(SurveyRound, "change", survey_round.pk))
    assert "not real" in page(change).select_one(".field-data_status").get_text()


def test_scores_of_a_demo_round_are_badged(admin_client):
    ProgrammeScoreFactory(
        survey_round=SurveyRoundFactory(
            source=DataSourceFactory(kind=DataSource.Kind.SYNTHETIC)
        )
    )
    changelist = admin_client.get(admin_url(ProgrammeScore, "changelist"))
    badge = page(changelist).select_one("#result_list .data-badge")
    assert badge.get_text() == "Synthetic data"


def test_score_above_5_is_refused_on_the_programme_page(admin_client):
    score = ProgrammeScoreFactory(mean="3.90")
    url = admin_url(type(score.programme), "change", score.programme.pk)
    data = form_data(admin_client.get(url))
    data["survey_scores-0-mean"] = "6"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "less than or equal to 5" in error_text(response)
    score.refresh_from_db()
    assert str(score.mean) == "3.90"


def test_new_score_above_5_is_not_added(admin_client):
    programme = ProgrammeFactory()
    url = admin_url(ProgrammeScore, "add")
    data = form_data(admin_client.get(url))
    data.update(
        programme=programme.pk,
        survey_round=SurveyRoundFactory().pk,
        aspect=AspectFactory().pk,
        mean="6",
        std_dev="0.5",
        respondents="10",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "less than or equal to 5" in error_text(response)
    assert ProgrammeScore.objects.count() == 0


@pytest.mark.parametrize("rows", [3, 30])
def test_score_changelist_query_count_does_not_grow(
    admin_client, django_assert_max_num_queries, rows
):
    survey_round = SurveyRoundFactory()
    aspect = AspectFactory()
    for _ in range(rows):
        ProgrammeScoreFactory(survey_round=survey_round, aspect=aspect)
    with django_assert_max_num_queries(12):
        response = admin_client.get(admin_url(ProgrammeScore, "changelist"))
    assert len(page(response).select("#result_list tbody tr")) == rows
