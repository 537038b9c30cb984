"""The search's synonym groups."""

from django.contrib import admin

from programmes.models import SynonymGroup

from .versions import GuardedHistoryAdmin


@admin.register(SynonymGroup)
class SynonymGroupAdmin(GuardedHistoryAdmin):
    list_display = ("terms", "is_active")
    list_filter = ("is_active",)
    search_fields = ("terms",)
    fields = ("terms", "is_active")
