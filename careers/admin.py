from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from careers.models import (
    CareerFigure,
    CareerOutcome,
    GraduateJudgement,
    Occupation,
    OccupationShare,
)
from programmes.admin.base import (
    SOURCE_FIELDSET,
    HistoryTranslationAdmin,
    SourceStatusMixin,
)
from programmes.admin.versions import GuardedHistoryAdmin


def too_many_shares(total):
    return ValidationError(
        _(
            "The occupation shares add up to %(total)s%%; together they can "
            "be at most 100%%."
        )
        % {"total": total},
        code="shares_above_100",
    )


class OccupationShareFormSet(BaseInlineFormSet):
    """The occupations of one outcome are parts of one whole: at most 100% together."""

    def clean(self):
        super().clean()
        total = Decimal(0)
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            total += form.cleaned_data.get("share") or 0
        if total > 100:
            raise too_many_shares(total)


class OccupationShareForm(forms.ModelForm):
    """A share edited on its own still fits with the outcome's other shares."""

    def clean(self):
        cleaned_data = super().clean()
        outcome, share = cleaned_data.get("outcome"), cleaned_data.get("share")
        if outcome is None or share is None:
            return cleaned_data
        others = outcome.occupation_shares.exclude(pk=self.instance.pk).aggregate(
            total=Sum("share")
        )["total"] or Decimal(0)
        if others + share > 100:
            raise too_many_shares(others + share)
        return cleaned_data


class CareerFigureInline(admin.TabularInline):
    model = CareerFigure
    fields = ("metric", "value", "respondents")
    extra = 0


class OccupationShareInline(admin.TabularInline):
    model = OccupationShare
    formset = OccupationShareFormSet
    fields = ("occupation", "share", "position")
    autocomplete_fields = ("occupation",)
    extra = 0


@admin.register(CareerOutcome)
class CareerOutcomeAdmin(SourceStatusMixin, GuardedHistoryAdmin):
    list_display = ("study", "year", "respondents", "data_badge")
    list_filter = ("year", "source__kind")
    list_select_related = ("study", "source")
    search_fields = ("study__name", "study__croho_code")
    autocomplete_fields = ("study", "source")
    readonly_fields = ("data_status",)
    fieldsets = ((None, {"fields": ("study", "year", "respondents")}), SOURCE_FIELDSET)
    inlines = (CareerFigureInline, OccupationShareInline)


@admin.register(Occupation)
class OccupationAdmin(HistoryTranslationAdmin):
    list_display = ("name", "isco_code")
    search_fields = ("name", "isco_code")
    fieldsets = ((None, {"fields": ("name", "isco_code")}),)


@admin.register(CareerFigure)
class CareerFigureAdmin(GuardedHistoryAdmin):
    list_display = ("outcome", "metric", "value", "respondents")
    list_filter = ("metric",)
    list_select_related = ("outcome__study",)
    search_fields = ("outcome__study__name",)
    autocomplete_fields = ("outcome",)
    fieldsets = ((None, {"fields": ("outcome", "metric", "value", "respondents")}),)


@admin.register(OccupationShare)
class OccupationShareAdmin(GuardedHistoryAdmin):
    form = OccupationShareForm
    list_display = ("occupation", "outcome", "share", "position")
    list_select_related = ("occupation", "outcome__study")
    search_fields = ("occupation__name", "outcome__study__name")
    autocomplete_fields = ("outcome", "occupation")
    fieldsets = ((None, {"fields": ("outcome", "occupation", "share", "position")}),)


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
