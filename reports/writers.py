"""Reports as files: the shared writers (exports.writers) with a report's own
"about" sheet (its title, filters, the publication rule, notes, when made)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from exports.writers import csv_stream, neutralise
from exports.writers import xlsx_file as table_xlsx_file
from figures.publication import publication_rule_text

from .builders import Report

__all__ = ["csv_stream", "neutralise", "xlsx_file"]


def _about_rows(report: Report, about: list[tuple[str, str]]):
    yield (_("Report"), report.title)
    yield from about
    yield (_("Publication rule"), publication_rule_text())
    for note in report.notes:
        yield (_("Note"), note)
    yield (_("Generated at"), timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"))


def xlsx_file(report: Report, *, about: list[tuple[str, str]]):
    """The report as an XLSX file (a temporary file, rewound); the row count."""
    return table_xlsx_file(report, about=_about_rows(report, about))
