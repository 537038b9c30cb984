"""The city page: its programmes grouped by level, each line naming its
institution and telling its variants apart, and its programmes per level."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from programmes.models import DataSource, Form, Funding, Language, Level
from public.views.detail import MunicipalityDetailView
from tests.programmes.factories import (
    DataSourceFactory,
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.catalogue_builders import programme_offered
from tests.public.programme_pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    """Utrecht: a university and a university of applied sciences.

    The hbo offers an associate degree and a bachelor full-time and dual; the
    university a bachelor and a master, and a privately funded master. Four
    programmes are counted (each study once per institution, government-funded),
    in six published records.
    """
    utrecht = MunicipalityFactory(name_nl="Utrecht", name_en="Utrecht", slug="utrecht")
    university = InstitutionFactory(
        name_nl="Universiteit Utrecht",
        name_en="Utrecht University",
        municipality=utrecht,
    )
    hu = InstitutionFactory(
        name_nl="Hogeschool Utrecht",
        name_en="HU University of Applied Sciences Utrecht",
        municipality=utrecht,
    )

    def offer(institution, name, level, **fields):
        study = StudyFactory(name_nl=name, name_en=name, level=level)
        return programme_offered(institution, study, **{"ects": 240} | fields)

    offer(hu, "Ondernemen", Level.HBO_AD, ects=120)
    hbo_bachelor = offer(hu, "Informatica", Level.HBO_BA)
    ProgrammeFactory(
        study=hbo_bachelor.study,
        institution=hu,
        form=Form.DUAL,
        language=Language.DUTCH,
        ects=240,
    )
    offer(university, "Informatica", Level.WO_BA, ects=180)
    offer(
        university,
        "Computing Science",
        Level.WO_MA,
        language=Language.ENGLISH,
        ects=120,
    )
    offer(
        university,
        "Applied Data Science",
        Level.WO_MA,
        language=Language.ENGLISH,
        ects=60,
        funding=Funding.PRIVATE,
    )
    return utrecht


def get_soup(client, city, language="nl", **params):
    with translation.override(language):
        url = city.get_absolute_url()
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed_lines(soup):
    lines = []
    for heading in soup.select(".place-programmes__level"):
        for item in heading.find_next_sibling("ul").select("li"):
            facts = [text_of(fact) for fact in item.select("[data-variant]")]
            lines.append((text_of(heading), text_of(item.select_one("a")), facts))
    return lines


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            [
                ("Associate degree", "Ondernemen",
                 ["Hogeschool Utrecht", "Voltijd", "Taal: Nederlands", "120 ECTS"]),
                ("Bachelor (hbo)", "Informatica",
                 ["Hogeschool Utrecht", "Voltijd", "Taal: Nederlands", "240 ECTS"]),
                ("Bachelor (hbo)", "Informatica",
                 ["Hogeschool Utrecht", "Duaal", "Taal: Nederlands", "240 ECTS"]),
                ("Bachelor (wo)", "Informatica",
                 ["Universiteit Utrecht", "Voltijd", "Taal: Nederlands", "180 ECTS"]),
                ("Master (wo)", "Applied Data Science",
                 ["Universiteit Utrecht", "Voltijd", "Taal: Engels", "60 ECTS"]),
                ("Master (wo)", "Computing Science",
                 ["Universiteit Utrecht", "Voltijd", "Taal: Engels", "120 ECTS"]),
            ],
        ),
        (
            "en",
            [
                ("Associate degree", "Ondernemen",
                 ["HU University of Applied Sciences Utrecht", "Full-time",
                  "Language: Dutch", "120 ECTS"]),
                ("Bachelor (applied sciences)", "Informatica",
                 ["HU University of Applied Sciences Utrecht", "Full-time",
                  "Language: Dutch", "240 ECTS"]),
                ("Bachelor (applied sciences)", "Informatica",
                 ["HU University of Applied Sciences Utrecht", "Work-study (dual)",
                  "Language: Dutch", "240 ECTS"]),
                ("Bachelor (research university)", "Informatica",
                 ["Utrecht University", "Full-time", "Language: Dutch", "180 ECTS"]),
                ("Master (research university)", "Applied Data Science",
                 ["Utrecht University", "Full-time", "Language: English", "60 ECTS"]),
                ("Master (research university)", "Computing Science",
                 ["Utrecht University", "Full-time", "Language: English", "120 ECTS"]),
            ],
        ),
    ],
)  # fmt: skip
def test_programmes_are_grouped_by_level_with_their_institution_and_variant(
    client, city, language, expected
):
    soup = get_soup(client, city, language)
    # The city is every line's location: no line repeats it.
    assert listed_lines(soup) == expected
    assert not soup.select('[data-variant="location"]')
    assert not soup.select(".fallback-note")


def test_the_levels_add_up_to_the_city_programme_count(client, city):
    soup = get_soup(client, city, "en")
    levels = {
        level["data-level"]: text_of(level.select_one("dd"))
        for level in soup.select('[data-figure="levels"] [data-level]')
    }
    assert levels == {"HBO-AD": "1", "HBO-BA": "1", "WO-BA": "1", "WO-MA": "1"}
    total = text_of(soup.select_one('.facts [data-figure="city-programmes"]'))
    assert total == "4" == str(sum(int(count) for count in levels.values()))


def test_a_level_spanning_two_pages_is_continued_under_its_heading(
    client, city, monkeypatch
):
    monkeypatch.setattr(MunicipalityDetailView, "programmes_per_page", 2)
    second = get_soup(client, city, "en", page=2)
    headings = [text_of(h) for h in second.select(".place-programmes__level")]
    assert headings == [
        "Bachelor (applied sciences) (continued)",
        "Bachelor (research university)",
    ]
    current = text_of(second.select_one('.pagination [aria-current="page"]'))
    assert current == "Page 2 of 3"


def test_query_count_does_not_grow_with_the_programmes(client):
    city = MunicipalityFactory()
    institutions = [InstitutionFactory(municipality=city) for _ in range(2)]
    made = []
    counts = []
    for total in (3, 30):
        while len(made) < total:
            made.append(
                ProgrammeFactory(
                    institution=institutions[len(made) % 2],
                    study=StudyFactory(level=(Level.WO_BA, Level.WO_MA)[len(made) % 2]),
                )
            )
        with CaptureQueriesContext(connection) as queries:
            get_soup(client, city)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_catalogue_from_a_demo_source_is_marked(client, city):
    city.programmes.update(source=DataSourceFactory(kind=DataSource.Kind.DEMO))
    soup = get_soup(client, city, "en")
    label = "Demo data — not real figures"
    summary = soup.select_one('[data-figure="levels"]')
    assert [text_of(p) for p in summary.select("p.demo-label")] == [label]
    listed = soup.select_one(".place-programmes")
    assert [text_of(p) for p in listed.select("p.demo-label")] == [label]
