"""Text typed by editors is shown as text: markup in any field never reaches the page.

Every editable text is plain text (no rich text, so nothing to sanitise with nh3):
templates escape it, and paragraphs are made with linebreaks(autoescape=True).
"""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from tests.programmes.factories import (
    HonoursProgrammeFactory,
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db

PROGRAMME_PAGE_FIELDS = (
    "name",
    "degree",
    "taught_by",
    "description",
    "admission",
    "bridging",
    "language_note",
)
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


def hostile(text: str, payload: str) -> str:
    return f"{text} {payload}"


def programme_with(payload: str, language: str):
    """Every text field shown on public pages, in ``language`` only."""

    other = "en" if language == "nl" else "nl"

    def texts(*names):
        values = {f"{name}_{language}": hostile(name, payload) for name in names}
        return values | {f"{name}_{other}": "" for name in names}

    municipality = MunicipalityFactory(slug="xss-city", **texts("name"))
    institution = InstitutionFactory(
        slug="xss-institution", municipality=municipality, **texts("name", "short_name")
    )
    study = StudyFactory(slug="xss-study", **texts("name"))
    programme = ProgrammeFactory(
        study=study,
        institution=institution,
        **texts("name", "degree", "taught_by", "description", "admission", "bridging"),
    )
    SpecialisationFactory(
        programme=programme, **texts("name", "description", "language_note")
    )
    HonoursProgrammeFactory(programme=programme, **texts("name", "description"))
    return programme


def public_pages(programme):
    return (
        programme.get_absolute_url(),
        programme.study.get_absolute_url(),
        programme.institution.get_absolute_url(),
        programme.municipality.get_absolute_url(),
    )


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(
    ("content_language", "page_language"),
    [("nl", "nl"), ("en", "en"), ("en", "nl")],  # the last shows the fallback
)
def test_markup_in_every_text_field_is_escaped(
    client, payload, content_language, page_language
):
    programme = programme_with(payload, content_language)
    with translation.override(page_language):
        urls = public_pages(programme)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "onerror=alert(1)>" not in html, url
    # The payload is still there, as visible text, for each field on the page.
    text = BeautifulSoup(client.get(urls[0]).content, "html.parser").get_text()
    shown = {
        field for field in PROGRAMME_PAGE_FIELDS if hostile(field, payload) in text
    }
    assert shown == set(PROGRAMME_PAGE_FIELDS)
