"""The survey rounds and the data sources: what each says, a page at a time,
with their licences; bad parameters 400; the same HTTP as every answer."""

import datetime

import pytest

from programmes.models import DataSource
from surveys.models import Aspect
from tests.programmes.factories import DataSourceFactory, ProgrammeFactory
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db

ROUNDS = "/api/v1/survey-rounds/"
SOURCES = "/api/v1/sources/"


@pytest.fixture
def sources():
    return {
        "duo": DataSourceFactory(
            key="duo-ingeschrevenen",
            name_nl="DUO ingeschrevenen",
            name_en="DUO enrolments",
            kind=DataSource.Kind.OFFICIAL,
            publisher="DUO (Dienst Uitvoering Onderwijs)",
            url="https://duo.nl/open_onderwijsdata/",
            retrieved_on=datetime.date(2026, 11, 2),
        ),
        "cbs": DataSourceFactory(
            key="cbs-arbeidsmarkt",
            name_nl="CBS StatLine",
            name_en="CBS StatLine",
            kind=DataSource.Kind.OFFICIAL,
            publisher="CBS",
            url="https://opendata.cbs.nl/",
        ),
        "demo": DataSourceFactory(
            key="demo-nse",
            name_nl="Demo-enquête",
            name_en="Demo survey",
            kind=DataSource.Kind.DEMO,
            publisher="DUO",
        ),
        "editorial": DataSourceFactory(
            key="editors", kind=DataSource.Kind.EDITORIAL, publisher="Redactie"
        ),
    }


@pytest.fixture
def rounds(sources):
    """2023 with the overall score only, 2024 with overall and atmosphere."""
    overall = AspectFactory(
        code=Aspect.Code.OVERALL, name_nl="Algemeen oordeel", name_en="Overall"
    )
    atmosphere = AspectFactory(
        code=Aspect.Code.ATMOSPHERE, name_nl="Sfeer", name_en="Atmosphere"
    )
    AspectFactory(code=Aspect.Code.SUPPORT, position=9)  # in no round
    overall.position, atmosphere.position = 1, 2
    overall.save()
    atmosphere.save()
    old = SurveyRoundFactory(year=2023, source=sources["demo"])
    new = SurveyRoundFactory(
        year=2024,
        source=sources["demo"],
        questionnaire_note_nl="Vraag over sfeer nieuw.",
        questionnaire_note_en="Atmosphere question new.",
    )
    programme = ProgrammeFactory()
    ProgrammeScoreFactory(programme=programme, survey_round=old, aspect=overall)
    ProgrammeScoreFactory(programme=programme, survey_round=new, aspect=atmosphere)
    ProgrammeScoreFactory(programme=programme, survey_round=new, aspect=overall)
    return {"old": old, "new": new}


def test_each_round_has_its_year_notes_and_aspects(client, rounds):
    items = client.get(ROUNDS).json()["items"]
    assert [r["year"] for r in items] == [2023, 2024]
    old, new = items
    assert [a["code"] for a in old["aspects"]] == ["overall"]
    assert [a["code"] for a in new["aspects"]] == ["overall", "atmosphere"]
    assert new["aspects"][1]["name"] == {"nl": "Sfeer", "en": "Atmosphere"}
    assert new["questionnaire_note"] == {
        "nl": "Vraag over sfeer nieuw.",
        "en": "Atmosphere question new.",
    }
    assert old["questionnaire_note"] == {"nl": None, "en": None}
    assert new["source"]["key"] == "demo-nse"
    assert new["demo"] is True


def test_rounds_come_a_page_at_a_time(client, rounds):
    first = client.get(f"{ROUNDS}?limit=1").json()
    assert [r["year"] for r in first["items"]] == [2023]
    second = client.get(first["next"]).json()
    assert [r["year"] for r in second["items"]] == [2024]
    assert second["next"] is None


def test_each_source_has_its_publisher_licence_date_and_address(client, sources):
    items = {s["key"]: s for s in client.get(f"{SOURCES}?lang=en").json()["items"]}
    assert list(items) == sorted(items)
    duo = items["duo-ingeschrevenen"]
    assert duo["publisher"] == "DUO (Dienst Uitvoering Onderwijs)"
    assert duo["url"] == "https://duo.nl/open_onderwijsdata/"
    assert duo["date"] == "2026-11-02"
    assert duo["name"] == {"nl": "DUO ingeschrevenen", "en": "DUO enrolments"}
    assert duo["licence"] == {
        "code": "CC0-1.0",
        "name": "CC0 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
        "attribution": None,
    }
    assert duo["demo"] is False
    cbs = items["cbs-arbeidsmarkt"]
    assert cbs["licence"]["code"] == "CC-BY-4.0"
    assert cbs["licence"]["attribution"] == (
        "Source: CBS (Statistics Netherlands), StatLine."
    )
    assert cbs["date"] is None
    # Demo data is demo, whoever it names as publisher.
    demo = items["demo-nse"]
    assert (demo["demo"], demo["licence"]["code"]) == (True, "demo")
    assert demo["licence"]["name"] == "Demo data: not real figures"
    # An editors' source has no stated licence yet: said, not guessed.
    assert items["editors"]["licence"]["code"] is None
    assert items["editors"]["licence"]["name"] == "Not stated"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=abc", "limit"),
        ("cursor=forged", "cursor"),
        ("year=2024", "year"),
        ("lang=de", "lang"),
    ],
)
@pytest.mark.parametrize("url", [ROUNDS, SOURCES])
def test_a_bad_parameter_is_400_with_a_message(client, rounds, url, query, parameter):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert response.json()["detail"]


def test_a_cursor_of_another_list_is_refused(client, rounds):
    cursor = client.get(f"{SOURCES}?limit=1").json()["next"].split("cursor=")[1]
    response = client.get(f"{ROUNDS}?cursor={cursor}&lang=en")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "This cursor is not valid here; use the “next” link of a page."
    )


@pytest.mark.parametrize("url", [ROUNDS, SOURCES])
def test_they_answer_as_every_endpoint(client, rounds, url):
    first = client.get(url)
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
