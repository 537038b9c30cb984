"""Every row of a file is accounted for: imported, or rejected and kept with its
line, column, reason and values; rows are counted apart from the records they
write, and a dry run reports what the real run does."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from programmes.importing.statistics import enrolments_import
from programmes.models import Enrolment, ImportRun, RejectedRow
from tests.programmes.factories import (
    leiden_law_programme,
)

pytestmark = pytest.mark.django_db

HEADER = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;GESLACHT;2017;2018;2019\n"
)
KNOWN = "0546;Leiden;21PB;50700;voltijd onderwijs"
# 25 rows for a programme the catalogue does not have: more than any list shows.
UNKNOWN_CODES = [f"9{n:04d}" for n in range(25)]


def statistics_file() -> bytes:
    rows = [f"{KNOWN};man;10;11;12", f"{KNOWN};vrouw;20;21;22"]
    rows += [
        f"0546;Leiden;21PB;{code};voltijd onderwijs;man;1;2;3" for code in UNKNOWN_CODES
    ]
    return (HEADER + "".join(f"{row}\n" for row in rows)).encode()


@pytest.fixture
def programme():
    return leiden_law_programme()


def test_every_rejected_row_is_kept_with_its_line_reason_and_values(programme):
    result = enrolments_import(data=statistics_file(), file_name="eerstejaars.csv")

    run = ImportRun.objects.get()
    assert (run.rows, run.rejected, run.created) == (27, 25, 3)
    kept = list(RejectedRow.objects.filter(import_run=run).order_by("line"))
    assert [row.line for row in kept] == list(range(4, 29))
    assert {row.reason for row in kept} == {
        "no programme with this BRIN and CROHO code"
    }
    assert json.loads(kept[-1].values) == {
        "GEMEENTENUMMER": "0546",
        "GEMEENTENAAM": "Leiden",
        "BRIN NUMMER ACTUEEL": "21PB",
        "OPLEIDINGSCODE ACTUEEL": "90024",
        "OPLEIDINGSVORM": "voltijd onderwijs",
        "GESLACHT": "man",
        "2017": "1",
        "2018": "2",
        "2019": "3",
    }
    assert (result.rows, result.rows_imported, result.records) == (27, 2, 3)


def test_the_command_counts_rows_apart_from_the_records_they_write(
    programme, tmp_path, capsys
):
    path = tmp_path / "eerstejaars.csv"
    path.write_bytes(statistics_file())
    call_command("import_statistics", str(path), "--no-progress")

    out = capsys.readouterr().out
    # Two rows (men, women) write three records (one per year): both are said.
    assert (
        "eerstejaars.csv [eerstejaars (lang, naar geslacht)]: rijen: 27 gelezen, 2 "
        "geïmporteerd, 25 afgewezen; records: 3 nieuw, 0 gewijzigd, 0 ongewijzigd; "
        "0 regels overgeslagen (leeg of totalen)"
    ) in out
    assert "    afgewezen: 25 × geen opleiding met deze BRIN- en CROHO-code" in out
    assert "    regel 4: geen opleiding met deze BRIN- en CROHO-code" in out


def test_a_dry_run_reports_what_the_real_run_does_and_saves_nothing(
    programme, tmp_path, capsys
):
    path = tmp_path / "eerstejaars.csv"
    path.write_bytes(statistics_file())

    call_command("import_statistics", str(path), "--no-progress", "--dry-run")
    dry = capsys.readouterr().out.splitlines()
    assert not Enrolment.objects.exists()
    assert not ImportRun.objects.exists()
    assert not RejectedRow.objects.exists()

    call_command("import_statistics", str(path), "--no-progress")
    real = capsys.readouterr().out.splitlines()
    assert dry == [*real, "Proefdraai: er is niets opgeslagen."]
    assert Enrolment.objects.get(academic_year=2019).first_years == 34


def test_the_import_run_page_counts_rejections_by_reason_and_links_the_download(
    programme, admin_client
):
    enrolments_import(data=statistics_file(), file_name="eerstejaars.csv")
    run = ImportRun.objects.get()

    response = admin_client.get(
        reverse("admin:programmes_importrun_change", args=[run.pk])
    )

    page = BeautifulSoup(response.content.decode(), "html.parser")
    field = page.select_one(".field-rejected_rows_summary")
    assert [li.get_text() for li in field.select("li")] == [
        "25 × geen opleiding met deze BRIN- en CROHO-code"
    ]
    link = field.select_one("a[download]")
    assert link["href"] == reverse("reports:rejected_rows", kwargs={"pk": run.pk})
    assert link.get_text() == "De afgewezen rijen downloaden (CSV)"
