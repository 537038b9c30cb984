"""django-simple-history's History, version and revert pages, held to the admin's
own permissions.

Left to itself the package finds the object outside `get_queryset()` (so an
admin scoped to some rows shows the history of every row), and saves a revert
POST for anyone who may merely view. Every history-enabled admin of the portal
builds on `GuardedHistoryAdmin`; the permission matrix test covers each one.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from simple_history.admin import SimpleHistoryAdmin


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """History pages exist only for objects the user may see in this admin.

    - an object outside `get_queryset(request)` has no history page (the same
      "does not exist" redirect as its change page);
    - a deleted object's history needs view-history permission on the model;
    - the version page needs `may_open_versions()`, and its revert POST the
      change-history permission on the live object (the "Revert" button's rule).
    """

    def may_open_versions(self, request) -> bool:
        """Whether old versions open at all (a scoped admin may say no)."""
        return True

    def has_view_history_or_change_history_permission(self, request, obj=None):
        return self.has_view_history_permission(
            request, obj
        ) or self.has_change_history_permission(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        denied = self._history_access(request, object_id)
        if denied is not None:
            return denied
        extra_context = {
            "versions_open": self.may_open_versions(request),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        denied = self._history_access(request, object_id)
        if denied is not None:
            return denied
        if not self.may_open_versions(request):
            raise PermissionDenied
        if request.method == "POST":
            live = self._live_object(request, object_id)
            # A deleted object comes back through its own restore page, if any.
            if live is None or self.revert_disabled(request, live):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _history_access(self, request, object_id):
        """None when the user may see this object's history, else the answer."""
        live = self._live_object(request, object_id)
        if live is not None:
            if not self.has_view_history_or_change_history_permission(request, live):
                raise PermissionDenied
            return None
        if self._exists(object_id):  # there, but not for this user
            return self._get_obj_does_not_exist_redirect(
                request, self.opts, unquote(object_id)
            )
        # Deleted: only who may read every object's history reads its remains.
        if not self.has_view_history_permission(request, None):
            raise PermissionDenied
        return None

    def _live_object(self, request, object_id):
        return self.get_object(request, unquote(object_id))

    def _exists(self, object_id) -> bool:
        try:
            return self.model._default_manager.filter(pk=unquote(object_id)).exists()
        except (ValidationError, ValueError):
            return False
