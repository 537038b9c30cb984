from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The pages students read: listing, search, compare, programme pages, and the
    read model (ProgrammeSummary) and page cache that keep them fast."""

    name = "public"
    verbose_name = _("Public pages")

    def ready(self):
        from . import signals  # noqa: F401  (connects the summary receivers)
        from .caching import connect_invalidation

        connect_invalidation()
