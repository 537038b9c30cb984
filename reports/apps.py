from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    label = "reports"
    verbose_name = _("Reports and liaisons")

    def ready(self):
        from . import access  # noqa: F401  (registers the permission rules)
        from .roles import roles_ensure

        post_migrate.connect(roles_ensure, sender=self)
