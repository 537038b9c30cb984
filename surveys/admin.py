from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from programmes.admin import (
    SOURCE_FIELDSET,
    HistoryTranslationAdmin,
    SourceStatusMixin,
    source_badge,
)
from programmes.admin_versions import GuardedHistoryAdmin
from surveys.models import Aspect, GraduateJudgement, ProgrammeScore, SurveyRound


@admin.register(SurveyRound)
class SurveyRoundAdmin(SourceStatusMixin, HistoryTranslationAdmin):
    list_display = ("name", "year", "source", "data_badge")
    list_filter = ("source__kind",)
    list_select_related = ("source",)
    search_fields = ("name", "year")
    autocomplete_fields = ("source",)
    readonly_fields = ("data_status",)
    fieldsets = ((None, {"fields": ("year", "name")}), SOURCE_FIELDSET)


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


@admin.register(GraduateJudgement)
class GraduateJudgementAdmin(SourceStatusMixin, GuardedHistoryAdmin):
    list_display = (
        "study",
        "year",
        "good_basis",
        "would_choose_again",
        "respondents",
        "data_badge",
    )
    list_filter = ("year", "source__kind")
    list_select_related = ("study", "source")
    search_fields = ("study__name", "study__croho_code")
    autocomplete_fields = ("study", "source")
    readonly_fields = ("data_status",)
    fieldsets = (
        (None, {"fields": ("study", "year", "respondents")}),
        (_("Judgement"), {"fields": ("good_basis", "would_choose_again")}),
        SOURCE_FIELDSET,
    )
