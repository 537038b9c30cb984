"""A statistics file that would count someone twice, or lose a row, is refused
whole: the message names the lines, and the database is left as it was."""

import pytest
from django.core.management import CommandError, call_command

from programmes.importing.csvfile import ImportFileError
from programmes.importing.statistics import enrolments_import
from programmes.models import DataSource, Enrolment, Form, ImportRun
from tests.programmes.factories import (
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)

HEADER = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;GESLACHT;2018;2019\n"
)
ROWS = (
    "0546;Leiden;21PB;50700;voltijd onderwijs;man;30;31\n"
    "0546;Leiden;21PB;50700;voltijd onderwijs;vrouw;4;3\n"
)
GOOD = (HEADER + ROWS).encode()
HBO = (
    b'"STUDIEJAAR","GEMEENTENUMMER","GEMEENTENAAM","INSTELLINGSCODE_ACTUEEL",'
    b'"OPLEIDINGSCODE_ACTUEEL","AANTAL_INGESCHREVENEN"\n'
    b'"2020","0546","Leiden","21PB","50700",55\n'
    b'"2021","0546","Leiden","21PB","50700",60\n'
)
KEY = "BRIN NUMMER ACTUEEL, OPLEIDINGSCODE ACTUEEL, OPLEIDINGSVORM, GEMEENTENUMMER, GESLACHT"


@pytest.fixture
def programme():
    return ProgrammeFactory(
        study=StudyFactory(croho_code="50700"),
        institution=InstitutionFactory(
            brin="21PB", municipality=MunicipalityFactory(code="0546")
        ),
        form=Form.FULL_TIME,
    )


def database_state() -> tuple:
    """Everything an import of statistics writes."""
    return (
        sorted(
            Enrolment.objects.values_list(
                "programme_id",
                "academic_year",
                "students",
                "first_years",
                "first_years_men",
                "first_years_women",
                "graduates",
            )
        ),
        sorted(Enrolment.sources.through.objects.values_list("pk", flat=True)),
        ImportRun.objects.count(),
        DataSource.objects.count(),
    )


@pytest.fixture
def imported(programme):
    """The good file imported once: what a refused file must leave untouched."""
    enrolments_import(data=GOOD, file_name="wo_inscriptions_2019.csv")
    return database_state()


def refusal(data: bytes, file_name: str = "wo_inscriptions_2019.csv") -> str:
    with pytest.raises(ImportFileError) as error:
        enrolments_import(data=data, file_name=file_name)
    return str(error.value)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_repeated_row_is_refused_naming_both_lines(imported):
    data = (HEADER + ROWS + ROWS.splitlines(keepends=True)[0]).encode()
    assert refusal(data) == (
        f"Line 4 repeats line 2 (the same {KEY}): its counts would be added up "
        "twice, so the file is refused."
    )
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_file_concatenated_with_itself_is_refused(imported):
    """`cat file file`: the header comes back at line 4, then every row."""
    assert refusal(GOOD + GOOD) == (
        "Line 4 repeats the header of line 1: is this several files joined "
        "together? The file is refused."
    )
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_repeated_rows_without_the_header_are_refused(imported):
    assert refusal(GOOD + ROWS.encode()).startswith("Line 4 repeats line 2 ")
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_repeated_year_of_the_hbo_file_is_refused(programme):
    data = HBO + b'"2020","0546","Leiden","21PB","50700",55\n'
    before = database_state()
    assert refusal(data, "ingeschrevenenhbo.csv") == (
        "Line 4 repeats line 2 (the same STUDIEJAAR, INSTELLINGSCODE_ACTUEEL, "
        "OPLEIDINGSCODE_ACTUEEL, GEMEENTENUMMER): its counts would be added up "
        "twice, so the file is refused."
    )
    assert database_state() == before


@pytest.mark.django_db(transaction=True)
def test_the_same_programme_in_two_phases_is_not_a_repeat(programme):
    """The 2013–2017 file has a row per phase (propedeuse, bachelor): added up."""
    data = (
        b"GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
        b"OPLEIDINGSVORM;OPLEIDINGSFASE ACTUEEL;2017 MAN;2017 VROUW\n"
        b"0546;Leiden;21PB;50700;voltijd onderwijs;propedeuse bachelor;5;2\n"
        b"0546;Leiden;21PB;50700;voltijd onderwijs;bachelor;3;1\n"
    )
    enrolments_import(data=data, file_name="eerstejaars.csv")
    assert Enrolment.objects.get().first_years == 11


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_the_command_refuses_a_repeated_row(imported, tmp_path):
    path = tmp_path / "wo_inscriptions_2019.csv"
    path.write_bytes(GOOD + ROWS.encode())
    with pytest.raises(CommandError) as error:
        call_command("import_statistics", str(path), "--no-progress")
    assert str(error.value) == (
        f"wo_inscriptions_2019.csv: Line 4 repeats line 2 (the same {KEY}): its "
        "counts would be added up twice, so the file is refused."
    )
    assert database_state() == imported
