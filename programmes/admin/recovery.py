"""The admin page that lists deleted programmes and brings them back.

Deleting is left to superusers (unpublishing is the normal path), so is
restoring; the work itself is `programmes.services.programme_restore_deleted`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from programmes.models import Programme
from programmes.services import programme_restore_deleted, programmes_deleted


class DeletedProgrammesAdminMixin:
    """Adds "Deleted programmes" (list and restore) to the programme admin."""

    change_list_template = "admin/programmes/programme/change_list.html"

    def has_restore_permission(self, request) -> bool:
        return request.user.is_superuser

    def get_urls(self):
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="programmes_programme_deleted",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_restore": self.has_restore_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        return _deleted_view(request, self)


@require_http_methods(["GET", "POST"])
def _deleted_view(request, model_admin):
    if request.method == "POST":
        return _restore(request)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Deleted programmes"),
        "deletions": programmes_deleted(),
    }
    return TemplateResponse(request, "admin/programmes/programme/deleted.html", context)


def _restore(request):
    deleted_list = reverse("admin:programmes_programme_deleted")
    try:
        programme = programme_restore_deleted(
            programme_id=int(request.POST.get("programme_id", ""))
        )
    except (ValueError, Programme.DoesNotExist):
        messages.error(
            request, _("That programme is not among the deleted programmes.")
        )
        return redirect(deleted_list)
    except ValidationError as error:  # e.g. its slug is another programme's now
        messages.error(request, " ".join(error.messages))
        return redirect(deleted_list)
    messages.success(
        request,
        _("“%(name)s” is back, with the parts deleted along with it.")
        % {"name": programme},
    )
    return redirect(reverse("admin:programmes_programme_change", args=[programme.pk]))
