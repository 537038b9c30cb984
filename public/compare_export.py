"""The compare table as a spreadsheet: exactly the rows the page shows, written
from the same CompareTable the page renders (no figure is looked up or computed
again), by the shared writers (exports.writers).

One column per programme with the value as the page prints it, and beside it
what the page says under the value: year, n and source, "best", the national
average, or why a figure is withheld (its value cell then stays empty). The
last column marks rows with demo figures.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from exports.writers import DUTCH_EXCEL, INTERNATIONAL, Column, csv_stream, xlsx_file
from figures.formatting import about_parts
from figures.publication import publication_rule_text

from .compare import CompareCell, CompareTable

EXPORT_LINKS = [
    ("csv", gettext_lazy("Download as CSV")),
    ("xlsx", gettext_lazy("Download as Excel (XLSX)")),
]
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class CompareSheet:
    """The table as the writers take it: a title, columns and rows."""

    title: str
    columns: list[Column]
    rows: list[tuple] = field(default_factory=list)


def cell_note(cell: CompareCell) -> str:
    """What the page prints under a cell's value, as one line of text."""
    figure = cell.figure
    if figure is None:
        return ""
    if not figure.is_shown:
        if figure.is_missing:
            return str(figure.reason)
        return f"{_('Insufficient reliable information')}: {figure.reason}"
    parts = [text for _part, text in about_parts(figure)]
    if cell.is_best:
        parts.append(_("best"))
    if cell.national_value:
        parts.append(
            _("national average of the study: %(score)s")
            % {"score": cell.national_value}
        )
    return " · ".join(parts)


def _programme_heading(programme) -> str:
    return f"{programme.name} ({programme.institution.display_name})"


def compare_sheet(table: CompareTable) -> CompareSheet:
    """The rows of `table` that the page shows, with their notes and demo marks."""
    columns = [Column(_("Section")), Column(_("Topic"))]
    for programme in table.programmes:
        heading = _programme_heading(programme)
        columns.append(Column(heading))
        columns.append(Column(_("%(programme)s: notes") % {"programme": heading}))
    columns.append(Column(_("Demo data")))
    demo_programmes = any(programme.is_demo for programme in table.programmes)
    demo = _("Demo data — not real figures")
    rows = []
    for section, row in table.shown_rows():
        values = []
        for cell in row.cells:
            values += [cell.value, cell_note(cell)]
        is_demo = demo_programmes or section.is_demo or row.is_demo
        rows.append((str(section.title), row.label, *values, demo if is_demo else ""))
    return CompareSheet(str(_("Compare programmes")), columns, rows)


def _about(table: CompareTable, address: str, notes: list[str]):
    yield (_("Address"), address)
    yield (_("Publication rule"), publication_rule_text())
    if table.only_differences:
        yield (_("Note"), _("Only the rows in which the programmes differ."))
    if table.left_out:
        yield (_("Left out"), "; ".join(table.left_out))
    for note in notes:
        yield (_("Note"), note)
    yield (_("Generated at"), timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"))


def compare_file(
    table: CompareTable, file_format: str, *, address: str, notes: list[str]
) -> tuple[bytes, str, str]:
    """The file's bytes, content type and name, in the active language; Dutch
    CSV uses the `;` dialect that Dutch Excel opens directly."""
    sheet = compare_sheet(table)
    if file_format == "xlsx":
        file, _count = xlsx_file(sheet, about=_about(table, address, notes))
        with file:
            content = file.read()
    else:
        dialect = DUTCH_EXCEL if get_language() == "nl" else INTERNATIONAL
        content = b"".join(csv_stream(sheet, dialect=dialect))
    name = slugify(pgettext("file name", "keuzewijzer-comparison"))
    return content, CONTENT_TYPES[file_format], f"{name}.{file_format}"
