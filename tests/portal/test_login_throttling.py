"""Repeated wrong passwords lock a username out from that address, and many over
several usernames lock the address (django-axes, portal.auth)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.auth import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff():
    return get_user_model().objects.create_user(
        "redacteur", password=PASSWORD, is_staff=True, is_superuser=True
    )


def login_url(language="nl"):
    with translation.override(language):
        return reverse("admin:login")


def attempt(client, password, language="nl", address="192.0.2.10"):
    return client.post(
        login_url(language),
        {"username": "redacteur", "password": password},
        REMOTE_ADDR=address,
    )


def heading(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def test_four_wrong_passwords_still_allow_logging_in(client, staff):
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, PASSWORD).status_code == 302


def test_fifth_wrong_password_locks_out_even_the_right_one(client, staff):
    for _ in range(4):
        attempt(client, "wrong")
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert heading(locked) == "Te veel mislukte inlogpogingen"
    assert "Probeer het over 15 minuten opnieuw" in locked.content.decode()
    again = attempt(client, PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_page_is_english_on_the_english_login(client, staff):
    for _ in range(5):
        attempt(client, "wrong", language="en")
    locked = attempt(client, PASSWORD, language="en")
    assert locked.status_code == 429
    assert heading(locked) == "Too many failed logins"
    assert "Try again in 15 minutes" in locked.content.decode()


def test_lockout_is_per_address(client, staff):
    for _ in range(5):
        attempt(client, "wrong", address="192.0.2.10")
    assert attempt(client, PASSWORD, address="198.51.100.7").status_code == 302


def test_client_address_behind_trusted_proxies(rf, settings):
    request = rf.get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.10", REMOTE_ADDR="10.0.0.2"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    # The client could have forged 6.6.6.6; our proxy appended 192.0.2.10.
    assert client_ip(request) == "192.0.2.10"


def wrong_password_for(client, username, address="192.0.2.10"):
    return client.post(
        login_url("en"),
        {"username": username, "password": "Welkom01"},
        REMOTE_ADDR=address,
    )


def test_password_spraying_locks_the_address_at_twenty_failures(client, staff):
    """4 wrong passwords for each of 5 accounts, never the per-account limit of 5."""
    for number in range(19):
        wrong_password_for(client, f"student{number % 5}")
    # 19 failures lock nothing: people behind one school address may err.
    assert attempt(Client(), PASSWORD, address="192.0.2.10").status_code == 302

    locked = wrong_password_for(client, "student4")
    assert locked.status_code == 429
    assert heading(locked) == "Too many failed logins"
    assert "Logging in from your address is blocked" in locked.content.decode()
    assert "Try again in 15 minutes" in locked.content.decode()
    # Every account is locked from that address, also one that made no mistake,
    refused = attempt(Client(), PASSWORD, language="en", address="192.0.2.10")
    assert refused.status_code == 429
    assert "Logging in from your address is blocked" in refused.content.decode()
    # but not from another address.
    assert attempt(Client(), PASSWORD, address="198.51.100.7").status_code == 302
