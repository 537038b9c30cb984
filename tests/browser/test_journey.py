"""A student's journey in a real browser: search, filter, compare, switch language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from demo.loader import demo_load
from tests.browser.axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reference(cbs_labour_market):
    """The reference programme, with CBS's context of its sector on its pages."""
    return demo_load().reference_programme


def test_search_filter_compare_and_switch_language(page, reference):
    page.goto("/nl/opleidingen/")
    page.get_by_label("Zoek opleidingen, instellingen en plaatsen").fill("biomedical")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile("q=biomedical"))
    expect(page.locator("#results-title")).to_contain_text("opleidingen")

    # Ticking a filter applies it at once (JavaScript, in place) and keeps the search.
    page.locator("#facet-level").get_by_label(re.compile("Master \\(wo\\)")).check()
    page.wait_for_url(re.compile("level=WO-MA"))
    assert "q=biomedical" in page.url
    results = page.locator(".result")
    expect(results.first).to_be_visible()

    for index in range(2):
        button = results.nth(index).locator("button[name=action]")
        button.click()
        expect(button).to_contain_text("Niet meer vergelijken")
    tray = page.locator(".compare-tray")
    expect(tray).to_contain_text("Vergelijk 2 opleidingen")

    tray.get_by_role("link", name="Vergelijk 2 opleidingen").click()
    page.wait_for_url(re.compile(r"/nl/vergelijken/\?p=.+&p=.+"))
    expect(page.locator("#compare-table thead th")).to_have_count(2)
    shared = page.url

    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/compare/\?p=.+&p=.+"))
    expect(page.locator("h1")).to_have_text("Compare programmes")
    expect(page.locator("#compare-table thead th")).to_have_count(2)
    assert shared.split("?")[1] == page.url.split("?")[1]


def test_compare_all_programmes_of_the_study_from_the_programme_page(page, reference):
    page.goto(reference.get_absolute_url())
    page.get_by_role(
        "link", name="Vergelijk alle 7 opleidingen van Biomedical Sciences"
    ).click()
    expect(page.locator("#compare-table thead th")).to_have_count(7)


def page_url(name, reference, language):
    with translation.override(language):
        return {
            "listing": lambda: f"{reverse('programmes:programme_list')}?q=bio",
            "programme": reference.get_absolute_url,
            "compare": lambda: (
                f"{reverse('programmes:compare')}?study={reference.study.slug}"
            ),
            "study": reference.study.get_absolute_url,
            "institution": reference.institution.get_absolute_url,
            "city": reference.municipality.get_absolute_url,
        }[name]()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "name", ["listing", "programme", "compare", "study", "institution", "city"]
)
def test_no_accessibility_violations(page, reference, name, language):
    page.goto(page_url(name, reference, language))
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []


def test_the_scanner_reports_violations_when_there_are_some(page):
    page.set_content('<html><body><img src="data:,"><a href="#"></a></body></html>')
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "html-has-lang", "link-name"} <= found
