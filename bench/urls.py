"""The portal's URLs plus `/bench/bare/`, for the benchmarks only (settings.bench).

The bare view returns a constant page through the full middleware stack: the
ceiling that bench/bench_throughput.py compares real pages with. It must not
exist under any other settings (tests/bench/test_urls.py).
"""

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler500
from portal.urls import urlpatterns as portal_urlpatterns

BARE_PAGE = (
    "<!doctype html><html lang=en><head><meta charset=utf-8>"
    "<title>Bare</title></head><body><p>Bare Django view.</p></body></html>"
)


def bare(request):
    return HttpResponse(BARE_PAGE)


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *portal_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
