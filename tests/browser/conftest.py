"""Playwright driving Debian's chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in the test thread; the ORM calls
    the tests make there are still synchronous and safe. Scoped to these tests so
    the variable never leaks into other tests or their subprocesses."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    """A browser per test: its event loop lives only as long as the test."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox"]
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _live_server_connections_closed(django_db_setup, django_db_blocker):
    """The live server answers in threads that may keep a PostgreSQL connection
    open after the browser is gone; close them before the test database is
    dropped (which would otherwise fail: "being accessed by other users")."""
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture
def page(browser, live_server, _live_server_connections_closed):
    """A fresh browser tab; fails the test on any console error or CSP report."""
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    problems = []
    tab.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type == "error" else None
        ),
    )
    tab.on("pageerror", lambda error: problems.append(str(error)))
    yield tab
    context.close()
    assert problems == []
