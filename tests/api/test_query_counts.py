"""The API's lists and a programme's figures cost the same number of queries
with 3 or 30 programmes (tests/public/test_page_query_counts.py for pages)."""

import pytest

from programmes.models import Level, Sector
from surveys.models import Aspect
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    InstitutionFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    StudyFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30
# Measured: the listing reads its page, the programmes and their sources (3),
# with a search also the synonyms; the detail reads the programme page's
# figures. The same bound must hold for 3 and for 30.
BOUNDS = {
    "/api/v1/programmes/?limit=100": 6,
    "/api/v1/programmes/?limit=100&q=biologie": 8,
    "/api/v1/programmes/?limit=100&level=WO-MA&min_score=3.0": 6,
    "/api/v1/institutions/?limit=100": 2,
    "/api/v1/studies/?limit=100": 2,
}


@pytest.fixture
def grow_to():
    study = StudyFactory(
        name_nl="Biologie",
        name_en="Biology",
        level=Level.WO_MA,
        sector=Sector.NATURAL_SCIENCES,
    )
    source = DataSourceFactory()
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    programmes = []

    def grow(total):
        while len(programmes) < total:
            programme = ProgrammeFactory(
                study=study,
                institution=InstitutionFactory(),
                location_code=f"L{len(programmes)}",
                source=source,
            )
            EnrolmentFactory(programme=programme)
            TuitionFeeFactory(programme=programme)
            ProgrammeScoreFactory(programme=programme, aspect=overall)
            SpecialisationFactory(programme=programme)
            programmes.append(programme)
        return programmes

    return grow


@pytest.mark.parametrize("url", BOUNDS)
def test_a_list_costs_the_same_for_3_and_30(
    client, grow_to, django_assert_max_num_queries, url
):
    for size in (FEW, MANY):
        grow_to(size)
        with django_assert_max_num_queries(BOUNDS[url]):
            response = client.get(url)
        assert response.status_code == 200
        # Every programme listed (they share one study).
        assert len(response.json()["items"]) >= (1 if "studies" in url else size)


def test_a_programme_costs_the_same_for_3_and_30(
    client, grow_to, django_assert_max_num_queries
):
    counts = []
    for size in (FEW, MANY):
        programmes = grow_to(size)
        with django_assert_max_num_queries(30) as captured:
            response = client.get(f"/api/v1/programmes/{programmes[0].slug}/")
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


# Survey rounds: the rounds with their sources, and whether each aspect has
# scores in each round (one query, an EXISTS per round); sources: one.
SOURCE_BOUNDS = {"/api/v1/survey-rounds/?limit=100": 2, "/api/v1/sources/?limit=100": 1}


@pytest.mark.parametrize("url", SOURCE_BOUNDS)
def test_rounds_and_sources_cost_the_same_for_3_and_30(
    client, django_assert_max_num_queries, url
):
    aspects = [
        AspectFactory(code=code) for code in (Aspect.Code.OVERALL, Aspect.Code.CONTENT)
    ]
    programme = ProgrammeFactory()
    made = 0
    for size in (FEW, MANY):
        while made < size:
            survey_round = SurveyRoundFactory(year=1990 + made)
            for aspect in aspects:
                ProgrammeScoreFactory(
                    programme=programme, survey_round=survey_round, aspect=aspect
                )
            made += 1
        with django_assert_max_num_queries(SOURCE_BOUNDS[url]):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.json()["items"]) >= size
