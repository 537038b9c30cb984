from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from public.caching import cache_public_page

from . import views
from .sitemaps import SITEMAPS

# Errors render without touching the database (portal.errors); 404/403 are Django's.
handler500 = "portal.errors.server_error"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages without an icon link (the admin).
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # The open data API: versioned, outside the language prefixes (docs/API.md).
    path("api/v1/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("", cache_public_page(views.HomeView.as_view()), name="home"),
    path(_("method/"), cache_public_page(views.MethodView.as_view()), name="method"),
    path("", include("public.urls")),
    path(_("reports/"), include("reports.urls")),
    path("", include("opendata.urls")),
    path("admin/", admin.site.urls),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
