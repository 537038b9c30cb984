from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = _("Graduate careers")

    def ready(self):
        from programmes.changelog import change_reader_register
        from programmes.importing.kinds import import_kind_register

        # Versions keep both languages: modeltranslation, earlier in
        # INSTALLED_APPS, has added the translated columns by now.
        from . import history  # noqa: F401
        from .changelog import career_import_changes
        from .importing import IMPORT_KIND

        # Staff can upload this app's CSV files on the admin's import page.
        import_kind_register(IMPORT_KIND)
        # The change log of the study's programmes lists the imports of its figures.
        change_reader_register(career_import_changes)
