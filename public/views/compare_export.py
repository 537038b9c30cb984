"""The compare page's table as a CSV or XLSX download."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View

from public.compare_export import CONTENT_TYPES, compare_file
from public.compare_selection import compare_parameters

from .listing import ComparedProgrammesMixin


class CompareExportView(ComparedProgrammesMixin, View):
    """?p=…&format=csv|xlsx (and ?differences=1): the rows the compare page with
    the same parameters shows. Not in the page cache: a file, made on demand."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format", "")
        if file_format not in CONTENT_TYPES:
            return HttpResponseBadRequest(
                _("Choose the file format: csv or xlsx."),
                content_type="text/plain; charset=utf-8",
            )
        notes = []
        _study, table = self.compared(notes)
        if table is None:
            return HttpResponseBadRequest(
                _("There is nothing to compare yet."),
                content_type="text/plain; charset=utf-8",
            )
        page = f"{reverse('programmes:compare')}?{urlencode(compare_parameters(request.GET))}"
        address = request.build_absolute_uri(page)
        content, content_type, file_name = compare_file(
            table, file_format, address=address, notes=notes
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{file_name}"'
        return response
