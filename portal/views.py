from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from programmes.models import Level
from public.facets import catalogue_level_counts

from .health import check_cache, check_database
from .replica import replica_configured, replica_state

HOME_LEVELS = [Level.HBO_AD, Level.HBO_BA, Level.WO_BA, Level.HBO_MA, Level.WO_MA]


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        total, per_level = catalogue_level_counts() or (None, {})
        levels = [
            (level.value, level.label, per_level.get(level.value))
            for level in HOME_LEVELS
        ]
        return super().get_context_data(levels=levels, programme_total=total, **kwargs)


class MethodView(TemplateView):
    """How a difference is judged against sampling noise (figures.derived),
    linked from every place that words one."""

    template_name = "portal/method.html"


@never_cache
@require_GET
def healthz(request):
    """For load balancers: which part is down, and 503 when pages cannot work.

    Without the database no page works: 503, take this server out. Without the
    cache pages are served uncached (portal.cache_backend): 200 "degraded", since
    every server shares one Redis and taking them all out would end the site.
    Without the replica (when there is one) public pages read the primary
    (portal.replica): 200 "degraded" too.
    Each check is bounded by the connect and socket timeouts (portal/settings/env.py).
    """
    checks = {"database": check_database(), "cache": check_cache()}
    if replica_configured():
        checks["replica"] = replica_state(fresh=True)
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    elif "unavailable" in checks.values():
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)


def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@require_GET
def robots_txt(request):
    """For crawlers: every public page may be read, the staff and liaison pages
    not (they answer a login page anyway), and where the sitemap is."""
    lines = ["User-agent: *"]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lines += [
                f"Disallow: {reverse('admin:index')}",
                f"Disallow: {reverse('reports:reports')}",
            ]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
