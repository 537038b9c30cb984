"""The home page: a search, then the catalogue by level with its counts."""

import pytest
from bs4 import BeautifulSoup

from programmes.models import Level
from public.models import CatalogueCounts
from tests.programmes.factories import ProgrammeFactory, StudyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(django_capture_on_commit_callbacks):
    """Two wo masters and one hbo bachelor, counted as an import would leave them."""
    with django_capture_on_commit_callbacks(execute=True):
        master = StudyFactory(level=Level.WO_MA)
        ProgrammeFactory.create_batch(2, study=master)
        ProgrammeFactory(study=StudyFactory(level=Level.HBO_BA))


def level_cards(client, url) -> dict[str, str]:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {
        card.select_one("a")["href"]: card.get_text(" ", strip=True)
        for card in soup.select(".home-level")
    }


def test_each_level_links_to_the_listing_with_its_programme_count(client, catalogue):
    cards = level_cards(client, "/nl/")
    assert cards["/nl/opleidingen/?level=WO-MA"] == "Master (wo) 2 opleidingen"
    assert cards["/nl/opleidingen/?level=HBO-BA"] == "Bachelor (hbo) 1 opleiding"
    assert cards["/nl/opleidingen/?level=HBO-AD"] == "Associate degree 0 opleidingen"


def test_the_english_home_page_counts_in_english(client, catalogue):
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert soup.select_one(".home-total").get_text(strip=True) == (
        "3 programmes to choose from"
    )
    cards = level_cards(client, "/en/")
    assert (
        cards["/en/programmes/?level=WO-MA"]
        == "Master (research university) 2 programmes"
    )


def test_without_stored_counts_the_levels_are_links_without_numbers(client):
    """Right after an edit the counts are recounted; the page does not guess."""
    CatalogueCounts.objects.update(counts={})
    cards = level_cards(client, "/nl/")
    assert cards["/nl/opleidingen/?level=WO-MA"] == "Master (wo)"
