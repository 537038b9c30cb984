"""What every API answer shares, around the views: the rate limit per
address (api.throttling), the language, CORS for reading from any site, and
conditional GET on the content generation. A request with an unknown or
revoked API key is answered 401 before anything else.

Applied to each of the API's URL patterns (`api.urls`), the schema and the
documentation page included, so that no endpoint can miss one.
"""

import functools
import hashlib

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from public.caching import content_changed_at, content_generation

from .keys import InvalidKey
from .throttling import Allowance, allowance

API_LANGUAGES = ("nl", "en")
# Answers may be read by a page on any site (open data), but only read:
# the API has no other methods, and sends no cookies' worth of anything.
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": (
        "ETag, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining"
    ),
}
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": (
        "Authorization, X-API-Key, If-None-Match, If-Modified-Since"
    ),
    "Access-Control-Max-Age": "86400",
}


def bad_request(message: str, parameter: str = "") -> JsonResponse:
    return JsonResponse({"detail": message, "parameter": parameter or None}, status=400)


def unauthorized(message: str) -> JsonResponse:
    response = JsonResponse({"detail": message, "parameter": None}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def too_many_requests(allowed: Allowance) -> JsonResponse:
    if allowed.keyed:
        message = _(
            "Too many requests with your API key: at most %(limit)s in "
            "%(window)s seconds. Retry-After says when to try again."
        )
    else:
        message = _(
            "Too many requests from your address: at most %(limit)s in "
            "%(window)s seconds. Retry-After says when to try again."
        )
    response = JsonResponse(
        {
            "detail": message
            % {"limit": allowed.limit, "window": settings.API_RATE_WINDOW_SECONDS},
            "parameter": None,
        },
        status=429,
    )
    response["Retry-After"] = str(allowed.retry_after)
    return response


def _etag(request, *args, **kwargs) -> str:
    """The address (with its query) in this content generation: any content
    edit or import changes every ETag at once, as it empties the page cache."""
    address = f"{content_generation()}:{request.get_full_path()}"
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def _last_modified(request, *args, **kwargs):
    return content_changed_at()


def _set_headers(response, headers: dict) -> None:
    for name, value in headers.items():
        response.headers[name] = value


def api_view(view):
    """The API's answer to a request for `view`: see the module docstring."""
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            _set_headers(response, PREFLIGHT_HEADERS)
            return response
        allowed = None
        language = request.GET.get("lang", "nl")
        # Messages in the language asked for; a bad `lang` is told in Dutch.
        with translation.override(language if language in API_LANGUAGES else "nl"):
            try:
                allowed = allowance(request)
            except InvalidKey as refused:
                response = unauthorized(refused.message)
            else:
                if allowed is not None and allowed.exceeded:
                    response = too_many_requests(allowed)
                elif language not in API_LANGUAGES:
                    response = bad_request(_("lang is “nl” or “en”."), "lang")
                elif request.method in ("GET", "HEAD") and (
                    settings.API_CONDITIONAL_GET
                ):
                    response = conditional(request, *args, **kwargs)
                else:  # without conditional GET; other methods: ninja's 405
                    response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            _set_headers(response, CORS_HEADERS)
        if allowed is not None:
            response["X-RateLimit-Limit"] = str(allowed.limit)
            response["X-RateLimit-Remaining"] = str(max(allowed.remaining, 0))
        return response

    return wrapped
