from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only JSON API under /api/v1/ (docs/API.md): the catalogue and
    its figures, read through the same functions as the public pages."""

    name = "api"
    verbose_name = _("Open data API")
