"""The public change log's entries as staff see them: each version of a
programme, with a switch that keeps it out of the log (programmes.changelog).

The same switch is the "Internal edit" box on the programme's page, for the save
being made; here an edit already saved is hidden, or shown again. Versions are
written by saves, never here: no adding, no deleting, and nothing but the switch
can be changed.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programmes import history  # noqa: F401
from programmes.models import Programme

# The versions' model exists once programmes.history has registered it: the admin
# loads before the programmes app is ready (modeltranslation, which must come
# first, is ready by then), so it is imported above.
ProgrammeVersion = Programme.history.model


@admin.register(ProgrammeVersion)
class ProgrammeVersionAdmin(admin.ModelAdmin):
    list_display = (
        "history_date",
        "name",
        "institution",
        "history_type",
        "history_user",
        "hidden_from_changelog",
    )
    list_filter = ("hidden_from_changelog", "history_type")
    list_select_related = ("institution", "history_user")
    search_fields = ("name", "institution__name")
    date_hierarchy = "history_date"
    fields = (
        "name",
        "institution",
        "history_date",
        "history_type",
        "history_user",
        "hidden_from_changelog",
    )
    readonly_fields = (
        "name",
        "institution",
        "history_date",
        "history_type",
        "history_user",
    )
    actions = ("hide_from_changelog", "show_in_changelog")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Hide from the public change log"), permissions=["change"]
    )
    def hide_from_changelog(self, request, queryset):
        self._set_hidden(request, queryset, hidden=True)

    @admin.action(
        description=_("Show in the public change log"), permissions=["change"]
    )
    def show_in_changelog(self, request, queryset):
        self._set_hidden(request, queryset, hidden=False)

    def _set_hidden(self, request, queryset, *, hidden):
        # Saved one by one, not update(): a save tells the page cache that
        # content changed (public.caching), so the log shows the switch at once.
        count = 0
        for version in queryset.exclude(hidden_from_changelog=hidden):
            version.hidden_from_changelog = hidden
            version.save(update_fields=["hidden_from_changelog"])
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d version changed.", "%(count)d versions changed.", count)
            % {"count": count},
            messages.SUCCESS,
        )
