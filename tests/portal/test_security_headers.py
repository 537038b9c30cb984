"""Every page type sends the security headers; public pages forbid inline script."""

import re

import pytest
from django.urls import reverse

from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def page_urls():
    programme = ProgrammeFactory()
    return {
        "home": reverse("home"),
        "programme": programme.get_absolute_url(),
        "study": programme.study.get_absolute_url(),
        "institution": programme.institution.get_absolute_url(),
        "city": programme.municipality.get_absolute_url(),
        "admin login": reverse("admin:login"),
        "not found": "/nl/bestaat-niet/",
    }


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    parsed = {}
    for directive in policy.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


def test_every_page_type_sends_the_security_headers(client):
    for name, url in page_urls().items():
        response = client.get(url)
        assert response.status_code in (200, 404), name
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["object-src"] == ["'none'"], name
        assert response.headers["Referrer-Policy"] == "same-origin", name
        assert response.headers["X-Content-Type-Options"] == "nosniff", name
        assert response.headers["X-Frame-Options"] == "DENY", name
        permissions = response.headers["Permissions-Policy"]
        assert "camera=()" in permissions, name
        assert "geolocation=()" in permissions, name


def test_public_pages_allow_no_inline_style_but_the_admin_does(client):
    urls = page_urls()
    assert directives(client.get(urls["programme"]))["style-src"] == ["'self'"]
    admin_styles = directives(client.get(urls["admin login"]))["style-src"]
    assert admin_styles == ["'self'", "'unsafe-inline'"]
    assert (
        "'unsafe-inline'"
        not in directives(client.get(urls["admin login"]))["script-src"]
    )


def test_public_pages_contain_no_inline_script_or_style(client):
    for name, url in page_urls().items():
        if name == "admin login":
            continue
        html = client.get(url).content.decode()
        # A script element either loads our own file (src) or is structured
        # data, a block of JSON no browser runs (public.templatetags.structured_data).
        inline = [
            tag
            for tag in re.findall(r"<script[^>]*>", html)
            if " src=" not in tag and tag != '<script type="application/ld+json">'
        ]
        assert inline == [], name
        assert "style=" not in html, name
        assert "<style" not in html, name
