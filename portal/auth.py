"""Login throttling (django-axes) as the portal configures it."""

import math

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
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


class AddressThrottlingHandler(AxesDatabaseHandler):
    """django-axes' database handler, plus a limit per address over all usernames.

    Axes compares the largest count over its AXES_LOCKOUT_PARAMETERS with one
    AXES_FAILURE_LIMIT, so adding "ip_address" there would lock a school's shared
    NAT address after 5 wrong passwords of different people. This keeps axes'
    username+address limit (5) and adds the address's total of failed logins, over
    all usernames within the cool-off time, with its own higher limit
    (LOGIN_FAILURE_LIMIT_PER_ADDRESS): one address spraying passwords over many
    accounts is locked out, for every username, until the cool-off ends.
    """

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self._address_is_locked(
            request
        )

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.is_whitelisted(request, credentials):
            return
        if self._address_is_locked(request):
            # What axes does on reaching its own limit: AxesMiddleware then
            # answers with the lockout page.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )

    def _address_is_locked(self, request) -> bool:
        failures = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(total=Sum("failures_since_start"))["total"]
        locked = (failures or 0) >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
        if locked:
            # The lockout page then says that the address, not one account, is locked.
            request.login_address_locked = True
        return locked


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
        {
            "lockout_minutes": minutes,
            "address_locked": getattr(request, "login_address_locked", False),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
