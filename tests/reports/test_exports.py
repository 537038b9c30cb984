"""Exported files read back: figures, formats, languages and formula safety."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from programmes.models import Enrolment
from reports.models import ExportLog
from reports.writers import neutralise
from tests.programmes.factories import InstitutionFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def reports_url(language="nl"):
    with translation.override(language):
        return reverse("reports:reports")


def post(client, language="nl", **data):
    payload = {"report": "overview", "file_format": "csv", "institution": "21PB"}
    return client.post(reports_url(language), {**payload, **data})


def read_csv(response, delimiter=","):
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))


@pytest.fixture
def liaison(client, users):
    client.force_login(users["liaison_a"])
    return client


@pytest.mark.parametrize(
    ("file_format", "delimiter"), [("csv", ","), ("csv_semicolon", ";")]
)
def test_overview_csv_matches_the_database(
    liaison, two_institutions, file_format, delimiter
):
    response = post(liaison, file_format=file_format)
    assert response.streaming  # the first bytes leave before the whole report is built
    assert 'filename="keuzewijzer-overview-21PB.csv"' in response["Content-Disposition"]
    rows = read_csv(response, delimiter)
    header, data = rows[0], rows[1:]
    assert header[:3] == ["BRIN-code", "Instelling", "Opleiding"]
    students = {
        row[header.index("Studiejaar")]: row[header.index("Studenten")] for row in data
    }
    expected = {
        f"{e.academic_year}–{e.academic_year + 1}": str(e.students)
        for e in Enrolment.objects.filter(programme=two_institutions["A"]["programme"])
    }
    assert students == expected == {"2023–2024": "312", "2024–2025": "313"}


def test_year_range_and_level_filter_rows(liaison, two_institutions):
    rows = read_csv(post(liaison, year_from=2024, year_to=2024))
    assert [row[9] for row in rows[1:]] == ["2024–2025"]
    rows = read_csv(post(liaison, level="HBO-BA"))
    assert rows[1:] == []


def test_english_headings_in_english(liaison, two_institutions, english):
    rows = read_csv(post(liaison, language="en"))
    assert rows[0][:3] == ["BRIN code", "Institution", "Programme"]


def test_survey_benchmark_flags_withheld_scores(liaison, two_institutions):
    from tests.surveys.factories import AspectFactory, ProgrammeScoreFactory

    ProgrammeScoreFactory(
        programme=two_institutions["A"]["programme"],
        aspect=AspectFactory(code="atmosphere", name_nl="Sfeer"),
        mean="4.80",
        respondents=3,
    )
    rows = read_csv(post(liaison, report="survey"))
    header = rows[0]
    by_aspect = {row[header.index("Aspect")]: row for row in rows[1:]}
    overall = by_aspect["Algemeen oordeel"]
    # Own 3.90 (n=100); national pools A 3.90 (n=100) and B 4.10 (n=100) = 4.0.
    assert overall[header.index("Oordeel")] == "3.9"
    assert overall[header.index("Landelijk gemiddelde van de studie")] == "4.0"
    assert overall[header.index("Verschil met het landelijk gemiddelde")] == "-0.1"
    # Own SD 0.80, n 100, N 300: margin 1.96 × 0.08 × √(200 / 299) = 0.128241,
    # so the margin of the difference is at least 0.128 > 0.1: comparable.
    with translation.override("nl"):
        noise = translation.gettext("Beyond sampling noise (national)")
        comparable = translation.pgettext("difference", "comparable")
    assert overall[header.index(noise)] == comparable
    withheld = by_aspect["Sfeer"]
    assert withheld[header.index("Oordeel")] == ""  # never the unreliable 4.8
    assert withheld[header.index("Niet gepubliceerd omdat")] == (
        "Te weinig mensen hebben gereageerd."
    )


def test_xlsx_has_data_and_about_sheets_with_formats(
    liaison, two_institutions, tmp_path
):
    response = post(liaison, file_format="xlsx")
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Overzicht van opleidingen",
        "Grafiek",
        "Grafiekgegevens",
        "Over deze gegevens",
    ]
    sheet = workbook["Overzicht van opleidingen"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    header = [cell.value for cell in sheet[1]]
    students = header.index("Studenten") + 1
    values = sorted(sheet.cell(row=r, column=students).value for r in (2, 3))
    assert values == [312, 313]
    assert sheet.cell(row=2, column=students).number_format == "#,##0"
    assert sheet.column_dimensions["A"].width > 0
    about = {row[0].value: row[1].value for row in workbook["Over deze gegevens"].rows}
    assert about["Rapportage"] == "Overzicht van opleidingen"
    assert "Universiteit Leiden" in about["Instellingen"]
    assert "minstens 5 respondenten" in about["Publicatieregel"]
    assert about["Gemaakt op"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+31 71", "'+31 71"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Biologie", "Biologie"),
        (-2, -2),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_formula_in_a_programme_name_is_neutralised_in_both_formats(
    liaison, two_institutions, tmp_path
):
    programme = two_institutions["A"]["programme"]
    programme.name_nl = '=HYPERLINK("http://evil.example","klik")'
    programme.save()
    rows = read_csv(post(liaison))
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example","klik")'
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"".join(post(liaison, file_format="xlsx").streaming_content))
    cell = load_workbook(path).worksheets[0]["C2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_an_institution_without_programmes_gives_headers_only(client, users):
    from reports.models import InstitutionLiaison

    empty = InstitutionFactory(brin="99ZZ", name_nl="Lege Hogeschool")
    InstitutionLiaison.objects.create(user=users["liaison_a"], institution=empty)
    client.force_login(users["liaison_a"])
    rows = read_csv(post(client, institution="99ZZ"))
    assert len(rows) == 1 and rows[0][0] == "BRIN-code"


def test_every_export_is_logged_with_its_row_count(liaison, users, two_institutions):
    read_csv(post(liaison, year_from=2023))
    log = ExportLog.objects.get()
    assert log.user == users["liaison_a"]
    assert list(log.institutions.values_list("brin", flat=True)) == ["21PB"]
    assert (log.report, log.file_format, log.row_count) == ("overview", "csv", 2)
    assert log.filters["year_from"] == 2023


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"year_from": 2024, "year_to": 2020}, "Het beginjaar ligt na het eindjaar."),
        ({"year_from": "abc"}, "Voer een geheel getal in."),
        ({"report": "salaries"}, "Selecteer een geldige keuze"),
        ({"file_format": "pdf"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_form_input_gets_a_clear_message(liaison, two_institutions, data, error):
    response = post(liaison, **data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not ExportLog.objects.exists()


def test_export_command_uses_the_same_code_and_logs(two_institutions, tmp_path):
    output = tmp_path / "overview.csv"
    call_command(
        "export_report",
        "overview",
        "--institution",
        "21PC",
        "--format",
        "csv_semicolon",
        "--output",
        str(output),
    )
    rows = list(csv.reader(io.StringIO(output.read_text("utf-8-sig")), delimiter=";"))
    assert {row[0] for row in rows[1:]} == {"21PC"}
    log = ExportLog.objects.get()
    assert log.via_command and log.user is None and log.row_count == 2


def test_reports_page_query_count_is_bounded(
    liaison, two_institutions, django_assert_max_num_queries
):
    for number in range(30):
        ProgrammeFactory(
            institution=two_institutions["A"]["institution"], slug=f"x{number}"
        )
    # 10, plus one for the years each report holds (a single UNION) and one for
    # the user's last exports (their institutions: one more once there are any).
    with django_assert_max_num_queries(12):
        assert liaison.get(reports_url()).status_code == 200


def test_rows_beyond_a_sheet_continue_on_the_next_sheet(
    liaison, two_institutions, tmp_path, monkeypatch
):
    """Excel's limit of rows per sheet, made small: nothing is cut off."""
    monkeypatch.setattr("exports.writers.MAX_SHEET_ROWS", 1)
    response = post(liaison, file_format="xlsx")
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Overzicht van opleidingen",
        "Overzicht van opleidingen (2)",
        "Grafiek",
        "Grafiekgegevens",
        "Over deze gegevens",
    ]
    first, second = workbook.worksheets[:2]
    assert [cell.value for cell in first[1]] == [cell.value for cell in second[1]]
    assert second.freeze_panes == "A2"
    last = get_column_letter(first.max_column)
    assert first.auto_filter.ref == second.auto_filter.ref == f"A1:{last}2"
    students = [cell.value for cell in first[1]].index("Studenten") + 1
    values = sorted(
        sheet.cell(row=2, column=students).value for sheet in (first, second)
    )
    assert values == [312, 313]
    assert first.max_row == second.max_row == 2
