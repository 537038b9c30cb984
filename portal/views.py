from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from .health import check_cache, check_database


class HomeView(TemplateView):
    template_name = "portal/home.html"


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
