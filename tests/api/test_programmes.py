"""GET /api/v1/programmes/ and /api/v1/programmes/{id}/: the listing's filters
and search, cursor pages, and every figure with its publication status."""

import json

import pytest

from programmes.models import DataSource
from tests.programmes.factories import DataSourceFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/programmes/"


def ids(client, query=""):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_lists_the_published_programmes_by_dutch_name(client, catalogue):
    # "Économie" sorts as "economie"; the unpublished programme is left out.
    assert ids(client) == [
        "bedrijfskunde-hanze",
        "biomedical-sciences-leiden",
        "economie-hanze",
        "geneeskunde-leiden",
    ]


def test_the_listing_filters_apply(client, catalogue):
    assert ids(client, "level=WO-BA") == ["geneeskunde-leiden"]
    assert ids(client, "level=WO-BA&level=WO-MA") == [
        "biomedical-sciences-leiden",
        "geneeskunde-leiden",
    ]
    assert ids(client, "city=groningen") == ["bedrijfskunde-hanze", "economie-hanze"]
    assert ids(client, "language=en") == ["biomedical-sciences-leiden"]
    assert ids(client, "specialisations=yes") == ["biomedical-sciences-leiden"]
    # The withheld 4.9 of economics (3 respondents) is never filtered on.
    assert ids(client, "min_score=4.0") == ["geneeskunde-leiden"]


def test_the_search_finds_as_the_listing_does(client, catalogue):
    assert ids(client, "q=geneeskunde") == ["geneeskunde-leiden"]
    assert ids(client, "q=medicine&lang=en") == ["geneeskunde-leiden"]
    # "Groningen" is read as the city filter, as on the listing page.
    assert ids(client, "q=groningen") == ["bedrijfskunde-hanze", "economie-hanze"]


def test_cursor_pages_walk_the_whole_list_once(client, catalogue):
    first = client.get(
        f"{LIST}?limit=3&level=WO-BA&level=WO-MA&level=HBO-BA&level=HBO-MA"
    )
    body = first.json()
    assert [item["id"] for item in body["items"]] == [
        "bedrijfskunde-hanze",
        "biomedical-sciences-leiden",
        "economie-hanze",
    ]
    assert body["next"].startswith("http://testserver/api/v1/programmes/?")
    second = client.get(body["next"]).json()
    assert [item["id"] for item in second["items"]] == ["geneeskunde-leiden"]
    assert second["next"] is None


def test_a_listed_programme_has_its_stable_identifiers(client, catalogue):
    medicine = catalogue["medicine"]
    item = client.get(f"{LIST}?q=geneeskunde").json()["items"][0]
    assert item["identifiers"] == {
        "brin": medicine.institution.brin,
        "croho_code": medicine.study.croho_code,
        "form": "full_time",
        "location_code": medicine.location_code,
    }
    assert item["name"] == {"nl": "Geneeskunde", "en": "Medicine"}
    assert item["institution"]["name"]["en"] == "Leiden University"
    assert item["figures"]["students"]["value"] == 2100


def test_a_withheld_score_is_null_with_its_reason_never_zero(client, catalogue):
    item = client.get(f"{LIST}?city=groningen&form=part_time").json()["items"][0]
    score = item["figures"]["overall_score"]
    assert item["id"] == "economie-hanze"
    assert score["value"] is None
    assert score["status"] == "withheld"
    assert score["reason"] == "too_few_respondents"
    assert score["n"] == 3

    detail = client.get(f"{LIST}economie-hanze/").json()
    own = detail["figures"]["overall_score"]
    assert (own["value"], own["reason"], own["n"]) == (None, "too_few_respondents", 3)
    assert "4.9" not in json.dumps(detail)
    # No fee known: no data, not 0.
    fee = detail["figures"]["statutory_fee"]
    assert (fee["value"], fee["reason"]) == (None, "no_data")


def test_the_detail_has_every_figure_of_the_page(client, catalogue):
    detail = client.get(f"{LIST}biomedical-sciences-leiden/").json()
    figures = detail["figures"]
    assert figures["statutory_fee"]["value"] == 2601
    assert figures["students"]["value"] == 312
    assert figures["overall_score"]["value"] == 3.9
    assert figures["starting_salary"]["value"] == 2909
    assert [aspect["code"] for aspect in detail["survey"]["aspects"]] == ["overall"]
    # The only published programme of its study: its own score is the average.
    assert detail["survey"]["aspects"][0]["national_average"]["value"] == 3.9
    assert detail["study"]["name"]["en"] == "Biomedical Sciences"


def test_demo_figures_are_flagged(client, catalogue):
    # The factories' sources are demo data; an official count is not.
    official = DataSourceFactory(kind=DataSource.Kind.OFFICIAL)
    medicine = catalogue["medicine"]
    enrolment = medicine.enrolments.get()
    enrolment.sources.set([official])
    detail = client.get(f"{LIST}geneeskunde-leiden/").json()
    assert detail["figures"]["overall_score"]["demo"] is True
    assert detail["figures"]["overall_score"]["source"]["kind"] == "demo"
    assert detail["figures"]["students"]["demo"] is False
    assert detail["survey"]["demo"] is True
    assert detail["demo"] is True


def test_an_unpublished_or_unknown_programme_is_not_found(client, catalogue):
    assert client.get(f"{LIST}hidden/").status_code == 404
    assert client.get(f"{LIST}no-such-programme/").status_code == 404


@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        ("level=XX", "level", "XX"),
        ("colour=blue", "colour", "colour"),
        ("limit=0", "limit", "1 to 100"),
        ("limit=abc", "limit", "1 to 100"),
        ("limit=101", "limit", "1 to 100"),
        ("cursor=forged", "cursor", "cursor"),
        ("sort=score", "sort", "sort"),
        ("sort=relevance", "sort", "sort"),
        ("lang=de", "lang", "lang"),
        ("q=" + "a" * 300, "q", "q"),
        ("q=%21%21", "q", "letters"),
    ],
)
def test_a_bad_parameter_is_a_clear_400(client, catalogue, query, parameter, says):
    response = client.get(
        f"{LIST}?{query}&lang=en" if "lang" not in query else f"{LIST}?{query}"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == parameter
    assert says in body["detail"]


def test_a_cursor_of_another_list_is_refused(client, catalogue):
    institutions = client.get("/api/v1/institutions/?limit=1").json()
    cursor = institutions["next"].split("cursor=")[1]
    response = client.get(f"{LIST}?cursor={cursor}")
    assert response.status_code == 400


def test_enrolment_without_count_is_no_data(client, catalogue):
    EnrolmentFactory(programme=catalogue["private"], students=None)
    figure = client.get(f"{LIST}bedrijfskunde-hanze/").json()["figures"]["students"]
    assert (figure["value"], figure["reason"]) == (None, "no_data")
