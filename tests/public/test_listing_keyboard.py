"""The listing's markup for keyboard and phone use, which static/js/listing.js
enhances: a skip link to the results, the filters in a drawer that tells how
many are active, a live region for the number of results, and regions with ids
the script swaps (it fetches the full page at the same address, so the page
cache only ever holds full pages)."""

import pytest

from tests.public.listing_pages import get_listing

pytestmark = pytest.mark.django_db


def test_skip_to_results_comes_before_the_filters_and_targets_the_heading(
    client, catalogue
):
    soup = get_listing(client, language="en")
    form = soup.find(id="listing-form")
    skip = form.select_one("a.skip-to-results")
    assert skip.get_text(strip=True) == "Skip to results"
    assert skip["href"] == "#results-title"
    drawer = form.find("details")
    assert skip.find_next("details") is drawer
    # Focusable by script and fragment links, not a Tab stop of its own.
    assert soup.find(id="results-title")["tabindex"] == "-1"


def test_filters_sit_in_a_drawer_collapsed_in_the_html(client, catalogue):
    soup = get_listing(client, language="en")
    drawer = soup.find(id="filters-drawer")
    assert drawer.name == "details"
    assert not drawer.has_attr("open")  # a phone sees results first, even without JS
    assert drawer.select_one("summary").get_text(strip=True) == "Filters"
    assert drawer.select("fieldset.facet")
    assert drawer.find("button", type="submit").get_text(strip=True) == "Show results"
    # Search and sort stay outside the drawer.
    assert drawer.find(id="search-query") is None
    assert drawer.find(id="sort-order") is None


def test_the_drawer_tells_how_many_filters_are_active(client, catalogue):
    soup = get_listing(client, "level=WO-MA&language=en", language="en")
    summary = soup.select_one("#filters-summary").get_text(strip=True)
    assert summary == "Filters (2 active)"


def test_a_live_region_and_the_swapped_regions_are_on_the_page(client, catalogue):
    soup = get_listing(client)
    status = soup.find(id="listing-status")
    assert status["role"] == "status"
    assert status.get_text(strip=True) == ""
    for region in ("listing-results", "listing-facets", "filters-summary"):
        assert soup.find(id=region) is not None
    # The tray's region is there before anything is chosen, to be filled in place.
    assert soup.find(id="compare-tray") is not None
    assert soup.select_one(".compare-tray") is None
    assert soup.find(id="compare-status")["role"] == "status"


def test_each_compare_button_names_its_programme_for_the_script(client, catalogue):
    soup = get_listing(client)
    forms = soup.select(".result form.compare-form")
    assert forms
    for form in forms:
        slug = form.find("input", attrs={"name": "programme"})["value"]
        assert form["data-programme"] == slug
