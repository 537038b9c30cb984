from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import translation

from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def test_sitemap_lists_every_public_page_in_both_languages(client):
    programme = ProgrammeFactory(slug="biologie-leiden")
    ProgrammeFactory(slug="hidden", is_published=False)
    index = parse(client, "/sitemap.xml")
    sections = [loc.text for loc in index.iterfind(".//s:loc", NS)]
    assert "http://testserver/sitemap-programmes.xml" in sections

    programmes = parse(client, "/sitemap-programmes.xml")
    locations = {loc.text for loc in programmes.iterfind(".//s:loc", NS)}
    assert locations == {
        "http://testserver/nl/opleidingen/biologie-leiden/",
        "http://testserver/en/programmes/biologie-leiden/",
    }
    first = programmes.find("s:url", NS)
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in first.iterfind("xhtml:link", NS)
    }
    assert alternates["en"] == "http://testserver/en/programmes/biologie-leiden/"
    assert alternates["nl"] == "http://testserver/nl/opleidingen/biologie-leiden/"
    assert "x-default" in alternates
    pages = parse(client, "/sitemap-pages.xml")
    page_locations = {loc.text for loc in pages.iterfind(".//s:loc", NS)}
    for language in ("nl", "en"):
        with translation.override(language):
            assert f"http://testserver{reverse('method')}" in page_locations
            assert f"http://testserver{reverse('opendata:page')}" in page_locations
    institutions = parse(client, "/sitemap-institutions.xml")
    assert any(
        programme.institution.slug in loc.text
        for loc in institutions.iterfind(".//s:loc", NS)
    )


def test_sitemap_query_count_does_not_grow(client, django_assert_max_num_queries):
    for number in range(30):
        ProgrammeFactory(slug=f"p-{number}")
    with django_assert_max_num_queries(3):
        assert client.get("/sitemap-programmes.xml").status_code == 200


def test_robots_txt_points_crawlers_to_the_sitemap_and_away_from_staff_pages(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    lines = response.content.decode().splitlines()
    assert lines == [
        "User-agent: *",
        "Disallow: /nl/admin/",
        "Disallow: /nl/rapportages/",
        "Disallow: /en/admin/",
        "Disallow: /en/reports/",
        "Sitemap: http://testserver/sitemap.xml",
    ]
