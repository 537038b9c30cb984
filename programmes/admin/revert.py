"""A revert on a programme's History page restores the whole programme.

django-simple-history's revert saves the programme's own fields only, through
`save_model`. Here that save becomes `programmes.services.programme_revert`: the
programme's parts and their source links come back too, as one new version of
the programme. Who may open a version and post its revert form stays the
admin's permission methods' decision (`programmes.admin.versions`).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from programmes.services import programme_revert


class ProgrammeRevertAdminMixin:
    """Place it after mixins whose save_model should also see a revert (image
    re-encoding) and before the history admin whose revert form calls it."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        except ValidationError as error:  # programme_revert changed nothing
            self.message_user(
                request,
                _("This version cannot be restored: %(reason)s")
                % {"reason": " ".join(error.messages)},
                messages.ERROR,
            )
            return redirect(
                reverse(
                    f"{self.admin_site.name}:programmes_programme_history",
                    args=[object_id],
                )
            )

    def save_model(self, request, obj, form, change):
        # The revert form's object is made from a version and says which one.
        version = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if version is None:
            super().save_model(request, obj, form, change)
            return
        programme_revert(programme=obj, to_version=version, user=request.user)
        self.message_user(
            request,
            _(
                "Its specialisations, honours programmes, fees, enrolment, study "
                "progress and survey scores are as they were in that version too."
            ),
            messages.SUCCESS,
        )
