from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from programmes.admin.base import (
    SOURCE_FIELDSET,
    HistoryTranslationAdmin,
    SourceStatusMixin,
    source_badge,
)
from programmes.admin.programmes import ProgrammeAdmin
from programmes.admin.versions import GuardedHistoryAdmin
from surveys.models import Aspect, ProgrammeScore, SurveyRound


@admin.register(SurveyRound)
class SurveyRoundAdmin(SourceStatusMixin, HistoryTranslationAdmin):
    list_display = ("name", "year", "source", "data_badge")
    list_filter = ("source__kind",)
    list_select_related = ("source",)
    search_fields = ("name", "year")
    autocomplete_fields = ("source",)
    readonly_fields = ("data_status",)
    fieldsets = (
        (None, {"fields": ("year", "name", "questionnaire_note")}),
        SOURCE_FIELDSET,
    )


@admin.register(Aspect)
class AspectAdmin(HistoryTranslationAdmin):
    list_display = ("name", "code", "position")
    list_editable = ("position",)
    search_fields = ("name", "code")
    fieldsets = ((None, {"fields": ("code", "name", "description", "position")}),)


@admin.register(ProgrammeScore)
class ProgrammeScoreAdmin(GuardedHistoryAdmin):
    list_display = (
        "programme",
        "survey_round",
        "aspect",
        "mean",
        "respondents",
        "data_badge",
    )
    list_filter = ("survey_round", "aspect", "survey_round__source__kind")
    list_select_related = (
        "programme__institution",
        "survey_round__source",
        "aspect",
    )
    search_fields = ("programme__name", "programme__study__croho_code")
    autocomplete_fields = ("programme", "survey_round")
    fieldsets = (
        (None, {"fields": ("programme", "survey_round", "aspect")}),
        (_("Score"), {"fields": ("mean", "std_dev", "respondents", "population")}),
    )

    @admin.display(description=_("data"), ordering="survey_round__source__kind")
    def data_badge(self, obj):
        return source_badge(obj.survey_round.source)


class ProgrammeScoreInline(admin.TabularInline):
    model = ProgrammeScore
    fields = ("survey_round", "aspect", "mean", "std_dev", "respondents", "population")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("survey_round", "aspect")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Rounds and aspects are short lists, but every score row renders its own
        # dropdown: build the choices once per request instead of once per row.
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in ("survey_round", "aspect"):
            cache = request.__dict__.setdefault("_programme_score_choices", {})
            if db_field.name not in cache:
                cache[db_field.name] = list(field.choices)
            field.choices = cache[db_field.name]
        return field


# A programme's page in the admin lists its scores too; programmes does not know
# surveys, so the inline is added from here.
ProgrammeAdmin.inlines = (*ProgrammeAdmin.inlines, ProgrammeScoreInline)
