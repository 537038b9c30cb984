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
    list_select_related = ("survey_round", "aspect")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("survey_round", "aspect")
