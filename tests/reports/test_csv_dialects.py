"""Each CSV dialect read back with the csv module: Dutch Excel's file has `;` and
a decimal comma (3,9 is a number there; 3.9 would be read as a date or as 39),
the international file `,` and a decimal point."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from exports.writers import DUTCH_EXCEL, INTERNATIONAL, Column, csv_stream

pytestmark = pytest.mark.django_db


class Sheet:
    title = "t"
    columns = [Column("Name"), Column("Score", "score"), Column("n", "int")]

    def __init__(self, rows):
        self.rows = rows


def written(rows, dialect):
    data = b"".join(csv_stream(Sheet(rows), dialect=dialect)).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data), delimiter=dialect.delimiter))


def test_dutch_excel_writes_decimal_commas_and_semicolons():
    rows = [("a", Decimal("3.9"), 100), ("b", Decimal("-0.1"), 7), ("c", None, 0)]
    data = b"".join(csv_stream(Sheet(rows), dialect=DUTCH_EXCEL)).decode("utf-8-sig")
    assert data.splitlines()[1] == "a;3,9;100"
    assert written(rows, DUTCH_EXCEL)[1:] == [
        ["a", "3,9", "100"],
        ["b", "-0,1", "7"],  # a number, not neutralised as a formula
        ["c", "", "0"],
    ]


def test_international_csv_writes_decimal_points_and_commas():
    rows = [("a, b", Decimal("3.9"), 100), ("c", 2909.5, 1200)]
    data = b"".join(csv_stream(Sheet(rows), dialect=INTERNATIONAL)).decode("utf-8-sig")
    assert data.splitlines()[1] == '"a, b",3.9,100'
    assert written(rows, INTERNATIONAL)[1:] == [
        ["a, b", "3.9", "100"],
        ["c", "2909.5", "1200"],  # no grouping mark a spreadsheet could misread
    ]


def test_large_and_tiny_decimals_are_written_without_an_exponent():
    rows = [("a", Decimal("1E+3"), 1), ("b", Decimal("0.00001"), 1)]
    assert [row[1] for row in written(rows, DUTCH_EXCEL)[1:]] == ["1000", "0,00001"]


def test_text_that_starts_like_a_formula_is_still_neutralised():
    rows = [("=1+2", Decimal("1.5"), 1), ("-2", None, 1)]
    assert [row[0] for row in written(rows, DUTCH_EXCEL)[1:]] == ["'=1+2", "'-2"]


@pytest.mark.parametrize(
    ("file_format", "delimiter", "score", "average", "difference"),
    [
        ("csv_semicolon", ";", "3,9", "4,0", "-0,1"),
        ("csv", ",", "3.9", "4.0", "-0.1"),
    ],
)
def test_survey_report_in_each_dialect(
    client, users, file_format, delimiter, score, average, difference
):
    """Own 3.90 (n=100); the national average pools A 3.90 and B 4.10 (n=100
    each) = 4.00; the difference of the rounded values is -0.1."""
    client.force_login(users["liaison_a"])
    with translation.override("nl"):
        url = reverse("reports:reports")
    response = client.post(
        url,
        {"report": "survey", "file_format": file_format, "institution": "21PB"},
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert row[header.index("Oordeel")] == score
    assert row[header.index("Landelijk gemiddelde van de studie")] == average
    assert row[header.index("Verschil met het landelijk gemiddelde")] == difference
