"""Facet counts and the number of results are cached until content changes, for
every visitor (also one with a compare selection, whom the page cache skips)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.programmes.factories import ProgrammeFactory
from tests.public.listing_pages import facet_options, get_listing, listing_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _facet_cache_on(settings):
    settings.FACET_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def queries_for(client, query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{listing_url()}?{query}").status_code == 200
    return len(queries)


def test_other_page_or_order_of_the_same_search_reuses_the_counts(client):
    ProgrammeFactory.create_batch(25, language="en")
    first = queries_for(client, "language=en")
    again = queries_for(client, "language=en&sort=name&page=2")
    # No facet queries: the stored catalogue counts (out of date: the language
    # facet counts for itself), one for the level, sector, … counts with the
    # city and institution ids, one for the language facet (it has a selection),
    # one each for the names of the cities and institutions shown, and the NSE
    # aspects the ranking panel offers.
    assert again == first - 6
    soup = get_listing(client, "language=en&page=2")
    assert facet_options(soup, "language") == {"Engels": 25}
    assert "25" in soup.select_one("#results-title").get_text()


def test_counts_change_as_soon_as_content_changes(client):
    ProgrammeFactory.create_batch(2, language="en")
    assert facet_options(get_listing(client), "language") == {"Engels": 2}
    ProgrammeFactory(language="nl")
    assert facet_options(get_listing(client), "language") == {
        "Engels": 2,
        "Nederlands": 1,
    }


def test_a_different_filter_gets_its_own_counts(client):
    ProgrammeFactory(language="en")
    ProgrammeFactory(language="nl")
    assert facet_options(get_listing(client, "language=en"), "language") == {
        "Engels": 1,
        "Nederlands": 1,
    }
    soup = get_listing(client, "language=nl&form=part_time")
    assert facet_options(soup, "language") == {"Nederlands": 0}
