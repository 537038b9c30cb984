"""The Open data page and its downloads, in both languages."""

import os

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation

from opendata.services import open_data_export
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def address(url_name="opendata:page", language="en", **kwargs):
    with translation.override(language):
        return reverse(url_name, kwargs=kwargs or None)


def page(client, language):
    response = client.get(address(language=language))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_address_is_the_same_in_both_languages():
    assert address(language="en") == "/en/open-data/"
    assert address(language="nl") == "/nl/open-data/"


@pytest.mark.parametrize(
    ("language", "date_format", "kilobytes"),
    [("en", "%m/%d/%Y", "KB"), ("nl", "%-d-%-m-%Y", "KB")],
)
def test_each_file_with_its_size_and_date(
    client, open_data_root, language, date_format, kilobytes
):
    ProgrammeFactory()
    open_data_export()
    soup = page(client, language)
    today = timezone.localdate().strftime(date_format)
    for name in (
        "keuzewijzer-open-data.zip",
        "programmes.csv",
        "dictionary.csv",
        "sources.csv",
    ):
        row = soup.select_one(f'tr[data-file="{name}"]')
        size = os.path.getsize(open_data_root / name)
        shown_size = row.select_one(".open-data__size").get_text(strip=True)
        if size < 1024:
            assert shown_size.replace("\xa0", " ").startswith(f"{size} "), shown_size
        else:
            number = f"{size / 1024:.1f}"
            if language == "nl":
                number = number.replace(".", ",")
            assert shown_size.replace("\xa0", " ") == f"{number} {kilobytes}"
        assert row.select_one(".open-data__date").get_text(strip=True) == today
        assert row.a["href"] == address("opendata:file", language, name=name)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_licences_and_the_api_are_named(client, open_data_root, language):
    soup = page(client, language)
    licences = soup.select_one(".open-data__licences")
    assert "CC0 1.0" in licences.select_one('[data-licence="duo"]').get_text()
    cbs = licences.select_one('[data-licence="cbs"]').get_text()
    assert "CC BY 4.0" in cbs and "CBS" in cbs
    assert licences.select_one('[data-licence="demo"]')
    assert soup.select_one('a[href="/api/v1/docs/"]')


def test_before_the_first_export_the_page_says_so_and_a_file_is_404(
    client, open_data_root
):
    soup = page(client, "en")
    assert "have not been generated yet" in soup.select_one(".open-data__missing").text
    response = client.get(address("opendata:file", name="programmes.csv"))
    assert response.status_code == 404
    assert b"have not been generated yet" in response.content


def test_a_download_is_the_file_with_its_length_and_date(client, open_data_root):
    ProgrammeFactory()
    open_data_export()
    response = client.get(address("opendata:file", name="programmes.csv"))
    data = (open_data_root / "programmes.csv").read_bytes()
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Length"] == str(len(data))
    assert response["Last-Modified"].endswith(" GMT")
    assert "attachment" in response["Content-Disposition"]
    response.close()  # closes the file


def test_a_name_that_is_not_offered_is_404(client, open_data_root):
    ProgrammeFactory()
    open_data_export()
    for name in ("manifest.json", "README.txt", "..%2Fsettings.py", "x.csv"):
        assert client.get(f"{address()}{name}").status_code == 404, name


def test_the_footer_links_to_the_page(client):
    soup = BeautifulSoup(client.get(address("method")).content, "html.parser")
    assert soup.select_one(f'footer a[href="{address()}"]')
