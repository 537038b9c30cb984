"""DUO's current (2020–2024) files have one row per year and one count column:
students, first-years or graduates. The series is read from the header, and a
header that could mean two things is refused, never guessed."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from programmes.importing.csvfile import ImportFileError
from programmes.importing.statistics import enrolments_import
from programmes.models import Enrolment, Form
from tests.programmes.factories import (
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.programmes.test_import_refused_files import database_state

pytestmark = pytest.mark.django_db

PLACE = '"Zuid-Holland","0546","Leiden","reguliere inst."'
INSTITUTION = '"21PB","Universiteit Leiden","RECHT","n.v.t. (recht)"'
PROGRAMME = '"50700","B Rechtsgeleerdheid"'
HBO_FIRST_YEARS_COLUMNS = (
    "STUDIEJAAR",
    "PROVINCIENAAM",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "SOORT_INSTELLING",
    "TYPE_HOGER_ONDERWIJS",
    "INSTELLINGSCODE_ACTUEEL",
    "INSTELLINGSNAAM_ACTUEEL",
    "ONDERDEEL",
    "SUBONDERDEEL",
    "OPLEIDINGSCODE_ACTUEEL",
    "OPLEIDINGSNAAM_ACTUEEL",
    "AANTAL_EERSTEJAARS_INGESCHREVENEN",
)
WO_FIRST_YEARS_COLUMNS = (
    *HBO_FIRST_YEARS_COLUMNS[:12],
    "OPLEIDINGSVORM",
    "OPLEIDINGSFASE_ACTUEEL",
    "GESLACHT",
    "AANTAL_EERSTEJAARS_INGESCHREVENEN",
)
GRADUATES_COLUMNS = (
    "DIPLOMAJAAR",
    "PROVINCIENAAM",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "SOORT_INSTELLING",
    "INSTELLINGSCODE_ACTUEEL",
    "INSTELLINGSNAAM_ACTUEEL",
    "ONDERDEEL",
    "SUBONDERDEEL",
    "OPLEIDINGSCODE_ACTUEEL",
    "OPLEIDINGSNAAM_ACTUEEL",
    "OPLEIDINGSVORM",
    "SOORT_DIPLOMA",
    "GESLACHT",
    "AANTAL_GEDIPLOMEERDEN",
)


def duo_file(columns, *rows: str, line_end: str = "\r\n") -> bytes:
    """A file in DUO's current shape: every name and text quoted, counts bare,
    `,`-separated, ending with a line break."""
    header = ",".join(f'"{name}"' for name in columns)
    return "".join(f"{line}{line_end}" for line in (header, *rows)).encode()


def hbo_first_years(year: int, count: int) -> str:
    return f'"{year}",{PLACE},"bachelor",{INSTITUTION},{PROGRAMME},{count}'


def wo_first_years(year, form: str, gender: str, count) -> str:
    return (
        f'"{year}",{PLACE},"bachelor",{INSTITUTION},{PROGRAMME},'
        f'"{form}","propedeuse bachelor","{gender}",{count}'
    )


def graduates(year, form: str, diploma: str, gender: str, count) -> str:
    return (
        f'"{year}",{PLACE},{INSTITUTION},{PROGRAMME},"{form}","{diploma}",'
        f'"{gender}",{count}'
    )


@pytest.fixture
def programmes():
    """The same programme full-time and part-time, in Leiden (CBS 0546)."""
    study = StudyFactory(croho_code="50700")
    institution = InstitutionFactory(
        brin="21PB", municipality=MunicipalityFactory(code="0546")
    )
    return {
        form: ProgrammeFactory(study=study, institution=institution, form=form)
        for form in (Form.FULL_TIME, Form.PART_TIME)
    }


def stored(programme, year: int) -> tuple:
    enrolment = Enrolment.objects.get(programme=programme, academic_year=year)
    return (
        enrolment.first_years_men,
        enrolment.first_years_women,
        enrolment.first_years,
        enrolment.graduates,
        enrolment.students,
    )


def refusal(data: bytes) -> str:
    with pytest.raises(ImportFileError) as error:
        enrolments_import(data=data, file_name="eerstejaarshbo.csv")
    return str(error.value)


HBO_FIRST_YEARS = duo_file(
    HBO_FIRST_YEARS_COLUMNS,
    hbo_first_years(2023, 120),
    hbo_first_years(2024, 131),
)


def test_first_years_per_year_without_genders_are_one_count(programmes):
    """No GESLACHT: the count is everyone, and there are no men's and women's
    figures; no OPLEIDINGSVORM: the count goes to the full-time programme."""
    result = enrolments_import(data=HBO_FIRST_YEARS, file_name="eerstejaarshbo.csv")
    assert (result.layout, result.created, result.rejected) == (
        "first-years (per year)",
        2,
        0,
    )
    full_time = programmes[Form.FULL_TIME]
    assert stored(full_time, 2023) == (None, None, 120, None, None)
    assert stored(full_time, 2024) == (None, None, 131, None, None)
    assert not Enrolment.objects.filter(programme=programmes[Form.PART_TIME]).exists()


def test_first_years_per_year_with_lf_line_ends(programmes):
    data = HBO_FIRST_YEARS.replace(b"\r\n", b"\n")
    enrolments_import(data=data, file_name="eerstejaarshbo.csv")
    assert stored(programmes[Form.FULL_TIME], 2024) == (None, None, 131, None, None)


def test_first_years_per_year_by_form_and_gender(programmes):
    """OPLEIDINGSVORM picks the programme in that form; men and women add up, and
    a gender DUO suppressed (-1) leaves the total unknown."""
    data = duo_file(
        WO_FIRST_YEARS_COLUMNS,
        wo_first_years(2024, "voltijd onderwijs", "man", 60),
        wo_first_years(2024, "voltijd onderwijs", "vrouw", 70),
        wo_first_years(2024, "deeltijd onderwijs", "man", 5),
        wo_first_years(2024, "deeltijd onderwijs", "vrouw", -1),
        wo_first_years(2023, "deeltijd onderwijs", "vrouw", 4),
    )
    result = enrolments_import(data=data, file_name="eerstejaarswo.csv")
    assert (result.created, result.rejected) == (3, 0)
    assert stored(programmes[Form.FULL_TIME], 2024) == (60, 70, 130, None, None)
    assert stored(programmes[Form.PART_TIME], 2024) == (5, None, None, None, None)
    # No row for men: DUO had none to count.
    assert stored(programmes[Form.PART_TIME], 2023) == (None, 4, 4, None, None)


def test_first_years_per_year_with_an_unknown_gender_leave_the_total_unknown(
    programmes,
):
    data = duo_file(
        WO_FIRST_YEARS_COLUMNS,
        wo_first_years(2024, "voltijd onderwijs", "man", 60),
        wo_first_years(2024, "voltijd onderwijs", "onbekend", 2),
        wo_first_years(2024, "voltijd onderwijs", "vrouw", 70),
    )
    result = enrolments_import(data=data, file_name="eerstejaarswo.csv")
    assert result.rejected_rows == [(3, "unknown gender (man or vrouw)")]
    assert stored(programmes[Form.FULL_TIME], 2024) == (60, 70, None, None, None)


def test_graduates_per_year_add_up_genders_and_diploma_types(programmes):
    data = duo_file(
        GRADUATES_COLUMNS,
        graduates(2023, "voltijd onderwijs", "wo bachelor", "man", 7),
        graduates(2023, "voltijd onderwijs", "wo bachelor", "vrouw", 5),
        graduates(2023, "voltijd onderwijs", "wo propedeuse", "vrouw", 2),
        graduates(2023, "deeltijd onderwijs", "wo bachelor", "man", 3),
        graduates(2024, "voltijd onderwijs", "wo bachelor", "man", 8),
        graduates(2024, "voltijd onderwijs", "wo bachelor", "vrouw", -1),
    )
    result = enrolments_import(data=data, file_name="gediplomeerdenwo.csv")
    assert (result.layout, result.created, result.rejected) == (
        "graduates (per year)",
        2,
        0,
    )
    assert stored(programmes[Form.FULL_TIME], 2023) == (None, None, None, 14, None)
    assert stored(programmes[Form.PART_TIME], 2023) == (None, None, None, 3, None)
    # 8 men and a number of women DUO withheld: unknown, not 8.
    assert not Enrolment.objects.filter(academic_year=2024).exists()


def test_graduates_per_year_with_an_unknown_gender_are_unknown(programmes):
    data = duo_file(
        GRADUATES_COLUMNS,
        graduates(2023, "voltijd onderwijs", "wo bachelor", "man", 7),
        graduates(2023, "voltijd onderwijs", "wo bachelor", "onbekend", 1),
        graduates(2022, "voltijd onderwijs", "wo bachelor", "man", 6),
    )
    result = enrolments_import(data=data, file_name="gediplomeerdenwo.csv")
    assert result.rejected_rows == [(3, "unknown gender (man or vrouw)")]
    assert not Enrolment.objects.filter(academic_year=2023).exists()
    assert stored(programmes[Form.FULL_TIME], 2022) == (None, None, None, 6, None)


def test_graduates_per_year_without_form_and_gender(programmes):
    columns = [c for c in GRADUATES_COLUMNS if c not in ("OPLEIDINGSVORM", "GESLACHT")]
    data = duo_file(
        columns,
        f'"2023",{PLACE},{INSTITUTION},{PROGRAMME},"hbo bachelor",40',
        f'"2023",{PLACE},{INSTITUTION},{PROGRAMME},"hbo associate degree",9',
        line_end="\n",
    )
    enrolments_import(data=data, file_name="gediplomeerdenhbo.csv")
    assert stored(programmes[Form.FULL_TIME], 2023) == (None, None, None, 49, None)


@pytest.fixture
def imported(programmes):
    """One file imported: what a refused file must leave as it is."""
    enrolments_import(data=HBO_FIRST_YEARS, file_name="eerstejaarshbo.csv")
    return database_state()


FIRST_YEARS_EXPECTED = (
    "STUDIEJAAR, GEMEENTENUMMER, GEMEENTENAAM, INSTELLINGSCODE_ACTUEEL, "
    "OPLEIDINGSCODE_ACTUEEL, AANTAL_EERSTEJAARS_INGESCHREVENEN, and where the "
    "file has them OPLEIDINGSVORM, GESLACHT"
)


@pytest.mark.usefixtures("english")
def test_two_count_columns_refuse_the_file(imported):
    data = duo_file(
        (*HBO_FIRST_YEARS_COLUMNS, "AANTAL_INGESCHREVENEN"),
        hbo_first_years(2024, 131) + ",900",
    )
    assert refusal(data) == (
        "Line 1: the header has 2 count columns (AANTAL_EERSTEJAARS_INGESCHREVENEN, "
        "AANTAL_INGESCHREVENEN); a file of DUO's per-year layouts has exactly one: "
        "students, first-years or graduates. The file is refused."
    )
    assert database_state() == imported


@pytest.mark.usefixtures("english")
def test_a_diploma_year_with_first_years_refuses_the_file(imported):
    columns = ("DIPLOMAJAAR", *HBO_FIRST_YEARS_COLUMNS[1:])
    data = duo_file(columns, hbo_first_years(2024, 131))
    assert refusal(data) == (
        "Line 1: the year column DIPLOMAJAAR does not go with the count column "
        "AANTAL_EERSTEJAARS_INGESCHREVENEN (first-years (per year)), which is "
        "counted per STUDIEJAAR. The file is refused."
    )
    assert database_state() == imported


@pytest.mark.usefixtures("english")
def test_a_study_year_with_graduates_refuses_the_file(imported):
    columns = ("STUDIEJAAR", *GRADUATES_COLUMNS[1:])
    data = duo_file(
        columns, graduates(2024, "voltijd onderwijs", "wo bachelor", "man", 8)
    )
    assert refusal(data) == (
        "Line 1: the year column STUDIEJAAR does not go with the count column "
        "AANTAL_GEDIPLOMEERDEN (graduates (per year)), which is counted per "
        "DIPLOMAJAAR. The file is refused."
    )
    assert database_state() == imported


@pytest.mark.usefixtures("english")
def test_graduates_without_the_diploma_type_refuse_the_file(imported):
    """Without SOORT_DIPLOMA two rows of one programme and year cannot be told
    from a row given twice."""
    columns = [c for c in GRADUATES_COLUMNS if c not in ("SOORT_DIPLOMA", "GESLACHT")]
    data = duo_file(
        columns, f'"2023",{PLACE},{INSTITUTION},{PROGRAMME},"voltijd onderwijs",40'
    )
    assert refusal(data) == (
        "Line 1: the header matches none of the statistics layouts completely. "
        "The closest, graduates (per year), expects the columns DIPLOMAJAAR, "
        "GEMEENTENUMMER, GEMEENTENAAM, INSTELLINGSCODE_ACTUEEL, "
        "OPLEIDINGSCODE_ACTUEEL, SOORT_DIPLOMA, AANTAL_GEDIPLOMEERDEN, and where "
        "the file has them OPLEIDINGSVORM, GESLACHT; missing: SOORT_DIPLOMA. "
        f"Columns found: {', '.join(columns)}."
    )
    assert database_state() == imported


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("year", ["2O24", "20241", "-1", "1889", "", "٢٠٢٤"])
def test_a_year_that_is_not_a_year_refuses_the_file(imported, year):
    data = duo_file(
        HBO_FIRST_YEARS_COLUMNS,
        hbo_first_years(2023, 120),
        hbo_first_years(2024, 131).replace('"2024"', f'"{year}"'),
    )
    assert refusal(data) == (
        f"Line 3, column STUDIEJAAR: {year!r} is not a year from 1990 to 2099. "
        "The file is refused."
    )
    assert database_state() == imported


@pytest.mark.usefixtures("english")
def test_a_renamed_column_refuses_the_file(imported):
    columns = [
        "OPLEIDINGSNAAM" if name == "OPLEIDINGSNAAM_ACTUEEL" else name
        for name in HBO_FIRST_YEARS_COLUMNS
    ]
    data = duo_file(columns, hbo_first_years(2024, 131))
    assert refusal(data) == (
        "Line 1: column OPLEIDINGSNAAM is not one of the layout first-years "
        f"(per year) ({FIRST_YEARS_EXPECTED}): was it renamed? The file is refused."
    )
    assert database_state() == imported


@pytest.mark.usefixtures("english")
def test_a_renamed_column_of_the_students_file_refuses_it(imported):
    """The hbo students file was recognised by a closed list of columns, and
    took any other column without a word."""
    columns = [
        "INSTELLINGSNAAM" if name == "INSTELLINGSNAAM_ACTUEEL" else name
        for name in HBO_FIRST_YEARS_COLUMNS[:-1]
    ]
    data = duo_file((*columns, "AANTAL_INGESCHREVENEN"), hbo_first_years(2024, 900))
    message = refusal(data)
    assert message.startswith(
        "Line 1: column INSTELLINGSNAAM is not one of the layout enrolled students "
        "(per year) (STUDIEJAAR, "
    )
    assert database_state() == imported


@pytest.mark.usefixtures("english")
def test_a_repeated_row_of_one_form_and_gender_refuses_the_file(imported):
    row = wo_first_years(2024, "voltijd onderwijs", "man", 60)
    data = duo_file(
        WO_FIRST_YEARS_COLUMNS,
        row,
        wo_first_years(2024, "voltijd onderwijs", "vrouw", 70),
        row,
    )
    assert refusal(data) == (
        "Line 4 repeats line 2 (the same STUDIEJAAR, INSTELLINGSCODE_ACTUEEL, "
        "OPLEIDINGSCODE_ACTUEEL, GEMEENTENUMMER, OPLEIDINGSVORM, "
        "OPLEIDINGSFASE_ACTUEEL, GESLACHT): its counts would be added up twice, "
        "so the file is refused."
    )
    assert database_state() == imported


def test_layout_names_are_translated_in_refusals(imported):
    """In Dutch, the whole message is Dutch, the layout's name included."""
    columns = [
        "OPLEIDINGSNAAM" if name == "OPLEIDINGSNAAM_ACTUEEL" else name
        for name in HBO_FIRST_YEARS_COLUMNS
    ]
    message = refusal(duo_file(columns, hbo_first_years(2024, 131)))
    assert "eerstejaars (per jaar)" in message
    assert "first-years" not in message


def test_the_command_names_the_layout_in_the_active_language(
    programmes, tmp_path, capsys
):
    path = tmp_path / "eerstejaarshbo.csv"
    path.write_bytes(HBO_FIRST_YEARS)
    call_command("import_statistics", str(path), "--no-progress")
    assert capsys.readouterr().out.startswith(
        "eerstejaarshbo.csv [eerstejaars (per jaar)]: rijen: 2 gelezen"
    )


def test_the_admin_dry_run_names_the_layout_in_the_active_language(
    programmes, admin_client, settings, tmp_path
):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    file = SimpleUploadedFile("eerstejaarshbo.csv", HBO_FIRST_YEARS, "text/csv")
    preview = admin_client.post(
        reverse("admin:programmes_importrun_upload"),
        {"kind": "statistics", "source_kind": "official", "file": file},
    )
    soup = BeautifulSoup(preview.content.decode(), "html.parser")
    assert "(eerstejaars (per jaar))" in soup.select_one("#preview p").get_text()
