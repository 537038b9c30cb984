"""Which database a request reads (portal.replica): anonymous GETs the replica
while it answers, everything else and everyone logged in the primary; and what
/healthz says of the replica."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import router
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from portal import replica
from portal.middleware import ReadReplicaMiddleware
from programmes.models import Programme


@pytest.fixture
def replica_answers(monkeypatch, settings):
    """A replica is configured; `replica_answers.state` is what probing it says,
    `replica_answers.probes` how often it was asked."""

    class Replica:
        state = "ok"
        probes = 0

    def probe(alias):
        assert alias == "replica"
        Replica.probes += 1
        return Replica.state

    settings.REPLICA_CHECK_SECONDS = 5
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    monkeypatch.setattr("portal.views.replica_configured", lambda: True)
    monkeypatch.setattr(replica, "probe", probe)
    replica.forget_replica_state()
    cache.delete(replica.FRESH_WRITE_KEY)
    yield Replica
    replica.forget_replica_state()
    cache.delete(replica.FRESH_WRITE_KEY)


def read_alias(request) -> str:
    """The alias a page's query would read, as the router answers inside the
    middleware, for `request`."""
    seen = []

    def view(request):
        seen.append(router.db_for_read(Programme))
        return HttpResponse("page")

    ReadReplicaMiddleware(view)(request)
    return seen[0]


def test_an_anonymous_get_reads_the_replica(replica_answers):
    assert read_alias(RequestFactory().get("/nl/opleidingen/")) == "replica"
    assert read_alias(RequestFactory().head("/nl/")) == "replica"


def test_a_visitor_with_a_session_reads_the_primary(replica_answers):
    """Logged in (staff, a liaison) or with a compare selection: the session may
    be younger than the replica's copy."""
    request = RequestFactory().get("/nl/opleidingen/")
    request.COOKIES["sessionid"] = "abc"
    assert read_alias(request) == "default"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_request_that_writes_reads_the_primary(replica_answers, method):
    request = getattr(RequestFactory(), method)("/nl/admin/login/")
    assert read_alias(request) == "default"


def test_writes_migrations_and_code_outside_a_request_use_the_primary(
    replica_answers,
):
    assert router.db_for_read(Programme) == "default"
    with replica.use_replica():
        assert router.db_for_write(Programme) == "default"
    assert replica.ReplicaRouter().allow_migrate("replica", "programmes") is False
    assert replica.ReplicaRouter().allow_migrate("default", "programmes") is True


def test_without_a_replica_every_request_reads_the_primary(settings):
    replica.forget_replica_state()
    assert "replica" not in settings.DATABASES
    assert read_alias(RequestFactory().get("/nl/")) == "default"


def test_a_replica_that_does_not_answer_leaves_reads_on_the_primary(
    replica_answers,
):
    replica_answers.state = "unavailable"
    assert read_alias(RequestFactory().get("/nl/")) == "default"


def test_the_verdict_is_kept_for_a_few_seconds_then_asked_again(
    replica_answers, monkeypatch
):
    now = [1000.0]
    monkeypatch.setattr(replica.time, "monotonic", lambda: now[0])
    for _ in range(3):
        read_alias(RequestFactory().get("/nl/"))
    assert replica_answers.probes == 1
    replica_answers.state = "unavailable"
    now[0] += 4.9
    assert read_alias(RequestFactory().get("/nl/")) == "replica"
    now[0] += 0.2
    assert read_alias(RequestFactory().get("/nl/")) == "default"
    assert replica_answers.probes == 2


def test_a_page_the_replica_failed_is_asked_again_of_the_primary(replica_answers):
    """The replica went away between two checks: the visitor still gets the page."""
    served_from = []

    def view(request):
        alias = router.db_for_read(Programme)
        served_from.append(alias)
        if alias == "replica":
            replica_answers.state = "unavailable"  # it just went away
            return HttpResponse("Tijdelijk niet beschikbaar", status=503)
        return HttpResponse("the page")

    response = ReadReplicaMiddleware(view)(RequestFactory().get("/nl/"))
    assert (response.status_code, response.content) == (200, b"the page")
    assert served_from == ["replica", "default"]


def test_a_503_with_the_replica_answering_is_not_repeated(replica_answers):
    calls = []

    def view(request):
        calls.append(router.db_for_read(Programme))
        return HttpResponse(status=503)

    response = ReadReplicaMiddleware(view)(RequestFactory().get("/nl/"))
    assert response.status_code == 503
    assert calls == ["replica"]


@pytest.mark.django_db
def test_healthz_names_the_replica(client, replica_answers):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "replica": "ok",
    }


@pytest.mark.django_db
def test_healthz_says_degraded_without_the_replica_and_keeps_the_server(
    client, replica_answers
):
    replica_answers.state = "unavailable"
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "replica": "unavailable",
    }


@pytest.mark.django_db
def test_a_public_page_answers_from_the_primary_while_the_replica_is_down(
    client, replica_answers
):
    """The real middleware stack: an anonymous visitor, the replica away."""
    replica_answers.state = "unavailable"
    response = client.get(reverse("home"))
    assert response.status_code == 200


def test_after_a_content_edit_every_server_reads_the_primary_for_a_while(
    replica_answers, monkeypatch, settings
):
    """The replica may not have replayed the edit yet: a page rendered from it
    now would be cached with the old content. The mark is in the shared cache,
    so the other app servers see it too."""
    settings.REPLICA_MAX_LAG_SECONDS = 5
    now = [1_000_000.0]
    monkeypatch.setattr(replica.time, "time", lambda: now[0])
    router.db_for_write(Programme)
    assert read_alias(RequestFactory().get("/nl/")) == "default"
    now[0] += 4.9
    assert read_alias(RequestFactory().get("/nl/")) == "default"
    now[0] += 0.2
    assert read_alias(RequestFactory().get("/nl/")) == "replica"


def test_a_session_saved_leaves_anonymous_pages_on_the_replica(replica_answers):
    router.db_for_write(Session)
    assert read_alias(RequestFactory().get("/nl/")) == "replica"
