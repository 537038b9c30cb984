"""Programmes with their parts (specialisations, honours, fees, enrolment, study
progress), edited on the programme's page or one by one.

Other apps extend this page without this module knowing them: surveys adds its
score inline to `ProgrammeAdmin.inlines`, reports scopes the programme and
specialisation admins for institution liaisons."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationStackedInline

from programmes.models import (
    Enrolment,
    EnrolmentFigureSource,
    HonoursProgramme,
    Programme,
    ProgrammeCodeChange,
    Specialisation,
    StudyProgress,
    TuitionFee,
)
from programmes.services import programme_mark_edited, programmes_set_published

from .base import (
    SOURCE_FIELDSET,
    HistoryTranslationAdmin,
    HttpsUrlMixin,
    SourceStatusMixin,
    ThumbnailSaveMixin,
    image_thumbnail,
)
from .recovery import DeletedProgrammesAdminMixin
from .revert import ProgrammeRevertAdminMixin
from .versions import GuardedHistoryAdmin


class SpecialisationInline(TranslationStackedInline):
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


def figure_sources_list(enrolment: Enrolment):
    """Each figure with the source and import run that wrote it, one per line."""
    return format_html_join(
        "",
        "<div>{}: {} ({})</div>",
        (
            (f.get_figure_display(), f.source, f.import_run or "–")
            for f in enrolment.figure_sources.all()
        ),
    )


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
        "figure_sources",
    )
    readonly_fields = ("figure_sources",)
    autocomplete_fields = ("sources",)
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("figure_sources__source", "figure_sources__import_run")
        )

    @admin.display(description=_("source per figure"))
    def figure_sources(self, obj):
        return figure_sources_list(obj) if obj.pk else ""


class EnrolmentFigureSourceInline(admin.TabularInline):
    """Where each figure came from: the imports write it, nobody edits it."""

    model = EnrolmentFigureSource
    fields = ("figure", "source", "import_run")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "import_run")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may see the enrolment may see where its figures came from.
        return self.admin_site.get_model_admin(Enrolment).has_view_permission(
            request, obj
        )


class StudyProgressInline(admin.StackedInline):
    model = StudyProgress
    fields = (
        ("cohort_year", "cohort_size", "source"),
        ("first_year_continued", "first_year_switched", "first_year_dropped_out"),
        ("diploma_years", "diploma_this", "diploma_other", "diploma_none"),
    )
    autocomplete_fields = ("source",)
    extra = 0


class ProgrammeCodeChangeFormSet(forms.BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        # Two rows of one year: say so in words, not in field names.
        if "first_year" in unique_check:
            return ProgrammeCodeChange.SAME_YEAR_MESSAGE
        return super().get_unique_error_message(unique_check)


class ProgrammeCodeChangeInline(admin.TabularInline):
    """A former CROHO code: the trends break where it ends (docs/FIGURES.md)."""

    model = ProgrammeCodeChange
    formset = ProgrammeCodeChangeFormSet
    fields = ("former_code", "first_year", "notice")
    extra = 0


class ProgrammeAdminForm(forms.ModelForm):
    """An image needs a description for readers who cannot see it, in at least
    one language (the other falls back to it). Asked here, where images are
    uploaded, not in Programme.clean: services that save a programme whose image
    predates alt texts (publishing, imports) must keep working."""

    # Not a programme field: it marks the version this save writes
    # (programmes.history), so that a typo fixed or a note for staff stays out
    # of the programme's public change log (programmes.changelog).
    internal_edit = forms.BooleanField(
        label=_("Internal edit"),
        required=False,
        help_text=_(
            "Leave this save out of the programme's public change log, e.g. a "
            "typo fixed. Figures and other edits still appear."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        described = any(
            cleaned_data.get(f"image_alt_{code}") for code, _name in settings.LANGUAGES
        )
        if cleaned_data.get("image") and not described:
            field = f"image_alt_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"
            self.add_error(
                field if field in self.fields else None,
                _("Describe the image for readers who cannot see it."),
            )
        return cleaned_data


@admin.register(Programme)
class ProgrammeAdmin(
    DeletedProgrammesAdminMixin,
    HttpsUrlMixin,
    SourceStatusMixin,
    ThumbnailSaveMixin,
    ProgrammeRevertAdminMixin,
    HistoryTranslationAdmin,
):
    form = ProgrammeAdminForm
    image_renditions = True  # the public programme page shows it, phones too
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
        "slug_en",
        "study__croho_code",
        "institution__name",
        "institution__brin",
    )
    prepopulated_fields = {"slug": ("name_nl",), "slug_en": ("name_en",)}
    autocomplete_fields = ("study", "institution", "municipality", "source")
    readonly_fields = ("data_status", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "slug",
                    "slug_en",
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
            {
                "fields": (
                    "description",
                    "admission",
                    "bridging",
                    "website",
                    ("image", "image_alt"),
                )
            },
        ),
        SOURCE_FIELDSET,
        (_("History"), {"fields": ("updated_at", "internal_edit")}),
    )
    history_list_display = ("hidden_from_changelog",)
    inlines = (
        SpecialisationInline,
        HonoursProgrammeInline,
        TuitionFeeInline,
        EnrolmentInline,
        StudyProgressInline,
        ProgrammeCodeChangeInline,
    )

    actions = ("unpublish", "publish")

    def save_model(self, request, obj, form, change):
        edited = [name for name in form.changed_data if name != "internal_edit"]
        if change and edited:
            # Imports leave fields that staff changed alone (programmes.importing);
            # marked before the save, so that one edit is one version.
            programme_mark_edited(programme=obj, fields=edited, save=False)
        # Only where the form shows the box: a scoped admin (a liaison's) that
        # leaves it out cannot hide an edit by posting it.
        obj._hidden_from_changelog = self._internal_edit(request, form, obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # The parts saved with the programme (a specialisation, a fee) are part
        # of the same edit: internal too, if it is.
        hidden = self._internal_edit(request, form, form.instance)
        for inline_form in formset.forms:
            inline_form.instance._hidden_from_changelog = hidden
        super().save_formset(request, form, formset, change)

    def _internal_edit(self, request, form, obj) -> bool:
        shown = "internal_edit" in flatten_fieldsets(self.get_fieldsets(request, obj))
        return shown and bool(form.cleaned_data.get("internal_edit"))

    def get_fieldsets(self, request, obj=None):
        # Who may not withdraw the programme (a liaison, whose scoped admin makes
        # `is_published` read-only) may not keep their edits out of its log.
        fieldsets = super().get_fieldsets(request, obj)
        if "is_published" not in self.get_readonly_fields(request, obj):
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": tuple(
                        field for field in options["fields"] if field != "internal_edit"
                    ),
                },
            )
            for name, options in fieldsets
        ]

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
class SpecialisationAdmin(HistoryTranslationAdmin):
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


@admin.register(ProgrammeCodeChange)
class ProgrammeCodeChangeAdmin(GuardedHistoryAdmin, ProgrammeChildAdmin):
    list_display = ("programme", "former_code", "first_year")
    list_filter = ("first_year",)
    search_fields = (
        *ProgrammeChildAdmin.search_fields,
        "former_code",
    )
    fieldsets = (
        (None, {"fields": ("programme", "former_code", "first_year", "notice")}),
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
    inlines = (EnrolmentFigureSourceInline,)
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
