"""Inlines of survey data shown on other apps' admin pages.

Kept apart from surveys/admin.py so that programmes/admin.py can attach them to the
programme page without importing the whole surveys admin (and vice versa).
"""

from django.contrib import admin

from surveys.models import ProgrammeScore


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
