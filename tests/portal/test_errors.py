"""Friendly bilingual error pages, a 503 when the database is down, and /healthz."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from portal import errors, health
from public.views import detail as programme_views
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def heading(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def test_not_found_page_is_friendly_in_both_languages(client):
    dutch = client.get("/nl/opleidingen/bestaat-niet/")
    english = client.get("/en/programmes/does-not-exist/")
    assert (dutch.status_code, english.status_code) == (404, 404)
    assert heading(dutch) == "Pagina niet gevonden"
    assert heading(english) == "Page not found"
    assert 'lang="en"' in english.content.decode()


def test_permission_denied_page_is_friendly(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionDenied

    monkeypatch.setattr(programme_views, "programme_for_page", refuse)
    response = client.get(ProgrammeFactory().get_absolute_url())
    assert response.status_code == 403
    assert heading(response) == "Geen toegang"


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_database_outage_answers_503_with_a_retry_hint(client, monkeypatch, error):
    url = ProgrammeFactory().get_absolute_url()

    def unreachable(*args, **kwargs):
        raise error("connection refused")

    monkeypatch.setattr(programme_views, "programme_for_page", unreachable)
    response = client.get(url)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert heading(response) == "Tijdelijk niet beschikbaar"
    assert "Probeer het over 30 seconden opnieuw" in response.content.decode()


def test_unexpected_error_renders_the_500_page_without_queries(
    rf, django_assert_num_queries
):
    request = rf.get("/en/")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    assert response.status_code == 500
    assert heading(response) == "Er ging iets mis"


def test_unexpected_error_in_a_view_shows_the_500_page(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    url = ProgrammeFactory().get_absolute_url()
    monkeypatch.setattr(programme_views, "programme_for_page", broken)
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 500
    assert heading(response) == "Er ging iets mis"


def test_healthz_reports_database_and_cache(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    monkeypatch.setattr("portal.views.check_database", lambda: "unavailable")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_health_checks_notice_a_broken_database_and_cache(monkeypatch, settings):
    class BrokenCursor:
        def __enter__(self):
            raise OperationalError("server closed the connection")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(health.connection, "cursor", BrokenCursor)
    assert health.check_database() == "unavailable"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1 of the loopback interface.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert health.check_cache() == "unavailable"
