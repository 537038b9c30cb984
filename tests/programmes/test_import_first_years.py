"""First-years are the sum of DUO's two gender counts, or unknown: never one gender
published as everyone."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from programmes.importing.statistics import enrolments_import
from programmes.models import Enrolment
from tests.programmes.factories import (
    leiden_law_programme,
)

pytestmark = pytest.mark.django_db

LONG_HEADER = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;GESLACHT;2018;2019\n"
)
LONG_KEY = "0546;Leiden;21PB;50700;voltijd onderwijs"
WIDE_HEADER = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;OPLEIDINGSFASE ACTUEEL;2017 MAN;2017 VROUW\n"
)


def long_file(*rows: str) -> bytes:
    return (LONG_HEADER + "".join(f"{LONG_KEY};{row}\n" for row in rows)).encode()


def wide_file(*rows: str) -> bytes:
    return (WIDE_HEADER + "".join(f"{LONG_KEY};{row}\n" for row in rows)).encode()


COMPLETE = long_file("man;30;31", "vrouw;4;3")


@pytest.fixture
def programme():
    return leiden_law_programme()


def first_years(programme, year=2019) -> tuple:
    enrolment = Enrolment.objects.get(programme=programme, academic_year=year)
    return (
        enrolment.first_years_men,
        enrolment.first_years_women,
        enrolment.first_years,
    )


def test_both_genders_add_up(programme):
    enrolments_import(data=COMPLETE, file_name="wo_inscriptions_2019.csv")
    assert first_years(programme) == (31, 3, 34)
    assert first_years(programme, 2018) == (30, 4, 34)


def test_a_gender_suppressed_by_duo_leaves_the_total_unknown(programme):
    """DUO writes -1 for a count it withholds: 31 men and an unknown number of
    women are an unknown number of first-years, not 31."""
    data = long_file("man;30;31", "vrouw;4;-1")
    enrolments_import(data=data, file_name="wo_inscriptions_2019.csv")
    assert first_years(programme) == (31, None, None)
    assert first_years(programme, 2018) == (30, 4, 34)


def test_a_gender_row_with_an_unknown_gender_is_rejected_and_the_total_unknown(
    programme,
):
    data = long_file("M;30;31", "vrouw;4;3")
    result = enrolments_import(data=data, file_name="wo_inscriptions_2019.csv")
    assert (result.rejected, result.rejected_rows) == (
        1,
        [(2, "unknown gender (man or vrouw)")],
    )
    assert first_years(programme) == (None, 3, None)
    assert first_years(programme, 2018) == (None, 4, None)


def test_a_gender_without_a_row_counts_as_none(programme):
    """DUO leaves out a gender that has no first-years at all: no row is zero."""
    data = long_file("vrouw;4;3")
    enrolments_import(data=data, file_name="wo_inscriptions_2019.csv")
    assert first_years(programme) == (None, 3, 3)


def test_a_suppressed_gender_in_the_wide_layout_leaves_the_total_unknown(programme):
    data = wide_file("propedeuse bachelor;5;-1")
    enrolments_import(data=data, file_name="eerstejaars.csv")
    assert first_years(programme, 2017) == (5, None, None)


def test_a_suppressed_phase_leaves_its_gender_and_the_total_unknown(programme):
    """The wide file's phases are added up: one unknown part makes the sum unknown."""
    data = wide_file("propedeuse bachelor;5;2", "bachelor;3;-1")
    enrolments_import(data=data, file_name="eerstejaars.csv")
    assert first_years(programme, 2017) == (8, None, None)


def test_reimporting_with_a_suppressed_gender_replaces_the_stored_counts(programme):
    """The database holds 31 + 3 = 34; a file that withholds the women's count
    leaves the women and the total unknown instead of failing the database's
    rule that men and women cannot outnumber the first-years."""
    enrolments_import(data=COMPLETE, file_name="wo_inscriptions_2019.csv")
    result = enrolments_import(
        data=long_file("man;30;31", "vrouw;4;-1"), file_name="wo_inscriptions_2019.csv"
    )
    assert (result.created, result.changed, result.unchanged) == (0, 1, 1)
    assert first_years(programme) == (31, None, None)
    assert first_years(programme, 2018) == (30, 4, 34)


def test_the_command_reimports_a_file_with_a_suppressed_gender(
    programme, tmp_path, capsys, english
):
    path = tmp_path / "wo_inscriptions_2019.csv"
    path.write_bytes(COMPLETE)
    call_command("import_statistics", str(path), "--no-progress")
    path.write_bytes(long_file("man;30;31", "vrouw;4;-1"))
    call_command("import_statistics", str(path), "--no-progress")
    out = capsys.readouterr().out
    assert (
        "rows: 2 read, 2 imported, 0 rejected; records: 0 new, 1 changed, 1 unchanged"
        in out
    )
    assert first_years(programme) == (31, None, None)


def test_the_admin_upload_of_a_file_with_a_suppressed_gender_applies_it(
    programme, admin_client, settings, tmp_path, english
):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    enrolments_import(data=COMPLETE, file_name="wo_inscriptions_2019.csv")
    url = reverse("admin:programmes_importrun_upload")
    file = SimpleUploadedFile(
        "wo_inscriptions_2019.csv", long_file("man;30;31", "vrouw;4;-1"), "text/csv"
    )
    preview = admin_client.post(
        url, {"kind": "statistics", "source_kind": "official", "file": file}
    )
    assert preview.status_code == 200
    soup = BeautifulSoup(preview.content.decode(), "html.parser")
    counts = {
        cell["data-count"]: int(cell.get_text()) for cell in soup.select("[data-count]")
    }
    assert (counts["changed"], counts["unchanged"]) == (1, 1)
    assert first_years(programme) == (31, 3, 34)  # a dry run changes nothing
    checksum = soup.select_one('input[name="checksum"]')["value"]
    response = admin_client.post(url, {"checksum": checksum}, follow=True)
    messages = BeautifulSoup(response.content.decode(), "html.parser").select(
        ".messagelist li"
    )
    # The admin capitalises its messages.
    assert [message.get_text(strip=True) for message in messages] == [
        "Wo_inscriptions_2019.csv imported: 2 rows read, 2 imported, 0 rejected; "
        "records: 0 new, 1 changed, 1 unchanged."
    ]
    assert first_years(programme) == (31, None, None)
