"""The page cache keys only on the parameters a page understands, normalised.

A fuzz run of 35,000 requests left 15,582 cached pages (issue 12): every junk
query string was a page of its own. Here junk parameters share their page's entry,
values a page reports as not understood are served but not stored, and too long a
query string is never stored.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

from programmes.models import Language, Level
from public.caching import MAX_CACHED_QUERY_BYTES, MAX_CACHED_QUERY_VALUES
from surveys.models import Aspect
from tests.programmes.factories import ProgrammeFactory, StudyFactory
from tests.surveys.factories import AspectFactory

pytestmark = pytest.mark.django_db

JUNK = [
    "utm_source={i}",
    "fbclid=x{i}&q=",
    "level=PHD{i}",
    "page=abc{i}",
    "page={i}000000",
    "sort=cheapest{i}",
    "max_fee={i}",
    "x{i}=1&y=2",
    "page=%C2%B2&n={i}",
    "level=&utm={i}",
]


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """A fresh local-memory cache large enough that nothing is culled."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cache-key-tests",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    settings.FACET_CACHE_SECONDS = 600
    caches["default"].clear()
    yield
    caches["default"].clear()


def entries(prefix="page-cache:") -> int:
    """Stored pages (or, with another prefix, facet counts); not the generation."""
    keys = caches["default"]._cache  # LocMemCache's own dict of made keys
    return sum(1 for key in keys if prefix in key and "generation" not in key)


@pytest.fixture
def programmes():
    with translation.override("en"):
        return {
            "Bio": ProgrammeFactory(
                study=StudyFactory(name_nl="Biologie", level=Level.WO_BA),
                name_nl="Biologie",
                name_en="Biology",
                language=Language.DUTCH,
            ),
            "Chem": ProgrammeFactory(
                study=StudyFactory(name_nl="Scheikunde", level=Level.WO_MA),
                name_nl="Scheikunde",
                name_en="Chemistry",
                language=Language.ENGLISH,
            ),
        }


def listing_url():
    return reverse("programmes:programme_list")


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def results(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select("#results h3, #results h2")]


def test_200_junk_variants_of_the_listing_store_at_most_its_own_page(
    client, programmes
):
    for i in range(200):
        get(client, f"{listing_url()}?{JUNK[i % len(JUNK)].format(i=i)}")
    # The variants with only unknown parameters are the plain listing; the others
    # carry a value the listing reports as ignored, and are not stored at all.
    assert entries() == 1
    assert entries(":listing-facets:") == 1


def test_200_junk_variants_of_the_programme_page_share_one_entry(client, programmes):
    url = programmes["Bio"].get_absolute_url()
    for i in range(200):
        get(client, f"{url}?{JUNK[i % len(JUNK)].format(i=i)}")
    assert entries() == 1


def test_order_and_unknown_parameters_share_one_entry(
    client, programmes, django_assert_num_queries
):
    first = get(client, f"{listing_url()}?q=Bio&utm_source=x")
    with django_assert_num_queries(0):
        second = get(client, f"{listing_url()}?utm_source=y&q=Bio")
    assert entries() == 1
    assert second.content == first.content


def uncached(client, settings, url):
    settings.PAGE_CACHE_SECONDS = 0
    try:
        return get(client, url)
    finally:
        settings.PAGE_CACHE_SECONDS = 600


def test_the_page_served_from_the_cache_is_the_page_of_its_query(
    client, settings, programmes, django_assert_num_queries
):
    get(client, f"{listing_url()}?q=Bio&utm_source=x")
    get(client, f"{listing_url()}?q=Chem")
    get(client, f"{listing_url()}?level=WO-MA&level=WO-BA")
    with django_assert_num_queries(0):
        bio = get(client, f"{listing_url()}?utm_source=y&q=Bio")
        chem = get(client, f"{listing_url()}?fbclid=1&q=Chem")
        levels = get(client, f"{listing_url()}?level=WO-BA&level=WO-MA&level=WO-BA")
    assert entries() == 3
    assert bio.content == uncached(client, settings, f"{listing_url()}?q=Bio").content
    assert chem.content == uncached(client, settings, f"{listing_url()}?q=Chem").content
    assert (
        levels.content
        == uncached(
            client, settings, f"{listing_url()}?level=WO-BA&level=WO-MA"
        ).content
    )
    assert "Biologie" in bio.content.decode()
    assert "Scheikunde" not in bio.content.decode()
    assert "Scheikunde" in chem.content.decode()


def test_a_bad_page_number_is_shown_with_its_note_and_never_stored(client, programmes):
    note = "is geen paginanummer"
    assert note in get(client, f"{listing_url()}?page=abc").content.decode()
    assert entries() == 0
    assert note not in get(client, listing_url()).content.decode()
    assert note in get(client, f"{listing_url()}?page=abc").content.decode()
    assert entries() == 1


def test_a_query_string_past_the_bounds_is_served_but_not_stored(client, programmes):
    many = "&".join(f"x{i}=1" for i in range(MAX_CACHED_QUERY_VALUES + 1))
    long = "q=Bio&utm=" + "a" * MAX_CACHED_QUERY_BYTES
    assert "Biologie" in get(client, f"{listing_url()}?{many}").content.decode()
    assert "Biologie" in get(client, f"{listing_url()}?{long}").content.decode()
    assert entries() == 0


def test_junk_and_ignored_values_share_the_listing_facet_counts(
    client, settings, programmes
):
    settings.PAGE_CACHE_SECONDS = 0  # the facet cache also serves uncached pages
    for i in range(50):
        get(client, f"{listing_url()}?level=WO-BA&utm={i}&level=PHD{i}&sort=s{i}")
    get(client, f"{listing_url()}?level=WO-BA")
    assert entries(":listing-facets:") == 1


def test_each_aspect_to_rank_by_has_its_own_entry(
    client, programmes, django_assert_num_queries
):
    AspectFactory(code=Aspect.Code.ATMOSPHERE)
    AspectFactory(code=Aspect.Code.FACILITIES)
    atmosphere = get(client, f"{listing_url()}?w_aspect=2&aspect=atmosphere")
    facilities = get(client, f"{listing_url()}?w_aspect=2&aspect=facilities")
    with django_assert_num_queries(0):
        again = get(client, f"{listing_url()}?aspect=atmosphere&w_aspect=2")
    assert entries() == 2
    assert again.content == atmosphere.content
    assert 'value="atmosphere" selected' in atmosphere.content.decode()
    assert 'value="facilities" selected' in facilities.content.decode()
