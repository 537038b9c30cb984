"""Pages personal to a visitor (logged in, or with a compare selection) tell
shared caches to keep them to that visitor: Cache-Control: private."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def url(name, language="nl"):
    with translation.override(language):
        return reverse(name)


def cache_control(response) -> set[str]:
    header = response.headers.get("Cache-Control", "")
    return {part.strip() for part in header.split(",") if part.strip()}


def test_pages_for_a_logged_in_user_are_private(admin_client):
    assert "private" in cache_control(admin_client.get(url("admin:index")))
    # Public pages too: they show the user's own tray and links.
    listing = admin_client.get(url("programmes:programme_list"))
    assert listing.status_code == 200
    assert "private" in cache_control(listing)


def test_a_compare_selection_makes_pages_private(client):
    programme = ProgrammeFactory()
    chosen = client.post(
        url("programmes:compare_selection"),
        {"action": "add", "programme": programme.slug},
    )
    # The response that hands out the session cookie already is.
    assert "private" in cache_control(chosen)
    compare = client.get(url("programmes:compare"), follow=True)
    assert compare.status_code == 200
    assert programme.name in compare.content.decode()
    assert "private" in cache_control(compare)


def test_an_anonymous_listing_stays_cacheable(client):
    ProgrammeFactory()
    response = client.get(url("programmes:programme_list"))
    assert response.status_code == 200
    assert "private" not in cache_control(response)
    assert not response.cookies
