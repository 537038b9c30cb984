"""The institution page with every part its figures can have (a gap year, an
incomplete total, a level continued on the next page) on a phone and a laptop:
no sideways scrolling, no text under 12 px, no accessibility violations."""

import pytest
from django.utils import translation

from public.views.detail import InstitutionDetailView
from tests.browser.axe import axe_violations
from tests.browser.test_narrow_screens import MEASURE, SMALLEST_TEXT
from tests.public.place_pages import leiden_university_with_enrolments

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_institution_page_reads_on_every_screen(page, language, monkeypatch):
    monkeypatch.setattr(InstitutionDetailView, "programmes_per_page", 2)
    institution = leiden_university_with_enrolments()
    with translation.override(language):
        urls = [
            institution.get_absolute_url(),
            institution.municipality.get_absolute_url(),
        ]
    found = {}
    for width in (320, 390, 1366):
        page.set_viewport_size({"width": width, "height": 800})
        for url in urls:
            for number in (1, 2):
                page.goto(f"{url}?page={number}")
                measured = page.evaluate(MEASURE, SMALLEST_TEXT)
                if measured["scroll"] > measured["inner"] or measured["tiny"]:
                    found[(width, url, number)] = measured
    assert found == {}
    page.goto(urls[0] + "?page=2")
    # "Over the years": students and first-years, each total shown a point
    # (2021, 2022, 2024; 2023 a gap).
    assert page.locator("#trends svg.trend-chart__svg circle").count() == 6
    assert axe_violations(page) == []
    page.goto(urls[1])
    assert axe_violations(page) == []
