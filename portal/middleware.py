"""Site-wide middleware: clean query strings, security headers, and failing
gracefully without a database."""

import logging

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import QueryDict
from django.utils.cache import patch_cache_control

from .errors import is_database_outage, service_unavailable
from .replica import replica_state, request_reads_replica, use_primary, use_replica

logger = logging.getLogger(__name__)


class StripNullCharactersMiddleware:
    """Remove NUL characters from query strings before any view reads them.

    No legitimate link carries one, and PostgreSQL refuses them in text, so a
    crafted `?q=%00` would otherwise become a server error on any page that
    filters by a parameter. (Forms already refuse NUL: ProhibitNullCharactersValidator.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    key.replace("\x00", ""), [v.replace("\x00", "") for v in values]
                )
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends Permissions-Policy from the PERMISSIONS_POLICY setting.

    ``{"camera": []}`` becomes ``camera=()``: the feature is off everywhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class PortalCSPMiddleware(CSPMiddleware):
    """The strict CONTENT_SECURITY_POLICY everywhere; the admin may use inline styles.

    Scripts stay 'self' in the admin too. Inline styles are allowed there because
    admin widgets and our own admin badges set style attributes; public pages
    have none.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        match = request.resolver_match
        if not report_only and match is not None and "admin" in match.namespaces:
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts


class DatabaseUnavailableMiddleware:
    """Answers 503 with a retry hint when a page cannot reach the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.error("Database unavailable for %s", request.path, exc_info=exception)
        return service_unavailable(request)


class PrivateWhenPersonalMiddleware:
    """Cache-Control: private on every response to a visitor with a session.

    A logged-in user's page or one showing a compare selection is theirs alone:
    no shared cache (a proxy, a CDN) may keep it for the next visitor. Such a
    visitor sends the session cookie, or gets one with this response (a first
    compare choice). An anonymous page without a session stays cacheable; our own
    page cache already skips requests with a session cookie (public.caching).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._is_personal(request):
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def _is_personal(request) -> bool:
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return True
        session = getattr(request, "session", None)
        # Every page reads the session (the compare tray); only a filled one is personal.
        return session is not None and session.accessed and not session.is_empty()


class ReadReplicaMiddleware:
    """Anonymous GETs read the replica (portal.replica); should the replica fail
    during the request (a 503 from DatabaseUnavailableMiddleware), the page is
    asked once more of the primary, so a visitor never sees the replica's outage.
    Before the session middleware: the session cookie alone decides, so that a
    session is never looked up on a replica that may lag behind the login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_reads_replica(request):
            return self.get_response(request)
        with use_replica():
            response = self.get_response(request)
        if response.status_code == 503 and replica_state(fresh=True) != "ok":
            with use_primary():
                response = self.get_response(request)
        return response
