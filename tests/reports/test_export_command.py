"""`manage.py export_report` with the options of the reports page: report,
institution, one year or a range, format, CSV dialect, language; a bad option
is a clear CommandError and exports (and logs) nothing."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from reports.models import ExportLog

pytestmark = pytest.mark.django_db


def export(tmp_path, *args, name="report.csv"):
    output = tmp_path / name
    call_command("export_report", *args, "--output", str(output))
    return output


def csv_rows(path, delimiter):
    text = path.read_text("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_one_year_keeps_that_years_rows(two_institutions, tmp_path):
    """Leiden has 2023 (312 students) and 2024 (313)."""
    path = export(tmp_path, "overview", "--institution", "21PB", "--years", "2024")
    header, *rows = csv_rows(path, ",")
    assert [(row[header.index("Studiejaar")], row[header.index("Studenten")])
            for row in rows] == [("2024–2025", "313")]  # fmt: skip
    assert ExportLog.objects.get().filters["year_from"] == 2024


@pytest.mark.parametrize("years", ["2023-2024", "2023–2024", " 2023 - 2024 "])
def test_a_range_of_years_in_english_with_the_semicolon_dialect(
    two_institutions, tmp_path, years
):
    """The dialect goes with its decimal mark whatever the language: Leiden's
    3.90 reads 3,9 between semicolons, under English headings."""
    path = export(
        tmp_path, "survey", "--institution", "21PB", "--years", years,
        "--format", "csv", "--dialect", "semicolon", "--language", "en",
    )  # fmt: skip
    header, *rows = csv_rows(path, ";")
    assert header[:3] == ["BRIN code", "Institution", "Programme"]
    assert [row[header.index("Score")] for row in rows] == ["3,9"]
    assert [row[header.index("Survey year")] for row in rows] == ["2024"]
    log = ExportLog.objects.get()
    assert (log.file_format, log.via_command) == ("csv_semicolon", True)
    assert (log.filters["year_from"], log.filters["year_to"]) == (2023, 2024)


def test_the_comma_dialect_writes_a_decimal_point(two_institutions, tmp_path):
    path = export(tmp_path, "survey", "--all", "--format", "csv", "--dialect", "comma")
    header, *rows = csv_rows(path, ",")
    scores = sorted(row[header.index("Oordeel")] for row in rows)
    assert scores == ["3.9", "4.1"]


def test_an_xlsx_in_english_has_its_chart(two_institutions, tmp_path):
    path = export(
        tmp_path, "overview", "--institution", "21PC", "--from", "2023",
        "--to", "2024", "--format", "xlsx", "--language", "en", name="r.xlsx",
    )  # fmt: skip
    book = load_workbook(path)
    assert book.sheetnames == [
        "Programme overview", "Chart", "Chart data", "About this data",
    ]  # fmt: skip
    data = list(book["Chart data"].iter_rows(values_only=True))
    assert [row[:2] for row in data[1:]] == [("2023–2024", 540), ("2024–2025", 541)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--institution", "21PB", "--years", "2024-2019"],
         "The first year (2024) comes after the last (2019)."),
        (["--institution", "21PB", "--from", "2024", "--to", "2019"],
         "The first year (2024) comes after the last (2019)."),
        (["--institution", "21PB", "--years", "last year"],
         '--years "last year": give one year (2024) or a range (2019-2024).'),
        (["--institution", "21PB", "--years", "2024", "--from", "2020"],
         "Give --years or --from/--to, not both."),
        (["--institution", "21PB", "--years", "1850"],
         "Year 1850 is outside 1990–2100."),
        (["--institution", "21PB", "--format", "xlsx", "--dialect", "comma"],
         "--dialect is for CSV; XLSX has no dialect."),
        (["--institution", "21PB", "--format", "csv_semicolon", "--dialect", "comma"],
         "Give --format csv with --dialect, not csv_semicolon."),
        (["--institution", "XXXX"], "Unknown BRIN code(s): XXXX"),
        ([], "Give --institution BRIN (one or more) or --all."),
        (["--all", "--institution", "21PB"],
         "Give --institution BRIN (one or more) or --all."),
        (["--all", "--language", "de"], "argument --language: invalid choice: 'de'"),
        (["--all", "--format", "pdf"], "argument --format: invalid choice: 'pdf'"),
        (["--all", "--dialect", "tab"], "argument --dialect: invalid choice: 'tab'"),
        (["--all", "--from", "next"], "argument --from: invalid int value: 'next'"),
    ],
)  # fmt: skip
def test_a_bad_option_is_a_clear_error_and_exports_nothing(
    two_institutions, tmp_path, args, message
):
    output = tmp_path / "never.csv"
    with pytest.raises(CommandError) as error:
        call_command("export_report", "overview", *args, "--output", str(output))
    assert message in str(error.value)
    assert not output.exists()
    assert not ExportLog.objects.exists()
