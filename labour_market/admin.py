from django.contrib import admin

from .models import HourlyWage, PositionCount


class CbsCellAdmin(admin.ModelAdmin):
    """CBS's published cells, read-only: they change only by importing CBS's
    files (Import runs → Upload a file, `import_opendata`, `fetch_cbs`)."""

    list_filter = ("cohort", "level", "sector", "gender", "years_after")
    list_select_related = ("source",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PositionCount)
class PositionCountAdmin(CbsCellAdmin):
    list_display = (
        "cohort",
        "level",
        "sector",
        "gender",
        "years_after",
        "position",
        "graduates",
        "source",
    )
    list_filter = (*CbsCellAdmin.list_filter, "position")


@admin.register(HourlyWage)
class HourlyWageAdmin(CbsCellAdmin):
    list_display = (
        "cohort",
        "level",
        "sector",
        "gender",
        "years_after",
        "wage",
        "source",
    )
