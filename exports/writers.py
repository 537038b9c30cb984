"""Tables as files: streamed CSV (UTF-8 with BOM) and constant-memory XLSX.

Shared by the liaisons' reports and the public compare page, which sit side by
side in one layer and so may not import each other: this module imports no app.
A table is anything with a `title`, `columns` (a list of `Column`) and `rows`
(an iterable of tuples, one value per column).

Every text cell (header labels too: they may hold names) passes `neutralise`, so a value such as "=HYPERLINK(...)" is shown
as text by spreadsheet programs instead of being run as a formula.
"""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

# Excel's 1,048,576 rows per sheet, less the header row.
MAX_SHEET_ROWS = 1_048_575
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel number formats per kind of column: shown in the reader's own locale
# (Dutch Excel writes 3,9 and 1.234), stored as numbers a formula can use.
# Percentages are stored as percentage points (85.3, not 0.853), as on the site,
# so the sign is literal text rather than Excel's scaling "%".
NUMBER_FORMATS = {
    "int": "#,##0",
    "year": "0",
    "score": "0.0",
    "margin": "0.00",
    "number": "#,##0.0",
    "percent": '0.0"%"',
    "euro": '"€ "#,##0.00',
    "euro_whole": '"€ "#,##0',
}
# Column widths in characters: at least the kind's own, at most WIDEST; a
# header longer than that wraps.
NARROWEST = {"text": 16, "year": 8}
WIDEST = 40


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text or a key of NUMBER_FORMATS
    # The name a report's rows give this column's cell (reports.builders.base.ordered).
    key: str = ""
    width: int | None = None  # characters; None: from the label and kind


@dataclass(frozen=True)
class Typed:
    """A value with a kind of its own, for a column whose rows hold different
    kinds of figure (a salary in euros in one row, a score in the next)."""

    value: object
    kind: str


@dataclass(frozen=True)
class Chart:
    """A chart of a table, drawn on a chart sheet of its own from a small sheet
    of its data (categories down column A, one series a column), so that a
    reader can see and reuse what the chart shows.

    `kind` "bar" draws horizontal bars (categories are long names), "line" a
    line per series over the categories (years); a None value is a gap, never
    0. At most `limit` categories are drawn: the title then says how many of
    how many.
    """

    title: str
    categories: list[str]
    series: list[tuple[str, list]]  # (name, one value per category)
    axis_title: str = ""
    number_format: str = "General"
    kind: str = "bar"
    limit: int | None = None


def column_width(column: Column) -> int:
    if column.width:
        return column.width
    narrowest = NARROWEST.get(column.kind, 10)
    return max(narrowest, min(len(str(column.label)) + 2, WIDEST))


class Table(Protocol):
    title: str
    columns: list[Column]
    rows: Iterable[tuple]


def neutralise(value):
    """Text that a spreadsheet would read as a formula, prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


@dataclass(frozen=True)
class CsvDialect:
    """A field separator with the decimal mark that goes with it.

    A spreadsheet program reads a CSV with its locale's marks: Dutch Excel
    splits fields on ";" and reads "3,9" as a number, but "3.9" as 3 September
    or as 39. So the decimal mark is chosen with the separator, never alone.
    """

    delimiter: str
    decimal: str


INTERNATIONAL = CsvDialect(delimiter=",", decimal=".")
DUTCH_EXCEL = CsvDialect(delimiter=";", decimal=",")


def csv_cell(value, dialect: CsvDialect):
    """A cell as the dialect writes it: numbers plain (no grouping, no
    exponent) with the dialect's decimal mark; text neutralised."""
    if isinstance(value, Typed):
        value = value.value
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal | float):
        written = format(Decimal(str(value)), "f")
        return written.replace(".", dialect.decimal)
    return neutralise(value)


class _Echo:
    def write(self, value):
        return value


def csv_stream(
    table: Table,
    *,
    dialect: CsvDialect = INTERNATIONAL,
    on_done: Callable[[int], None] | None = None,
) -> Iterator[bytes]:
    """The table as CSV, row by row; `on_done(row_count)` runs after the last row.

    `DUTCH_EXCEL` is the dialect Dutch Excel opens without an import dialog.
    """
    writer = csv.writer(_Echo(), delimiter=dialect.delimiter)
    yield "\ufeff".encode()
    header = [neutralise(str(column.label)) for column in table.columns]
    yield writer.writerow(header).encode()
    count = 0
    for row in table.rows:
        count += 1
        yield writer.writerow([csv_cell(value, dialect) for value in row]).encode()
    if on_done:
        on_done(count)


def _data_sheet(workbook, table: Table, number: int):
    """A data sheet with its bold, frozen, wrapped header; "Title (2)" … for
    continuations. Widths must be set before the first row: write-only mode
    writes them first."""
    title = table.title[:31] if number == 1 else f"{table.title[:26]} ({number})"
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table.columns, start=1):
        width = column_width(column)
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold, wrapped = Font(bold=True), Alignment(wrap_text=True)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=neutralise(str(column.label)))
        cell.font, cell.alignment = bold, wrapped
        header.append(cell)
    sheet.append(header)
    return sheet


def _filter_all(sheet, columns: int, rows: int):
    """An autofilter over the header and the sheet's rows; write-only mode
    writes it when the sheet closes, so it can be set after the last row."""
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def _xlsx_cell(sheet, value, number_format: str | None):
    if isinstance(value, Typed):
        number_format = NUMBER_FORMATS.get(value.kind, number_format)
        value = value.value
    if isinstance(value, Decimal):
        value = float(value)
    cell = WriteOnlyCell(sheet, value=neutralise(value))
    if number_format and isinstance(value, int | float):
        cell.number_format = number_format
    return cell


def xlsx_file(table: Table, *, about: Iterable[tuple[str, str]]):
    """The table as an XLSX file (a temporary file, rewound); the row count.

    A sheet holds at most MAX_SHEET_ROWS data rows (Excel's limit, less the
    header); more continue on further sheets with the same header. `about` fills
    a last sheet of label–text pairs (what the data is, its rules, its notes).
    """
    workbook = Workbook(write_only=True)
    width = len(table.columns)
    sheet = _data_sheet(workbook, table, 1)
    count = on_sheet = 0
    formats = [NUMBER_FORMATS.get(column.kind) for column in table.columns]
    for row in table.rows:
        if on_sheet == MAX_SHEET_ROWS:
            _filter_all(sheet, width, on_sheet)
            sheet = _data_sheet(workbook, table, count // MAX_SHEET_ROWS + 1)
            on_sheet = 0
        count += 1
        on_sheet += 1
        sheet.append(
            [
                _xlsx_cell(sheet, value, number_format)
                for value, number_format in zip(row, formats, strict=True)
            ]
        )
    _filter_all(sheet, width, on_sheet)

    chart = getattr(table, "chart", None)
    if chart is not None and (drawn := chart()) is not None:
        _chart_sheets(workbook, drawn)

    about_sheet = workbook.create_sheet(_("About this data")[:31])
    about_sheet.column_dimensions["A"].width = 24
    about_sheet.column_dimensions["B"].width = 100
    for label, value in about:
        about_sheet.append([neutralise(str(label)), neutralise(str(value))])

    output = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
    workbook.save(output)
    output.seek(0)
    return output, count


def _chart_sheets(workbook, chart: Chart):
    """A chart sheet and the sheet of its data, after the data sheets."""
    categories = chart.categories[: chart.limit]
    title = chart.title
    if len(categories) < len(chart.categories):
        title = _("%(title)s: the first %(shown)s of %(count)s") % {
            "title": title,
            "shown": len(categories),
            "count": len(chart.categories),
        }
    chart_sheet = workbook.create_chartsheet(_("Chart")[:31])
    data = workbook.create_sheet(_("Chart data")[:31])
    data.column_dimensions["A"].width = WIDEST
    data.append(
        [neutralise(str(chart.axis_title or title))]
        + [neutralise(str(name)) for name, _values in chart.series]
    )
    for index, category in enumerate(categories):
        data.append(
            [neutralise(str(category))]
            + [_chart_value(values[index]) for _name, values in chart.series]
        )
    drawing = LineChart() if chart.kind == "line" else BarChart()
    if chart.kind != "line":
        drawing.type = "bar"  # horizontal: long category names stay readable
    drawing.title = title
    drawing.y_axis.title = str(chart.axis_title)
    drawing.y_axis.number_format = chart.number_format
    rows = len(categories) + 1
    drawing.add_data(
        Reference(
            data, min_col=2, max_col=len(chart.series) + 1, min_row=1, max_row=rows
        ),
        titles_from_data=True,
    )
    drawing.set_categories(Reference(data, min_col=1, min_row=2, max_row=rows))
    chart_sheet.add_chart(drawing)


def _chart_value(value):
    if isinstance(value, Typed):
        value = value.value
    return float(value) if isinstance(value, Decimal) else value
