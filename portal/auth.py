"""Login throttling (django-axes) as the portal configures it."""

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Refuses logins from a locked-out client, on every Django login form.

    django-axes needs the request to know who is knocking; a login without one
    (a management command, the test client's ``login()``) has no client to throttle,
    so it is left to the next backend instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_ip(request) -> str | None:
    """The client's address, trusting only the last TRUSTED_PROXY_COUNT proxies.

    Each proxy appends the address it received from to X-Forwarded-For, so the
    entry added by the outermost trusted proxy is the client; anything before it
    may be forged by the client and is ignored.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if proxies and len(addresses) >= proxies:
        return addresses[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out client sees (429), in the language of the URL."""
    minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
    return render(
        request,
        "axes/lockout.html",
        {"lockout_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
