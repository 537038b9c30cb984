"""The type-ahead on the real catalogue (DUO's files in data/): the name a
student means is suggested first of its kind as they type, and every
suggestion leads to a listing that is not empty."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests.public.listing_pages import variants_shown
from tests.public.test_search_relevance import real_catalogue

pytestmark = pytest.mark.django_db

__all__ = ["real_catalogue"]  # the fixture, imported for these tests

# (language of the page, typed, kind, the first suggestion of that kind)
MEANT = [
    ("nl", "psych", "study", "Psychologie"),
    ("nl", "genees", "study", "Geneeskunde"),
    ("nl", "verpleeg", "study", "Verpleegkunde"),
    ("nl", "rechtsgel", "study", "Rechtsgeleerdheid"),
    ("en", "law", "study", "Law"),
    ("en", "medic", "study", "Medicine"),
    ("nl", "leid", "institution", "Universiteit Leiden"),
    ("nl", "leid", "city", "Leiden"),
    ("en", "leiden univ", "institution", "Leiden University"),
    ("nl", "den h", "city", "Den Haag"),
    ("en", "the hag", "city", "The Hague"),
    ("nl", "tilb", "institution", "Tilburg University"),
]


def suggested(client, language, typed):
    with translation.override(language):
        url = reverse("programmes:search_suggestions")
    soup = BeautifulSoup(client.get(url, {"q": typed}).content, "html.parser")
    return {
        group["aria-labelledby"].removeprefix("typeahead-group-"): [
            (option.get_text(strip=True), option["data-href"])
            for option in group.select("[role=option]")
        ]
        for group in soup.select("[role=group]")
    }


@pytest.mark.parametrize("language, typed, kind, first", MEANT)
def test_the_name_meant_is_suggested_first(
    client, real_catalogue, language, typed, kind, first
):
    assert suggested(client, language, typed)[kind][0][0] == first


@pytest.mark.parametrize("language, typed", [("nl", "leid"), ("en", "medic")])
def test_every_suggestion_leads_to_programmes(client, real_catalogue, language, typed):
    for suggestions in suggested(client, language, typed).values():
        for text, address in suggestions:
            soup = BeautifulSoup(client.get(address).content, "html.parser")
            assert variants_shown(soup) > 0, (text, address)
