from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Student surveys")

    def ready(self):
        from programmes.changelog import change_reader_register
        from programmes.importing.kinds import import_kind_register

        # Versions keep both languages: modeltranslation, earlier in
        # INSTALLED_APPS, has added the translated columns by now.
        from . import history  # noqa: F401
        from .changelog import score_import_changes
        from .importing import IMPORT_KIND

        # Staff can upload this app's CSV files on the admin's import page.
        import_kind_register(IMPORT_KIND)
        # A programme's change log lists the imports of its scores.
        change_reader_register(score_import_changes)
