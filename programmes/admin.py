from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from portal.reports.liaison_admin import (
    LiaisonProgrammeAdminMixin,
    LiaisonTextsAdminMixin,
)
from programmes.admin_history import ProgrammeRevertAdminMixin
from programmes.admin_recovery import DeletedProgrammesAdminMixin
from programmes.admin_versions import GuardedHistoryAdmin
from programmes.images import (
    image_discard_on_commit,
    make_thumbnail,
    reencode_upload,
    thumbnail_url,
)
from programmes.importing.services import programme_mark_edited
from programmes.models import (
    DataSource,
    Enrolment,
    HonoursProgramme,
    Institution,
    Municipality,
    Programme,
    Specialisation,
    Study,
    StudyProgress,
    TuitionFee,
)
from programmes.services import programmes_set_published
from surveys.admin_inlines import ProgrammeScoreInline

SOURCE_FIELDSET = (_("Source"), {"fields": ("data_status", "source")})


def source_badge(source):
    """A badge saying that figures are demo or synthetic; "" for real sources."""
    if source is None or source.is_real:
        return ""
    label = _("Synthetic data") if source.is_synthetic else _("Demo data")
    return format_html(
        '<strong class="data-badge data-badge--{}" title="{}" style="color:#ba2121">'
        "{}</strong>",
        source.kind,
        source.get_kind_display(),
        label,
    )


class SourceStatusMixin:
    """Marks rows whose figures come from demo or synthetic sources.

    Shows a badge column in the changelist and a warning on the change form, so
    that nobody takes demo figures for real ones.
    """

    @admin.display(description=_("data"), ordering="source__kind")
    def data_badge(self, obj):
        return source_badge(obj.source)

    @admin.display(description=_("data status"))
    def data_status(self, obj):
        if obj is None or obj.pk is None or obj.source is None:
            return _("No source given.")
        if obj.source.is_real:
            return obj.source.get_kind_display()
        return format_html(
            '{} <span class="help" style="color:#ba2121">{}</span>',
            source_badge(obj.source),
            _("These figures are not real: do not present them as facts."),
        )


class HttpsUrlMixin:
    """Web addresses typed without a scheme get https://, as Django 6 will do."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


def image_thumbnail(field_file):
    url = thumbnail_url(field_file)
    if not url:
        return ""
    return format_html('<img src="{}" alt="" class="admin-thumbnail">', url)


class HistoryTranslationAdmin(GuardedHistoryAdmin, TabbedTranslationAdmin):
    """Tabbed nl/en editing with a History page: each version's author, time and
    changed fields, and a form to restore it (django-simple-history)."""


class ThumbnailSaveMixin:
    """Re-encodes a newly uploaded ``image_field`` (dropping its metadata, naming it
    by its real format) and makes its Pillow thumbnail; the image it replaces or
    clears is deleted from storage once the save commits."""

    image_field = "image"

    def save_model(self, request, obj, form, change):
        changed = self.image_field in form.changed_data
        uploaded = changed and getattr(obj, self.image_field)
        # The form has already put the new value on obj: read the old one.
        replaced = changed and change and self._stored_image_name(obj)
        if uploaded:
            setattr(obj, self.image_field, reencode_upload(uploaded.file))
        super().save_model(request, obj, form, change)
        if uploaded:
            make_thumbnail(getattr(obj, self.image_field))
        if replaced:
            image_discard_on_commit(name=replaced)

    def _stored_image_name(self, obj) -> str:
        stored = type(obj)._base_manager.filter(pk=obj.pk)
        return stored.values_list(self.image_field, flat=True).first() or ""


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
    prepopulated_fields = {"slug": ("name_nl",)}
    autocomplete_fields = ("students_source",)
    fieldsets = (
        (None, {"fields": ("code", "name", "slug", "province")}),
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
    prepopulated_fields = {"slug": ("name_nl",)}
    autocomplete_fields = ("municipality",)
    fieldsets = (
        (None, {"fields": ("brin", "name", "short_name", "slug", "kind")}),
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
    prepopulated_fields = {"slug": ("name_nl",)}
    fieldsets = ((None, {"fields": ("croho_code", "level", "name", "slug", "sector")}),)


class SpecialisationInline(LiaisonTextsAdminMixin, TranslationStackedInline):
    liaison_text_fields = ("name", "description", "language_note")
    institution_path = "programme__institution"

    model = Specialisation
    fields = ("name", "description", "language", "language_note", "position")
    extra = 0


class HonoursProgrammeInline(TranslationStackedInline):
    model = HonoursProgramme
    fields = ("name", "description", "position")
    extra = 0


class TuitionFeeInline(admin.TabularInline):
    model = TuitionFee
    fields = ("academic_year", "kind", "amount", "source")
    autocomplete_fields = ("source",)
    extra = 0


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    fields = (
        "academic_year",
        "students",
        "first_years",
        "first_years_men",
        "first_years_women",
        "graduates",
        "sources",
    )
    autocomplete_fields = ("sources",)
    extra = 0


class StudyProgressInline(admin.StackedInline):
    model = StudyProgress
    fields = (
        ("cohort_year", "cohort_size", "source"),
        ("first_year_continued", "first_year_switched", "first_year_dropped_out"),
        ("diploma_years", "diploma_this", "diploma_other", "diploma_none"),
    )
    autocomplete_fields = ("source",)
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(
    DeletedProgrammesAdminMixin,
    LiaisonProgrammeAdminMixin,
    HttpsUrlMixin,
    SourceStatusMixin,
    ThumbnailSaveMixin,
    ProgrammeRevertAdminMixin,
    HistoryTranslationAdmin,
):
    list_display = (
        "thumbnail",
        "name",
        "institution",
        "croho",
        "form",
        "language",
        "is_published",
        "data_badge",
    )
    list_display_links = ("thumbnail", "name")
    list_filter = ("is_published", "form", "language", "study__level", "source__kind")
    list_select_related = ("institution", "study", "source")
    search_fields = (
        "name",
        "slug",
        "study__croho_code",
        "institution__name",
        "institution__brin",
    )
    prepopulated_fields = {"slug": ("name_nl",)}
    autocomplete_fields = ("study", "institution", "municipality", "source")
    readonly_fields = ("data_status", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "slug",
                    "study",
                    "institution",
                    "municipality",
                    "is_published",
                )
            },
        ),
        (
            _("Offer"),
            {
                "fields": (
                    ("form", "location_code", "rio_code"),
                    ("degree", "ects"),
                    ("language", "english_share"),
                    ("funding", "taught_by"),
                    "started_on",
                )
            },
        ),
        (
            _("Texts"),
            {"fields": ("description", "admission", "bridging", "website", "image")},
        ),
        SOURCE_FIELDSET,
        (_("History"), {"fields": ("updated_at",)}),
    )
    liaison_inlines = (SpecialisationInline,)
    inlines = (
        SpecialisationInline,
        HonoursProgrammeInline,
        TuitionFeeInline,
        EnrolmentInline,
        StudyProgressInline,
        ProgrammeScoreInline,
    )

    actions = ("unpublish", "publish")

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            # Imports leave fields that staff changed alone (programmes.importing);
            # marked before the save, so that one edit is one version.
            programme_mark_edited(programme=obj, fields=form.changed_data, save=False)
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        # Unpublishing is the normal way to take a programme offline; deleting
        # (recoverable from its history) is left to superusers.
        return request.user.is_superuser

    @admin.action(description=_("Unpublish selected programmes"))
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, is_published=False)

    @admin.action(description=_("Publish selected programmes"))
    def publish(self, request, queryset):
        self._set_published(request, queryset, is_published=True)

    def _set_published(self, request, queryset, *, is_published):
        # One save per programme, so that each change is versioned with its author.
        count = programmes_set_published(programmes=queryset, is_published=is_published)
        self.message_user(
            request,
            ngettext(
                "%(count)d programme changed.", "%(count)d programmes changed.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return image_thumbnail(obj.image)

    @admin.display(description=_("CROHO code"), ordering="study__croho_code")
    def croho(self, obj):
        return obj.study.croho_code


class ProgrammeChildAdmin(admin.ModelAdmin):
    """Programme figures edited on their own, e.g. to correct one year."""

    list_select_related = ("programme__institution",)
    search_fields = ("programme__name", "programme__study__croho_code")
    autocomplete_fields = ("programme",)


@admin.register(Specialisation)
class SpecialisationAdmin(LiaisonTextsAdminMixin, HistoryTranslationAdmin):
    liaison_text_fields = SpecialisationInline.liaison_text_fields
    institution_path = SpecialisationInline.institution_path

    list_display = ("name", "programme", "language", "position")
    list_select_related = ("programme__institution",)
    list_filter = ("language",)
    search_fields = ("name", "programme__name")
    autocomplete_fields = ("programme",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "programme",
                    "name",
                    "description",
                    "language",
                    "language_note",
                    "position",
                )
            },
        ),
    )


@admin.register(HonoursProgramme)
class HonoursProgrammeAdmin(HistoryTranslationAdmin):
    list_display = ("name", "programme", "position")
    list_select_related = ("programme__institution",)
    search_fields = ("name", "programme__name")
    autocomplete_fields = ("programme",)
    fieldsets = ((None, {"fields": ("programme", "name", "description", "position")}),)


@admin.register(TuitionFee)
class TuitionFeeAdmin(SourceStatusMixin, GuardedHistoryAdmin, ProgrammeChildAdmin):
    list_display = ("programme", "academic_year", "kind", "amount", "data_badge")
    list_filter = ("academic_year", "kind", "source__kind")
    list_select_related = ("programme__institution", "source")
    autocomplete_fields = ("programme", "source")
    readonly_fields = ("data_status",)
    fieldsets = (
        (None, {"fields": ("programme", "academic_year", "kind", "amount")}),
        SOURCE_FIELDSET,
    )


@admin.register(Enrolment)
class EnrolmentAdmin(GuardedHistoryAdmin, ProgrammeChildAdmin):
    list_display = (
        "programme",
        "academic_year",
        "students",
        "first_years",
        "first_years_men",
        "first_years_women",
        "graduates",
    )
    list_filter = ("academic_year",)
    autocomplete_fields = ("programme", "sources")
    fieldsets = (
        (None, {"fields": ("programme", "academic_year")}),
        (
            _("Students"),
            {
                "fields": (
                    "students",
                    ("first_years", "first_years_men", "first_years_women"),
                    "graduates",
                    "sources",
                )
            },
        ),
    )


@admin.register(StudyProgress)
class StudyProgressAdmin(SourceStatusMixin, GuardedHistoryAdmin, ProgrammeChildAdmin):
    list_display = (
        "programme",
        "cohort_year",
        "first_year_continued",
        "diploma_this",
        "diploma_years",
        "data_badge",
    )
    list_filter = ("cohort_year", "source__kind")
    list_select_related = ("programme__institution", "source")
    autocomplete_fields = ("programme", "source")
    readonly_fields = ("data_status",)
    fieldsets = (
        (None, {"fields": ("programme", "cohort_year", "cohort_size")}),
        (
            _("After the first year"),
            {
                "fields": (
                    "first_year_continued",
                    "first_year_switched",
                    "first_year_dropped_out",
                )
            },
        ),
        (
            _("Diplomas"),
            {
                "fields": (
                    "diploma_years",
                    "diploma_this",
                    "diploma_other",
                    "diploma_none",
                )
            },
        ),
        SOURCE_FIELDSET,
    )


from programmes import admin_imports  # noqa: E402, F401  (the import log and upload page)
