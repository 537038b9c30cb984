"""Numbers in imported files are ASCII digits; anything else names line and column.

str.isdigit() passes superscripts ("²") that int() refuses, and int() reads other
scripts' digits ("١٢", "１２"): a cell like that crashed a command with a traceback,
showed Python's own message in the admin, or was read as a number nobody typed.
"""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from careers.models import CareerOutcome
from programmes.importing.csvfile import ImportFileError
from programmes.importing.programmes import programmes_import
from programmes.models import Enrolment, ImportRun, Programme
from surveys.importing import survey_scores_import
from surveys.models import ProgrammeScore
from tests.programmes.factories import (
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SURVEY_HEADER = (
    "brin",
    "croho_code",
    "form",
    "year",
    "aspect",
    "mean",
    "respondents",
    "std_dev",
    "population",
)
SURVEY_ROW = ("21PB", "66990", "voltijd", "2024", "overall", "3.9", "143", "0.8", "")
CAREER_HEADER = ("croho_code", "level", "year", "record", "code", "value")
CAREER_HEADER += ("respondents",)


def csv_bytes(header, *rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def survey_row(**changes):
    row = dict(zip(SURVEY_HEADER, SURVEY_ROW, strict=True))
    return tuple({**row, **changes}.values())


@pytest.fixture
def programme():
    return ProgrammeFactory(
        study=StudyFactory(croho_code="66990", level="WO-MA"),
        institution=InstitutionFactory(brin="21PB"),
    )


@pytest.mark.parametrize("digits", ["²", "١٤٣", "１４３"])
def test_admin_upload_names_line_and_column_of_a_foreign_digit(
    admin_client, programme, settings, tmp_path, digits
):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    data = csv_bytes(SURVEY_HEADER, survey_row(respondents=digits))
    response = admin_client.post(
        reverse("admin:programmes_importrun_upload"),
        {
            "kind": "surveys",
            "source_kind": "demo",
            "file": SimpleUploadedFile("nse.csv", data, "text/csv"),
        },
    )
    assert response.status_code == 400
    errors = BeautifulSoup(response.content, "html.parser").select_one(".errorlist")
    assert errors.get_text(strip=True) == (
        f"Line 2, column respondents: '{digits}' is not a whole number."
    )
    assert not ImportRun.objects.exists()


def test_import_surveys_reports_a_superscript_year_without_traceback(
    programme, tmp_path
):
    path = tmp_path / "nse.csv"
    path.write_bytes(csv_bytes(SURVEY_HEADER, SURVEY_ROW, survey_row(year="2024²")))
    with pytest.raises(
        CommandError, match=r"nse.csv: Line 3, column year: '2024²' is not a whole"
    ):
        call_command("import_surveys", str(path), "--no-progress")
    assert not ProgrammeScore.objects.exists()


def test_import_careers_refuses_arabic_indic_digits_instead_of_reading_them(
    programme, tmp_path
):
    path = tmp_path / "careers.csv"
    path.write_bytes(
        csv_bytes(CAREER_HEADER, ("66990", "WO-MA", "2023", "outcome", "", "", "١٥٠"))
    )
    with pytest.raises(CommandError, match=r"Line 2, column respondents: '١٥٠'"):
        call_command("import_careers", str(path), "--no-progress")
    assert not CareerOutcome.objects.exists()


def test_import_statistics_reports_a_superscript_count_without_traceback(
    programme, tmp_path
):
    path = tmp_path / "ingeschrevenenhbo.csv"
    path.write_bytes(
        b"STUDIEJAAR;INSTELLINGSCODE_ACTUEEL;OPLEIDINGSCODE_ACTUEEL;GEMEENTENUMMER;"
        b"GEMEENTENAAM;AANTAL_INGESCHREVENEN\n2020;21PB;66990;0546;Leiden;\xc2\xb2\n"
    )
    with pytest.raises(
        CommandError, match=r"Line 2, column AANTAL_INGESCHREVENEN: '²'"
    ):
        call_command("import_statistics", str(path), "--no-progress")
    assert not Enrolment.objects.exists()


def test_a_decimal_in_another_script_is_not_a_number(programme):
    data = csv_bytes(SURVEY_HEADER, survey_row(mean="٣,٩"))
    with pytest.raises(ImportFileError) as error:
        survey_scores_import(data=data, file_name="nse.csv")
    assert (error.value.line, error.value.column) == (2, "mean")
    assert not ProgrammeScore.objects.exists()


def test_a_count_too_long_for_any_column_names_line_and_column(programme):
    data = csv_bytes(SURVEY_HEADER, survey_row(respondents="1" + "0" * 9))
    with pytest.raises(ImportFileError, match="has more than 9 digits") as error:
        survey_scores_import(data=data, file_name="nse.csv")
    assert (error.value.line, error.value.column) == (2, "respondents")
    assert not ProgrammeScore.objects.exists()


ERKENNINGEN_HEADER = (
    "INSTELLINGSCODE",
    "INSTELLINGSNAAM",
    "VESTIGINGSCODE",
    "GEMEENTENAAM",
    "PLAATSNAAM",
    "ERKENDEOPLEIDINGSCODE",
    "OPLEIDINGSEENHEIDCODE",
    "OPLEIDINGSEENHEID_NAAM",
    "OPLEIDINGSEENHEID_INTERNATIONALE_NAAM",
    "STUDIELAST",
    "NIVEAU",
    "GRAAD",
    "GRAADTOEVOEGING",
    "VORM",
    "ONDERDEEL",
    "BEKOSTIGINGSCODE",
)


def erkenning(**changes):
    row = {
        "INSTELLINGSCODE": "21PB",
        "INSTELLINGSNAAM": "Universiteit Leiden",
        "VESTIGINGSCODE": "",
        "GEMEENTENAAM": "LEIDEN",
        "PLAATSNAAM": "LEIDEN",
        "ERKENDEOPLEIDINGSCODE": "66990",
        "OPLEIDINGSEENHEIDCODE": "1009O1234",
        "OPLEIDINGSEENHEID_NAAM": "Biologie",
        "OPLEIDINGSEENHEID_INTERNATIONALE_NAAM": "Biology",
        "STUDIELAST": "120",
        "NIVEAU": "WO-MA",
        "GRAAD": "MASTER",
        "GRAADTOEVOEGING": "OF_SCIENCE",
        "VORM": "VOLTIJD",
        "ONDERDEEL": "NATUUR",
        "BEKOSTIGINGSCODE": "BEKOSTIGD",
    }
    return tuple({**row, **changes}.values())


@pytest.mark.parametrize("ects", ["²", "１２０", "12000"])
def test_a_study_load_that_is_no_plain_number_names_line_and_column(ects):
    data = csv_bytes(ERKENNINGEN_HEADER, erkenning(STUDIELAST=ects))
    with pytest.raises(ImportFileError) as error:
        programmes_import(data=data, file_name="ho_erkenningen_rio.csv")
    assert (error.value.line, error.value.column) == (2, "STUDIELAST")
    assert not Programme.objects.exists()
