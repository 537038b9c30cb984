"""What every API answer shares: conditional GET on the content generation,
CORS for GET, the OpenAPI schema and its documentation page, and the other
lists (institutions, studies)."""

import pytest

from tests.programmes.factories import StudyFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/programmes/"


def test_an_unchanged_answer_is_304_until_content_changes(client, catalogue):
    first = client.get(LIST)
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"]
    again = client.get(LIST, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(
        LIST, headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert since.status_code == 304

    medicine = catalogue["medicine"]
    medicine.name_en = "Medicine (renamed)"
    medicine.save()
    changed = client.get(LIST, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_no_etag_where_processes_share_no_cache(client, catalogue, settings):
    """Without a shared cache another process's edit would not change it."""
    settings.API_CONDITIONAL_GET = False
    response = client.get(LIST, headers={"If-None-Match": "*"})
    assert response.status_code == 200
    assert "ETag" not in response.headers


def test_each_address_has_its_own_etag(client, catalogue):
    assert (
        client.get(LIST).headers["ETag"]
        != client.get(f"{LIST}?level=WO-BA").headers["ETag"]
    )


@pytest.mark.parametrize(
    "url",
    [
        LIST,
        f"{LIST}geneeskunde-leiden/",
        "/api/v1/openapi.json",
        f"{LIST}?limit=0",
        f"{LIST}?lang=de",
        f"{LIST}no-such-programme/",
    ],
)
def test_any_site_may_read_it(client, catalogue, url):
    response = client.get(url)
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_allows_reading_only(client):
    response = client.options(LIST, headers={"Origin": "https://example.org"})
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_it_cannot_be_written(client, catalogue):
    response = client.post(LIST, {})
    assert response.status_code == 405
    assert "Access-Control-Allow-Origin" not in response.headers


def test_the_openapi_schema_lists_every_endpoint_and_filter(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/v1/programmes/",
        "/api/v1/programmes/{id}/",
        "/api/v1/institutions/",
        "/api/v1/studies/",
        "/api/v1/studies/{id}/",
        "/api/v1/survey-rounds/",
        "/api/v1/sources/",
    }
    parameters = {
        p["name"] for p in schema["paths"]["/api/v1/programmes/"]["get"]["parameters"]
    }
    assert {"q", "level", "city", "min_score", "limit", "cursor"} <= parameters


def test_the_documentation_page_loads_nothing_from_elsewhere(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    # The site's policy, unweakened.
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "unsafe" not in response.headers["Content-Security-Policy"]


def test_institutions_are_listed_a_page_at_a_time(client, catalogue):
    first = client.get("/api/v1/institutions/?limit=1").json()
    # The growing factories add the unpublished programme's institution too.
    assert first["items"][0]["id"] == "hanzehogeschool"
    assert first["items"][0]["name"]["en"] == "Hanze University of Applied Sciences"
    second = client.get(first["next"]).json()
    assert second["items"][0]["id"] > "hanzehogeschool"


def test_a_study_has_its_national_averages(client, catalogue):
    biomedical = catalogue["biomedical"].study
    study = client.get(f"/api/v1/studies/{biomedical.slug}/").json()
    averages = study["survey"]["national_averages"]
    assert [(a["code"], a["average"]["value"]) for a in averages] == [("overall", 3.9)]
    assert study["careers"]["starting_salary"]["value"] == 2909


def test_a_study_without_figures_has_none(client, db):
    study = StudyFactory(slug="lege-studie")
    body = client.get("/api/v1/studies/lege-studie/").json()
    assert body["survey"] is None
    assert body["careers"] == {}
    assert body["croho_code"] == study.croho_code
    assert client.get("/api/v1/studies/?limit=5").json()["items"][0]["id"] == (
        "lege-studie"
    )


def test_the_list_of_studies_has_their_national_averages(client, catalogue):
    items = client.get("/api/v1/studies/?limit=100").json()["items"]
    overall = {
        item["name"]["en"]: item["survey"]["national_averages"][0]["average"]
        for item in items
        if item["survey"]
    }
    assert overall["Biomedical Sciences"]["value"] == 3.9
    assert overall["Medicine"]["value"] == 4.2
    # Its only programme's score rests on 3 respondents: so does the average.
    economics = overall["Economics and Business"]
    assert (economics["value"], economics["reason"], economics["n"]) == (
        None,
        "too_few_respondents",
        3,
    )
    # A study without scores has none.
    assert "Business Administration" not in overall
