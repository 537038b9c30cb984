from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        # Versions keep both languages: modeltranslation, earlier in
        # INSTALLED_APPS, has added the translated columns by now.
        from . import history  # noqa: F401
