"""The Open data page and its downloads.

Not in the page cache: the files are written after an import commits (in a
thread, opendata.signals), later than the cache's generation changes, and the
page reads no database, only the manifest.
"""

from django.http import FileResponse
from django.shortcuts import render
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from api.licences import CC0, CC_BY, DEMO

from . import files


class OpenDataView(TemplateView):
    template_name = "opendata/open_data.html"

    def get_context_data(self, **kwargs):
        generated = files.generated_files()
        offered = [generated[name] for name in files.OFFERED if name in generated]
        return super().get_context_data(
            files=offered,
            generated_at=offered[0].generated_at if offered else None,
            licences={"duo": CC0, "cbs": CC_BY, "demo": DEMO},
            **kwargs,
        )


def _not_generated(request):
    return render(
        request,
        "opendata/not_generated.html",
        {
            "heading": _("Not available yet"),
            "explanation": _(
                "The open data files have not been generated yet: they are written after each import of the data. Please try again later."
            ),
        },
        status=404,
    )


@require_safe
def download(request, name: str):
    """A file of the last export, streamed from the open data storage (the
    same for every app server) with its size and date, so it is served
    without a web server in front of MEDIA_ROOT or the bucket."""
    generated = files.generated_files().get(name)
    if generated is None or name not in files.OFFERED:
        return _not_generated(request)
    try:
        handle = files.open_data_storage().open(name, "rb")
    except FileNotFoundError:
        return _not_generated(request)
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Last-Modified"] = http_date(generated.generated_at.timestamp())
    return response
