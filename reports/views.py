from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from programmes.models import ImportRun

from .builders.rejected_rows import rejected_rows_report
from .forms import ReportForm, export_lines
from .services import PREVIEW_ROWS, export_report, preview_report
from .writers import csv_stream


@method_decorator(never_cache, name="dispatch")
class ReportsView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Pick a report and download it; scoped to the user's institutions."""

    permission_required = "reports.export_reports"
    template_name = "reports/reports.html"
    form_class = ReportForm

    def get_login_url(self):
        return reverse("reports:login")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "recent_exports": export_lines(self.request.user),
            "preview_rows": PREVIEW_ROWS,
        }

    def form_valid(self, form):
        if self.request.POST.get("action") == "preview":
            preview = preview_report(
                report=form.cleaned_data["report"],
                filters=form.filters(get_language()),
            )
            return self.render_to_response(
                self.get_context_data(form=form, preview=preview)
            )
        export = export_report(
            user=self.request.user,
            report=form.cleaned_data["report"],
            filters=form.filters(get_language()),
            file_format=form.cleaned_data["file_format"],
        )
        if export.content_type.startswith("text/csv"):
            response = StreamingHttpResponse(
                export.content, content_type=export.content_type
            )
            response["Content-Disposition"] = (
                f'attachment; filename="{export.file_name}"'
            )
            return response
        return FileResponse(
            export.content,
            as_attachment=True,
            filename=export.file_name,
            content_type=export.content_type,
        )


@never_cache
@staff_member_required
def rejected_rows_download(request, pk):
    """An import run's rejected rows as CSV, for whoever may see the run."""
    if not request.user.has_perm("programmes.view_importrun"):
        raise PermissionDenied
    run = get_object_or_404(ImportRun, pk=pk)
    response = StreamingHttpResponse(
        csv_stream(rejected_rows_report(run)),
        content_type="text/csv; charset=utf-8",
    )
    file_name = f"rejected-rows-{run.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
