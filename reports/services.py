"""Exporting a report: the one path shared by the reports page and the command."""

from dataclasses import dataclass
from itertools import islice

from django.utils import translation
from django.utils.translation import gettext as _

from exports.writers import DUTCH_EXCEL, INTERNATIONAL, Typed
from programmes.models import DataSource, Institution, Level

from .builders import REPORTS, Report, ReportFilters
from .models import ExportLog
from .writers import csv_stream, xlsx_file

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv", INTERNATIONAL),
    "csv_semicolon": ("text/csv; charset=utf-8", "csv", DUTCH_EXCEL),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        None,
    ),
}


@dataclass
class Export:
    content: object  # an iterator of bytes (CSV) or a file (XLSX)
    content_type: str
    file_name: str
    log: ExportLog


def _about(filters: ReportFilters, institutions) -> list[tuple[str, str]]:
    names = ", ".join(i.name for i in institutions) if institutions else _("all")
    years = f"{filters.year_from or '…'}–{filters.year_to or '…'}"
    sources = "; ".join(
        f"{source.name} ({source.get_kind_display()})"
        for source in DataSource.objects.order_by("name")
    )
    return [
        (_("Institutions"), names),
        (_("Years"), years),
        (_("Level"), str(Level(filters.level).label) if filters.level else _("all")),
        (_("Sources"), sources),
    ]


def export_report(
    *, user, report: str, filters: ReportFilters, file_format: str, via_command=False
) -> Export:
    """Build a report for institutions the caller was allowed to pick, and log it.

    The row count is written to the log when the last row has been produced.
    """
    with translation.override(filters.language):
        built: Report = REPORTS[report][1](filters)
        institutions = (
            list(Institution.objects.filter(pk__in=filters.institution_ids))
            if filters.institution_ids is not None
            else []
        )
        log = ExportLog.objects.create(
            user=user if user and user.is_authenticated else None,
            all_institutions=filters.institution_ids is None,
            report=report,
            file_format=file_format,
            filters=filters.as_dict(),
            via_command=via_command,
        )
        log.institutions.set(institutions)
        content_type, extension, dialect = FORMATS[file_format]
        slug = institutions[0].brin if len(institutions) == 1 else "all"
        file_name = f"keuzewijzer-{report}-{slug}.{extension}"

        def done(count):
            ExportLog.objects.filter(pk=log.pk).update(row_count=count)

        if dialect:
            content = _translated(
                csv_stream(built, dialect=dialect, on_done=done), filters.language
            )
        else:
            content, count = xlsx_file(built, about=_about(filters, institutions))
            done(count)
        return Export(content, content_type, file_name, log)


# The rows the reports page shows before a download.
PREVIEW_ROWS = 10


@dataclass(frozen=True)
class Preview:
    title: str
    columns: list[str]
    rows: list[tuple]
    is_whole: bool  # the report has no more rows than these


def preview_report(*, report: str, filters: ReportFilters) -> Preview:
    """The first rows of a report as the file would hold them, for the page
    (not a download: nothing is logged). Built by the report's own builder for
    the same scoped filters, so the preview cannot show what the file would
    not."""
    with translation.override(filters.language):
        built: Report = REPORTS[report][1](filters)
        # One row more than shown tells whether the file holds more.
        rows = [
            tuple(cell.value if isinstance(cell, Typed) else cell for cell in row)
            for row in islice(built.rows, PREVIEW_ROWS + 1)
        ]
        return Preview(
            built.title,
            [str(column.label) for column in built.columns],
            rows[:PREVIEW_ROWS],
            is_whole=len(rows) <= PREVIEW_ROWS,
        )


def _translated(stream, language):
    """Keep the report's language while a response streams it (after the view)."""
    while True:
        with translation.override(language):
            try:
                chunk = next(stream)
            except StopIteration:
                return
        yield chunk
