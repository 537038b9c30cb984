"""Anonymous public pages are cached per language until content changes."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from programmes.models import Programme
from tests.programmes.admin_pages import form_data
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def programme():
    return ProgrammeFactory(name_nl="Sterrenkunde", name_en="Astronomy")


def programme_url(programme, language):
    with translation.override(language):
        return programme.get_absolute_url()


def heading(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def test_second_anonymous_visit_is_served_without_queries(
    client, programme, django_assert_num_queries
):
    url = programme_url(programme, "nl")
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content


def test_an_admin_edit_shows_on_the_next_anonymous_visit(
    client, admin_client, programme
):
    url = programme_url(programme, "nl")
    assert heading(client.get(url)) == "Sterrenkunde"
    change_url = reverse("admin:programmes_programme_change", args=[programme.pk])
    data = form_data(admin_client.get(change_url))
    data["name_nl"] = "Astrofysica"
    assert admin_client.post(change_url, data).status_code == 302
    assert heading(client.get(url)) == "Astrofysica"


def test_deleting_content_invalidates_cached_pages(client, programme):
    study_url = programme.study.get_absolute_url()
    assert "Sterrenkunde" in client.get(study_url).content.decode()
    Programme.objects.get(pk=programme.pk).delete()
    assert "Sterrenkunde" not in client.get(study_url).content.decode()


def test_dutch_and_english_pages_are_cached_apart(client, programme):
    client.get(programme_url(programme, "nl"))
    client.get(programme_url(programme, "en"))
    assert heading(client.get(programme_url(programme, "nl"))) == "Sterrenkunde"
    assert heading(client.get(programme_url(programme, "en"))) == "Astronomy"


def test_logged_in_users_never_get_or_fill_the_cache(
    client, admin_client, programme, django_assert_max_num_queries
):
    url = programme_url(programme, "nl")
    client.get(url)  # an anonymous visit fills the cache
    with django_assert_max_num_queries(50) as queries:
        admin_client.get(url)
    assert len(queries) > 0, "a logged-in user was served from the cache"
    Programme.objects.filter(pk=programme.pk).update(name_nl="Zonder signaal")
    # update() sends no signal: the anonymous copy is stale, the user's is not.
    assert heading(admin_client.get(url)) == "Zonder signaal"
    assert heading(client.get(url)) == "Sterrenkunde"


def test_error_pages_are_not_cached(client):
    url = reverse("programmes:programme_detail", kwargs={"slug": "not-yet"})
    assert client.get(url).status_code == 404
    ProgrammeFactory(slug="not-yet")
    assert client.get(url).status_code == 200


def test_a_visitor_with_a_compare_selection_gets_their_own_page(client, programme):
    from django.test import Client

    url = programme_url(programme, "nl")
    with translation.override("nl"):
        selection = reverse("programmes:compare_selection")
    stranger = Client()
    stranger.get(url)  # fills the cache for anonymous visitors
    client.post(selection, {"action": "add", "programme": programme.slug})
    mine = BeautifulSoup(client.get(url).content, "html.parser")
    assert mine.select_one(".compare-tray") is not None
    assert "Niet meer vergelijken" in mine.get_text()
    theirs = BeautifulSoup(Client().get(url).content, "html.parser")
    assert theirs.select_one(".compare-tray") is None
