"""The site survives Redis and PostgreSQL failing (issue 12).

The real backends, configured as in production (portal/settings/env.py), are
pointed at a closed port and at a local socket that accepts connections and
never answers. With Redis down or hanging, people log in, export and edit, and
anonymous pages answer in time; with PostgreSQL hanging, pages and /healthz answer
503 within a few seconds instead of waiting for gunicorn's kill.
"""

import contextlib
import copy
import csv
import io
import socket
import threading
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError, connections
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from portal.settings.env import cache_settings, database_settings
from programmes.models import Programme
from reports.models import InstitutionLiaison
from tests.programmes.factories import (
    EnrolmentFactory,
    InstitutionFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

# A page must answer well within this, whatever fails behind it.
BOUND_SECONDS = 3.0
PASSWORD = "Pw-liaison-2026!"


class SilentServer:
    """A TCP server on 127.0.0.1 that accepts every connection and never answers:
    a hung Redis or PostgreSQL, as the client sees it."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.held: list[socket.socket] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        while not self.stopping.is_set():
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            self.held.append(connection)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        self.thread.join(timeout=2)
        for connection in self.held:
            connection.close()
        self.listener.close()


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@contextlib.contextmanager
def timed():
    elapsed = {}
    start = time.monotonic()
    yield elapsed
    elapsed["seconds"] = time.monotonic() - start


def url(name, language="nl", **kwargs):
    with translation.override(language):
        return reverse(name, **kwargs)


def heading(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


# --- Redis down or hanging ---------------------------------------------------


@pytest.fixture(params=["closed port", "silent socket"])
def failing_redis(request):
    """Production's cache settings, with Redis unreachable or hanging, and the
    page and facet caches on as in production."""
    with contextlib.ExitStack() as stack:
        if request.param == "closed port":
            port = closed_port()
        else:
            port = stack.enter_context(SilentServer()).port
        stack.enter_context(
            override_settings(
                CACHES={"default": cache_settings(f"redis://127.0.0.1:{port}/0")},
                PAGE_CACHE_SECONDS=3600,
                FACET_CACHE_SECONDS=3600,
            )
        )
        yield request.param


@pytest.fixture
def liaison():
    institution = InstitutionFactory(brin="21PB", name_nl="Universiteit Leiden")
    programme = ProgrammeFactory(institution=institution, name_nl="BMW Leiden")
    EnrolmentFactory(programme=programme, academic_year=2024, students=312)
    user = get_user_model().objects.create_user(
        "liaison-leiden", password=PASSWORD, is_staff=True
    )
    InstitutionLiaison.objects.create(user=user, institution=institution)
    return user


def test_a_liaison_logs_in_and_exports_while_redis_fails(failing_redis, liaison):
    client = Client()
    reports = url("reports:reports")
    with timed() as login:
        response = client.post(
            url("admin:login"),
            {"username": "liaison-leiden", "password": PASSWORD, "next": reports},
        )
    assert response.status_code == 302
    assert response["Location"] == reports
    assert login["seconds"] < BOUND_SECONDS

    assert client.get(reports).status_code == 200
    with timed() as export:
        response = client.post(
            reports, {"report": "overview", "file_format": "csv", "institution": "21PB"}
        )
        raw = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert export["seconds"] < BOUND_SECONDS
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][:3] == ["21PB", "Universiteit Leiden", "BMW Leiden"]


def test_anonymous_pages_answer_in_time_while_redis_fails(failing_redis):
    programme = ProgrammeFactory(name_nl="Sterrenkunde")
    client = Client()
    pages = [
        url("home"),
        url("programmes:programme_list"),
        url("programmes:programme_list", "en"),
        programme.get_absolute_url(),
        url("programmes:compare"),
    ]
    for page in pages:
        with timed() as visit:
            response = client.get(page)
        assert response.status_code == 200, page
        assert visit["seconds"] < BOUND_SECONDS, page
    # A compare choice lives in the database session, not in Redis.
    chosen = client.post(
        url("programmes:compare_selection"),
        {"action": "add", "programme": programme.slug},
    )
    assert chosen.status_code == 302
    compare = client.get(url("programmes:compare"), follow=True)
    assert compare.status_code == 200
    assert "Sterrenkunde" in compare.content.decode()


def test_an_editor_saves_content_while_redis_fails(failing_redis, admin_user):
    """A save invalidates the page cache; with Redis away that is skipped, not a 500."""
    programme = ProgrammeFactory(is_published=True)
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        url("admin:programmes_programme_changelist"),
        {"action": "unpublish", "_selected_action": [programme.pk]},
    )
    assert response.status_code == 302
    assert not Programme.objects.get(pk=programme.pk).is_published


def test_healthz_names_the_cache_but_keeps_the_server_in_rotation(failing_redis):
    with timed() as check:
        response = Client().get(url("healthz"))
    assert check["seconds"] < BOUND_SECONDS
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
    }


# --- PostgreSQL hanging --------------------------------------------------------


@pytest.fixture
def hanging_postgresql():
    """The default connection replaced by a PostgreSQL one with production's
    options (connect and statement timeout), to a server that never answers.
    Independent of the database the suite runs on (SQLite or PostgreSQL)."""
    original = connections["default"]
    with SilentServer() as server:
        settings_dict = {
            **copy.deepcopy(original.settings_dict),
            **database_settings(
                f"postgres://postgres@127.0.0.1:{server.port}/kw_faults"
            ),
        }
        hanging = PostgresWrapper(settings_dict, alias="default")
        connections["default"] = hanging
        try:
            yield
        finally:
            connections["default"] = original
            hanging.close()


@pytest.mark.parametrize(
    ("language", "title", "advice"),
    [
        ("nl", "Tijdelijk niet beschikbaar", "Probeer het over 30 seconden opnieuw"),
        ("en", "Temporarily unavailable", "Please try again in 30 seconds"),
    ],
)
def test_a_page_answers_503_in_time_when_postgresql_hangs(
    hanging_postgresql, language, title, advice
):
    with timed() as visit:
        response = Client().get(url("programmes:programme_list", language))
    assert visit["seconds"] < BOUND_SECONDS
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert heading(response) == title
    assert advice in response.content.decode()


def test_healthz_answers_503_in_time_when_postgresql_hangs(hanging_postgresql):
    with timed() as check:
        response = Client().get(url("healthz"))
    assert check["seconds"] < BOUND_SECONDS
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "ok",
    }


def test_a_database_outage_outside_the_view_is_a_503_too(monkeypatch):
    """The session is saved by its middleware after the view: not a bare 500."""

    def unreachable(self, must_create=False):
        raise OperationalError("connection timeout expired")

    monkeypatch.setattr(SessionStore, "save", unreachable)
    programme = ProgrammeFactory()
    response = Client(raise_request_exception=False).post(
        url("programmes:compare_selection"),
        {"action": "add", "programme": programme.slug},
    )
    assert response.status_code == 503
    assert heading(response) == "Tijdelijk niet beschikbaar"
