from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabourMarketConfig(AppConfig):
    name = "labour_market"
    verbose_name = _("Labour market (CBS)")

    def ready(self):
        from programmes.importing.kinds import import_kind_register
        from programmes.importing.runner import opendata_service_register

        from .importing import IMPORT_KIND, SIGNATURES, cbs_import

        # Staff can upload CBS's files on the admin's import page, and the full
        # import takes them from OPENDATA_DIR by their header, after DUO's.
        import_kind_register(IMPORT_KIND)
        for columns in SIGNATURES:
            opendata_service_register(cbs_import, columns)
