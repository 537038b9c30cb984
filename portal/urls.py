from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from . import views
from .caching import cache_public_page

# Errors render without touching the database (portal.errors); 404/403 are Django's.
handler500 = "portal.errors.server_error"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", cache_public_page(views.HomeView.as_view()), name="home"),
    path("", include("programmes.urls")),
    path("admin/", admin.site.urls),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
