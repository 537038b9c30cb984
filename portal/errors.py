"""Error pages that render even when the database is down.

404 and 403 use Django's own handlers with our templates; 500 and 503 render
without context processors, so that showing the error never needs the database
(the auth context processor would load the session and the user).
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30


def is_database_outage(exception: BaseException | None) -> bool:
    """The database did not answer: unreachable, connect or statement timeout."""
    return isinstance(exception, OperationalError | InterfaceError)


def render_without_database(request, template_name: str, status: int) -> HttpResponse:
    context = {
        "request": request,
        "LANGUAGES": settings.LANGUAGES,
        "retry_after": RETRY_AFTER_SECONDS,
    }
    html = loader.get_template(template_name).render(context)
    return HttpResponse(html, status=status)


def server_error(request):
    """handler500; a database outage outside a view (the session saved by its
    middleware, a context processor) is a 503 too, like one in a view
    (portal.middleware.DatabaseUnavailableMiddleware)."""
    # Django calls handler500 while it handles the exception.
    if is_database_outage(sys.exception()):
        return service_unavailable(request)
    return render_without_database(request, "500.html", status=500)


def service_unavailable(request) -> HttpResponse:
    response = render_without_database(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
