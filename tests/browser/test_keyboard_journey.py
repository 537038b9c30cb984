"""The listing and the compare tray by keyboard, with and without JavaScript.

With JavaScript a search, a filter and "Add to compare" change the page in place:
focus stays where it was and the page is never reloaded (a marker set on
``window`` survives). Without JavaScript the same journey works by plain forms.
"""

import re

import pytest
from playwright.sync_api import expect

from demo.loader import demo_load
from public.compare_selection import MAX_COMPARED
from tests.browser.axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

LISTING = "/nl/opleidingen/"
SEARCH_LABEL = "Zoek opleidingen, instellingen en plaatsen"
MASTER = re.compile(r"Master \(wo\)")
# What document.activeElement is, in a form the assertions can compare.
FOCUSED = """() => {
  const el = document.activeElement;
  return {id: el.id, name: el.name || "", value: el.value || "", tag: el.tagName,
          text: el.textContent.trim(), checked: !!el.checked};
}"""


@pytest.fixture
def reference(cbs_labour_market):
    return demo_load().reference_programme


@pytest.fixture
def no_script_page(browser, live_server, _live_server_connections_closed):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def focused(page):
    return page.evaluate(FOCUSED)


def mark_the_window(page):
    page.evaluate("window.notReloaded = true")


def assert_not_reloaded(page):
    assert page.evaluate("window.notReloaded === true"), "the page was reloaded"


def test_search_filter_and_compare_by_keyboard_without_a_reload(page, reference):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(LISTING)
    mark_the_window(page)

    page.get_by_label(SEARCH_LABEL).focus()
    page.keyboard.type("biomedical")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=biomedical"))
    expect(page.locator("#listing-status")).to_contain_text("opleiding")
    assert focused(page)["id"] == "search-query"

    # Two Tabs on: the search button, then "Skip to results", visible on focus.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-to-results")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["width"] > 20
    page.keyboard.press("Enter")
    expect(page.locator("#results-title")).to_be_focused()

    master = page.locator("#facet-level").get_by_label(MASTER)
    master.focus()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"level=WO-MA"))
    assert "q=biomedical" in page.url
    expect(page.locator("#filters-summary")).to_contain_text("1")
    title = page.locator("#results-title").inner_text()
    expect(page.locator("#listing-status")).to_have_text(title)
    now = focused(page)
    assert (now["name"], now["value"], now["checked"]) == ("level", "WO-MA", True)
    assert axe_violations(page) == []
    # The other language's link follows the address.
    english = page.get_by_role("link", name="English")
    assert "level=WO-MA" in english.get_attribute("href")

    results = page.locator(".result")
    for index in range(2):
        button = results.nth(index).locator("button[name=action]")
        expect(button).to_contain_text("Vergelijk")
        button.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#compare-status")).to_contain_text(
            "staat in je vergelijking"
        )
        expect(button).to_be_focused()
        expect(button).to_contain_text("Niet meer vergelijken")
    tray = page.locator("#compare-tray")
    expect(tray).to_contain_text("Vergelijk 2 opleidingen")
    assert_not_reloaded(page)

    tray.get_by_role("link", name="Vergelijk 2 opleidingen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/nl/vergelijken/\?p=.+&p=.+"))
    expect(page.locator("#compare-table thead th")).to_have_count(2)

    # And export what the table shows, by keyboard.
    page.locator("a[data-compare-link][href*='format=csv']").focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")


def test_back_restores_the_previous_filters_in_place(page, reference):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{LISTING}?q=biomedical")
    mark_the_window(page)
    before = page.locator("#results-title").inner_text()
    page.locator("#facet-level").get_by_label(MASTER).check()
    page.wait_for_url(re.compile(r"level=WO-MA"))

    page.go_back()
    page.wait_for_url(re.compile(r"q=biomedical$"))
    expect(page.locator("#results-title")).to_have_text(before)
    expect(page.locator("#facet-level").get_by_label(MASTER)).not_to_be_checked()
    assert_not_reloaded(page)


def test_removing_from_compare_toggles_the_button_back(page, reference):
    page.goto(f"{LISTING}?q=biomedical")
    button = page.locator(".result").first.locator("button[name=action]")
    button.click()
    expect(button).to_contain_text("Niet meer vergelijken")
    button.click()
    expect(button).to_contain_text("Vergelijk")
    expect(page.locator("#compare-status")).to_contain_text("uit je vergelijking")
    expect(page.locator(".compare-tray")).to_have_count(0)


def test_on_a_phone_the_first_result_shows_on_the_first_screen(page, reference):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{LISTING}?q=bio")
    drawer = page.locator("#filters-drawer")
    expect(drawer).not_to_have_attribute("open", "")
    first = page.locator(".result__name").first.bounding_box()
    assert first["y"] + first["height"] <= 844

    page.locator("#filters-summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#facet-level")).to_be_visible()
    assert axe_violations(page) == []


def test_the_same_journey_works_by_plain_forms_without_javascript(
    no_script_page, reference
):
    page = no_script_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(LISTING)
    page.get_by_label(SEARCH_LABEL).fill("biomedical")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"q=biomedical"))

    # The drawer is closed on every screen without JavaScript, and opens natively.
    page.locator("#filters-summary").click()
    page.locator("#facet-level").get_by_label(MASTER).check()
    page.get_by_role("button", name="Toon resultaten").click()
    page.wait_for_url(re.compile(r"level=WO-MA"))
    assert "q=biomedical" in page.url
    expect(page.locator("#filters-summary")).to_contain_text("1")

    for index in range(2):
        page.locator(".result").nth(index).get_by_role(
            "button", name=re.compile("^Vergelijk")
        ).click()
        page.wait_for_url(re.compile(r"level=WO-MA"))
        expect(page.locator(".messages")).to_contain_text("staat in je vergelijking")
    tray = page.locator(".compare-tray")
    expect(tray).to_contain_text("Vergelijk 2 opleidingen")

    tray.get_by_role("link", name="Vergelijk 2 opleidingen").click()
    page.wait_for_url(re.compile(r"/nl/vergelijken/\?p=.+&p=.+"))
    expect(page.locator("#compare-table thead th")).to_have_count(2)


def test_a_city_far_down_its_list_keeps_focus_and_stays_in_view(page, reference):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(LISTING)
    mark_the_window(page)
    last = page.locator("#facet-city input[type=checkbox]").last
    value = last.get_attribute("value")
    last.focus()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(rf"city={value}"))
    # The chosen city moved to the top of the list; focus went with it.
    chosen = page.locator(f"#facet-city input[value='{value}']")
    expect(chosen).to_be_focused()
    expect(chosen).to_be_checked()
    expect(chosen).to_be_in_viewport()
    assert_not_reloaded(page)


def test_without_javascript_a_wide_screen_shows_the_filters(no_script_page, reference):
    page = no_script_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(LISTING)
    expect(page.locator("#facet-level")).to_be_visible()


def test_a_full_comparison_says_so_next_to_the_button(page, reference):
    page.goto(LISTING)
    buttons = page.locator(".result button[name=action]")
    for index in range(MAX_COMPARED):
        buttons.nth(index).click()
        expect(buttons.nth(index)).to_contain_text("Niet meer vergelijken")
    one_too_many = buttons.nth(MAX_COMPARED)
    one_too_many.click()
    note = page.locator(".result").nth(MAX_COMPARED).locator(".compare-form__note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Je vergelijking is vol")
    expect(page.locator("#compare-status")).to_contain_text("Je vergelijking is vol")
    expect(one_too_many).to_contain_text("Vergelijk")
    expect(one_too_many).to_be_focused()


def test_add_to_compare_on_a_programme_page_in_place(page, reference):
    page.goto(reference.get_absolute_url())
    mark_the_window(page)
    button = page.locator("form.compare-form[data-programme] button[name=action]")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_contain_text("Niet meer vergelijken")
    expect(button).to_be_focused()
    expect(page.locator("#compare-tray")).to_contain_text("Vergelijk 1 opleiding")
    assert_not_reloaded(page)
