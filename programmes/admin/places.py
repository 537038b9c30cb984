"""Sources, places, institutions and studies."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from programmes.models import DataSource, Institution, Municipality, Study

from .base import (
    HistoryTranslationAdmin,
    HttpsUrlMixin,
    ThumbnailSaveMixin,
    image_thumbnail,
)


@admin.register(DataSource)
class DataSourceAdmin(HttpsUrlMixin, HistoryTranslationAdmin):
    list_display = ("name", "key", "kind", "publisher", "retrieved_on")
    list_filter = ("kind",)
    search_fields = ("name", "key", "publisher")
    fieldsets = (
        (None, {"fields": ("key", "name", "kind")}),
        (
            _("Provenance"),
            {"fields": ("publisher", "url", "file_name", "retrieved_on", "note")},
        ),
    )


@admin.register(Municipality)
class MunicipalityAdmin(HistoryTranslationAdmin):
    list_display = ("name", "code", "province", "students", "students_year")
    list_filter = ("province",)
    search_fields = ("name", "code")
    prepopulated_fields = {"slug": ("name_nl",), "slug_en": ("name_en",)}
    autocomplete_fields = ("students_source",)
    fieldsets = (
        (None, {"fields": ("code", "name", "slug", "slug_en", "province")}),
        (
            _("Students"),
            {"fields": ("students", "students_year", "students_source")},
        ),
    )


@admin.register(Institution)
class InstitutionAdmin(HttpsUrlMixin, ThumbnailSaveMixin, HistoryTranslationAdmin):
    image_field = "logo"
    list_display = ("logo_thumbnail", "name", "brin", "kind", "municipality")
    list_display_links = ("logo_thumbnail", "name")
    list_filter = ("kind",)
    list_select_related = ("municipality",)
    search_fields = ("name", "short_name", "brin")
    prepopulated_fields = {"slug": ("name_nl",), "slug_en": ("name_en",)}
    autocomplete_fields = ("municipality",)
    fieldsets = (
        (None, {"fields": ("brin", "name", "short_name", "slug", "slug_en", "kind")}),
        (
            _("Contact"),
            {"fields": ("municipality", "address", "postcode", "website", "logo")},
        ),
    )

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, obj):
        return image_thumbnail(obj.logo)


@admin.register(Study)
class StudyAdmin(HistoryTranslationAdmin):
    list_display = ("name", "croho_code", "level", "sector")
    list_filter = ("level", "sector")
    search_fields = ("name", "croho_code")
    prepopulated_fields = {"slug": ("name_nl",), "slug_en": ("name_en",)}
    fieldsets = (
        (
            None,
            {"fields": ("croho_code", "level", "name", "slug", "slug_en", "sector")},
        ),
    )
