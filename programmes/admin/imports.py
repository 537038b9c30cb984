"""The import log in the admin, and the page where staff upload a file.

Uploading is two steps: a dry run shows what the file would do (the same service,
rolled back), then a confirmation applies exactly the previewed bytes
(programmes.importing.uploads).
"""

import time
from pathlib import PurePath

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from programmes.importing.csvfile import ImportFileError
from programmes.importing.kinds import IMPORT_KINDS, import_kind_choices
from programmes.importing.uploads import (
    UploadError,
    import_apply,
    import_preview,
    upload_discard,
    upload_read,
    upload_store,
)
from programmes.models import DataSource, ImportRun

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# A file can fail beyond what the CSV reader checks (a value too long for its
# column, say); staff get the reason, never a server error.
UNUSABLE_FILE_ERRORS = (ImportFileError, ValueError, DatabaseError)
SESSION_KEY = "pending_imports"
IMPORT_PERMISSION = "programmes.add_importrun"


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of file"),
        choices=import_kind_choices,
    )
    file = forms.FileField(label=_("CSV file"))
    source_kind = forms.ChoiceField(
        label=_("The figures are"),
        choices=DataSource.Kind.choices,
        initial=DataSource.Kind.OFFICIAL,
        help_text=_(
            "Only for survey and career files. DUO files are always official open "
            "data. Demo and synthetic figures are labelled as not real on every page."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """A read-only log: runs are created by imports, never typed in."""

    list_display = (
        "file_name",
        "kind",
        "dataset",
        "rows",
        "rejected",
        "created",
        "changed",
        "unchanged",
        "skipped_lines",
        "user",
        "started_at",
    )
    readonly_fields = ("rejected_rows_summary",)
    list_filter = ("kind", "dataset__kind")
    list_select_related = ("dataset", "user")
    search_fields = ("file_name", "checksum")
    date_hierarchy = "started_at"
    change_list_template = "admin/programmes/importrun/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("rejected rows"))
    def rejected_rows_summary(self, run):
        """How many rows were rejected for each reason, and the rows to download."""
        reasons = (
            run.rejected_rows.values("reason")
            .annotate(count=Count("pk"))
            .order_by("-count", "reason")
        )
        if not reasons:
            return gettext("None")
        listed = format_html_join(
            "",
            "<li>{} × {}</li>",
            ((r["count"], gettext(r["reason"])) for r in reasons),
        )
        url = reverse("reports:rejected_rows", kwargs={"pk": run.pk})
        return format_html(
            '<ul>{}</ul><a href="{}" download>{}</a>',
            listed,
            url,
            gettext("Download the rejected rows (CSV)"),
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="programmes_importrun_upload",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_upload": request.user.has_perm(IMPORT_PERMISSION),
        }
        return super().changelist_view(request, extra_context)

    def upload_view(self, request):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        if request.method == "POST" and "checksum" in request.POST:
            return self._confirm(request)
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            return self._preview(request, form)
        return self._render(request, form=form)

    def _preview(self, request, form):
        upload = form.cleaned_data["file"]
        data = upload.read()
        pending = {
            "kind": form.cleaned_data["kind"],
            "file_name": PurePath(upload.name).name,
            "source_kind": form.cleaned_data["source_kind"],
        }
        try:
            result = import_preview(data=data, user=request.user, **pending)
            checksum = upload_store(data=data)
        except (UploadError, *UNUSABLE_FILE_ERRORS) as error:
            form.add_error("file", str(error))
            return self._render(request, form=form, status=400)
        uploads = request.session.get(SESSION_KEY, {})
        uploads[checksum] = {**pending, "uploaded_at": time.time()}
        request.session[SESSION_KEY] = uploads
        return self._render(
            request,
            form=form,
            result=result,
            checksum=checksum,
            pending=pending,
            kind_label=IMPORT_KINDS[pending["kind"]].label,
            cites_source=IMPORT_KINDS[pending["kind"]].asks_source_kind,
            reasons=[
                (gettext(reason), count)
                for reason, count in result.rejected_reasons.most_common()
            ],
            rejected_rows=[(line, gettext(r)) for line, r in result.rejected_rows],
        )

    def _confirm(self, request):
        checksum = request.POST["checksum"]
        uploads = request.session.get(SESSION_KEY, {})
        pending = uploads.pop(checksum, None)
        request.session[SESSION_KEY] = uploads
        try:
            if pending is None:
                raise UploadError(gettext("Unknown upload: upload the file again."))
            uploaded_at = pending.pop("uploaded_at")
            data = upload_read(checksum=checksum, uploaded_at=uploaded_at)
            result = import_apply(data=data, user=request.user, **pending)
        except (UploadError, *UNUSABLE_FILE_ERRORS) as error:
            if pending is not None:
                upload_discard(checksum=checksum)
            return self._render(
                request, form=ImportUploadForm(), error=str(error), status=400
            )
        upload_discard(checksum=checksum)
        self.message_user(
            request,
            gettext(
                "%(file)s imported: %(rows)s rows read, %(imported)s imported, "
                "%(rejected)s rejected; records: %(created)s new, %(changed)s "
                "changed, %(unchanged)s unchanged."
            )
            % {
                "file": result.file_name,
                "rows": result.rows,
                "imported": result.rows_imported,
                "created": result.created,
                "changed": result.changed,
                "unchanged": result.unchanged,
                "rejected": result.rejected,
            },
            messages.SUCCESS,
        )
        return redirect(reverse("admin:programmes_importrun_changelist"))

    def _render(self, request, *, status=200, **context):
        return TemplateResponse(
            request,
            "admin/programmes/importrun/upload.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Upload a file to import"),
                **context,
            },
            status=status,
        )
