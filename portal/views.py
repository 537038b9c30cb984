from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from programmes.models import Level

from .health import check_cache, check_database

HOME_LEVELS = [Level.HBO_AD, Level.HBO_BA, Level.WO_BA, Level.HBO_MA, Level.WO_MA]


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        levels = [(level.value, level.label) for level in HOME_LEVELS]
        return super().get_context_data(levels=levels, **kwargs)


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database and cache answer, else 503."""
    checks = {"database": check_database(), "cache": check_cache()}
    healthy = all(status == "ok" for status in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status=200 if healthy else 503,
    )


def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
