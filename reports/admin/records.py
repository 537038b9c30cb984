from django.contrib import admin

from reports.models import ExportLog, InstitutionLiaison


@admin.register(InstitutionLiaison)
class InstitutionLiaisonAdmin(admin.ModelAdmin):
    list_display = ("user", "institution")
    list_select_related = ("user", "institution")
    search_fields = ("user__username", "institution__name", "institution__brin")
    autocomplete_fields = ("user", "institution")


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    """Read-only: the log is written by exports only."""

    list_display = ("created_at", "user", "report", "file_format", "row_count")
    list_filter = ("report", "file_format", "via_command")
    list_select_related = ("user",)
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in ExportLog._meta.fields] + [
        "institutions"
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
