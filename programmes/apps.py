from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        # Versions keep both languages: modeltranslation, earlier in
        # INSTALLED_APPS, has added the translated columns by now.
        from django.db.models.signals import post_migrate

        from . import history  # noqa: F401
        from .synonyms import synonyms_after_migrate

        post_migrate.connect(synonyms_after_migrate, sender=self)
