"""API keys in the admin: issued here, the key shown once. Only staff with the
model's permissions see this page (deny by default: no group grants them;
docs/REPORTS.md, the permission matrix)."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from .keys import api_key_issue
from .models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "contact_email",
        "key_prefix",
        "requests_per_minute",
        "is_active",
        "created_at",
        "last_used_at",
    )
    list_filter = ("is_active",)
    search_fields = ("name", "contact_email", "key_prefix")
    readonly_fields = ("key_prefix", "created_at", "last_used_at")
    fields = (
        "name",
        "contact_email",
        "requests_per_minute",
        "is_active",
        "key_prefix",
        "created_at",
        "last_used_at",
    )

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        key = api_key_issue(api_key=obj)
        self.message_user(
            request,
            _(
                "The API key for %(name)s is: %(key)s. Copy it now: it is shown "
                "only this once, and only its hash is kept."
            )
            % {"name": obj.name, "key": key},
            messages.WARNING,
        )
