from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """Bulk downloads of the published catalogue (docs/API.md, "Bulk
    downloads"): the files, written from the API's own representations, and the
    public page that offers them.

    Its own app because it sits above the API (it writes what the API writes, so
    they cannot disagree) while serving public HTML pages and files: neither the
    API nor the public side may hold it without importing upwards.
    """

    name = "opendata"
    verbose_name = _("Open data downloads")

    def ready(self):
        from . import signals  # noqa: F401  (regenerates the files after an import)
