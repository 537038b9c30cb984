"""The search box's suggestions by keyboard: typed, chosen with the arrow keys,
followed with Enter, closed with Escape; accessible while open."""

import re

import pytest
from playwright.sync_api import expect

from programmes.models import Level
from tests.browser.axe import axe_violations
from tests.programmes.factories import StudyFactory
from tests.public.catalogue_builders import leiden_university, programme_offered

pytestmark = pytest.mark.django_db(transaction=True)

LISTING = "/nl/opleidingen/"
SEARCH_LABEL = "Zoek opleidingen, instellingen en plaatsen"


@pytest.fixture
def psychology():
    university = leiden_university()
    for name_nl, name_en, level in (
        ("Psychologie", "Psychology", Level.WO_BA),
        ("Toegepaste Psychologie", "Applied Psychology", Level.HBO_BA),
        ("Rechtsgeleerdheid", "Law", Level.WO_BA),
    ):
        study = StudyFactory(name_nl=name_nl, name_en=name_en, level=level)
        programme_offered(university, study)


def test_a_suggestion_is_chosen_and_followed_by_keyboard(page, psychology):
    page.goto(LISTING)
    box = page.get_by_role("combobox", name=SEARCH_LABEL)
    box.focus()
    page.keyboard.type("psych")

    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_text(["Psychologie", "Toegepaste Psychologie"])
    expect(box).to_have_attribute("aria-expanded", "true")
    assert axe_violations(page) == []

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = options.nth(1)
    expect(chosen).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", chosen.get_attribute("id"))
    expect(box).to_be_focused()

    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/nl/opleidingen/\?q=Toegepaste\+Psychologie$"))
    expect(page.get_by_label(SEARCH_LABEL)).to_have_value("Toegepaste Psychologie")


def test_escape_closes_the_list_and_enter_then_searches(page, psychology):
    page.goto(LISTING)
    box = page.get_by_role("combobox", name=SEARCH_LABEL)
    box.focus()
    page.keyboard.type("rechts")
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_text(
        ["Rechtsgeleerdheid"]
    )

    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_value("rechts")

    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=rechts"))
    expect(page.locator("#listing-results")).to_contain_text("Rechtsgeleerdheid")


def test_the_home_page_box_suggests_institutions_and_cities(page, psychology):
    page.goto("/nl/")
    box = page.get_by_role("combobox", name=SEARCH_LABEL)
    box.focus()
    page.keyboard.type("leid")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_text(["Universiteit Leiden", "Leiden"])
    assert axe_violations(page) == []

    page.keyboard.press("ArrowUp")  # from the box, up wraps to the last option
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/nl/opleidingen/\?city=leiden$"))
    expect(page.locator("#listing-results")).to_contain_text("Psychologie")
