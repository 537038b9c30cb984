"""The study, institution and city pages a programme page links to."""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from programmes.models import Form
from surveys.models import Aspect
from tests.careers.factories import (
    CareerFigureFactory,
    CareerOutcomeFactory,
    OccupationShareFactory,
)
from tests.programmes.factories import (
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.catalogue_builders import leiden_university, programme_offered
from tests.public.programme_pages import (
    text_of,
)
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page", "expected_links", "expected_page"),
    [("", 50, "1"), ("2", 10, "2"), ("abc", 50, "1"), ("999", 10, "2")],
)
def test_city_page_lists_its_programmes_a_page_at_a_time(
    client, page, expected_links, expected_page
):
    city = MunicipalityFactory()
    ProgrammeFactory.create_batch(60, municipality=city, institution__municipality=city)
    response = client.get(city.get_absolute_url(), {"page": page})
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert len(soup.select(".programme-list li")) == expected_links
    current = soup.select_one('.pagination [aria-current="page"]').get_text()
    assert current == f"Pagina {expected_page} van 2"
    facts = {
        dt.get_text(strip=True): dt.find_next("dd").get_text(strip=True)
        for dt in soup.select(".facts dt")
    }
    assert facts["Opleidingen in deze stad"] == "60"


@pytest.mark.parametrize(
    ("url_name", "attribute"),
    [
        ("programmes:study_detail", "study"),
        ("programmes:institution_detail", "institution"),
        ("programmes:municipality_detail", "municipality"),
    ],
)
def test_linked_pages_list_published_programmes(
    client, django_assert_max_num_queries, url_name, attribute
):
    programme = ProgrammeFactory()
    target = getattr(programme, attribute)
    ProgrammeFactory.create_batch(
        3, **{attribute: target}, institution__municipality=programme.municipality
    )
    hidden = ProgrammeFactory(**{attribute: target}, is_published=False)
    # object, count, page, …; the study and institution pages also read their
    # "Over the years" sums (3 queries, the same for any number of programmes).
    bound = {"study": 8, "institution": 6, "municipality": 5}[attribute]
    with django_assert_max_num_queries(bound):
        response = client.get(target.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    links = [a["href"] for a in soup.select(".programme-list a")]
    assert programme.get_absolute_url() in links
    assert hidden.get_absolute_url() not in links
    assert len(links) == 4


def test_study_page_shows_national_averages_and_careers(client):
    study = StudyFactory(name_en="Biomedical Sciences")
    overall = AspectFactory(code=Aspect.Code.OVERALL, name_en="Overall")
    survey_round = SurveyRoundFactory(year=2024)
    for mean, respondents in (("3.80", 100), ("4.10", 300)):
        ProgrammeScoreFactory(
            programme=ProgrammeFactory(study=study),
            survey_round=survey_round,
            aspect=overall,
            mean=mean,
            respondents=respondents,
            population=1000,
        )
    CareerFigureFactory(outcome__study=study, value=2909, respondents=100)
    CareerFigureFactory(
        outcome__study=StudyFactory(level=study.level), value=3100, respondents=100
    )
    with translation.override("en"):
        response = client.get(study.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    averages = text_of(soup.find(id="national-averages"))
    # (3.80 × 100 + 4.10 × 300) / 400 = 4.025 → 4.0
    assert "Overall 4.0 / 5" in averages
    assert "Average of 2 programmes in NSE 2024" in averages
    careers = soup.find(id="careers")
    assert text_of(careers.find(attrs={"data-figure": "starting_salary"})) == "€2,909"
    chart = careers.find("svg", class_="salary-chart")
    assert "€2,909" in text_of(chart) and "€3,005" in text_of(chart)


def test_city_page_lists_its_institutions(client):
    city = MunicipalityFactory(name_en="Leiden", slug="leiden")
    ProgrammeFactory(
        institution__municipality=city, institution__name_en="Leiden University"
    )
    with translation.override("en"):
        response = client.get(city.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    assert [text_of(li.a) for li in soup.select(".institution-list li")] == [
        "Leiden University"
    ]
    filter_link = soup.find("a", href=re.compile(r"\?city=leiden$"))
    assert filter_link is not None


def _study_page_queries(client, study):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(study.get_absolute_url()).status_code == 200
    return len(queries)


def test_study_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    study = StudyFactory()
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    CareerFigureFactory(outcome__study=study)
    OccupationShareFactory(outcome=CareerOutcomeFactory(study=study, year=2024))

    def add_programmes(number):
        for _ in range(number):
            ProgrammeScoreFactory(
                programme=ProgrammeFactory(study=study), aspect=overall
            )

    add_programmes(3)
    few = _study_page_queries(client, study)
    add_programmes(27)
    assert _study_page_queries(client, study) == few
    with django_assert_max_num_queries(11):  # 8, and "Over the years" 3
        client.get(study.get_absolute_url())


@pytest.mark.django_db
def test_study_page_tells_the_variants_of_a_programme_apart(client):
    """The full-time and part-time programme of one institution are two lines
    that say which is which (issue 17: lines that looked the same)."""
    leiden = leiden_university()
    law = StudyFactory(name_nl="Rechtsgeleerdheid", name_en="Law")
    full_time = programme_offered(leiden, law, slug="law")
    part_time = programme_offered(leiden, law, slug="law-pt", form=Form.PART_TIME)

    response = client.get(law.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    lines = {
        line.select_one("a")["href"]: " · ".join(
            fact.get_text(" ", strip=True)
            for fact in line.select(".programme-variant__fact")
        )
        for line in soup.select(".programme-list li")
    }
    assert lines == {
        full_time.get_absolute_url(): (
            "Universiteit Leiden · Voltijd · Taal: Nederlands · Locatie: Leiden · 180 ECTS"
        ),
        part_time.get_absolute_url(): (
            "Universiteit Leiden · Deeltijd · Taal: Nederlands · Locatie: Leiden · 180 ECTS"
        ),
    }
