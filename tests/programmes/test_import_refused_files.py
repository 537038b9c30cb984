"""A statistics file that would count someone twice, or lose a row, is refused
whole: the message names the lines, and the database is left as it was."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from programmes.importing.csvfile import ImportFileError
from programmes.importing.statistics import enrolments_import
from programmes.models import DataSource, Enrolment, ImportRun
from tests.programmes.factories import (
    leiden_law_programme,
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
    return leiden_law_programme()


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


def with_commas(text: str) -> str:
    """What replacing every `;` by `,` makes of a file: a name with a comma in it
    becomes two values."""
    return text.replace(";", ",")


NAMED_HEADER = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2018;2019\n"
)
NAMED_ROWS = (
    "0546;Leiden;21PB;50700;B Rechtsgeleerdheid;voltijd onderwijs;man;30;31\n"
    "0546;Leiden;21PB;50700;B Rechtsgeleerdheid;voltijd onderwijs;vrouw;4;3\n"
    "0546;Leiden;21PB;56109;B Taal, Cultuur;voltijd onderwijs;man;8;9\n"
    "0546;Leiden;21PB;56109;B Taal, Cultuur;voltijd onderwijs;vrouw;10;11\n"
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_rows_split_by_a_changed_separator_refuse_the_file(imported, tmp_path):
    """Today the two rows whose name has a comma vanish as 'lines skipped' and the
    command succeeds; every such row is named, and nothing is imported."""
    path = tmp_path / "wo_inscriptions_2019.csv"
    path.write_text(with_commas(NAMED_HEADER + NAMED_ROWS))
    with pytest.raises(CommandError) as error:
        call_command("import_statistics", str(path), "--no-progress")
    assert str(error.value) == (
        "wo_inscriptions_2019.csv: Rows whose values do not fit the header's 9 "
        "columns (2 in all): line 4: 10 values, more than the columns (the last "
        "column is 2019); line 5: 10 values, more than the columns (the last column "
        "is 2019). Is a value split by the separator ',', or was the separator "
        "changed? The file is refused; nothing was imported."
    )
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_row_cut_short_inside_the_file_is_refused_naming_its_column(imported):
    rows = NAMED_ROWS.splitlines(keepends=True)
    data = (NAMED_HEADER + rows[0] + "0546;Leiden;21PB;50700\n" + rows[1]).encode()
    with pytest.raises(ImportFileError) as error:
        enrolments_import(data=data, file_name="wo_inscriptions_2019.csv")
    assert str(error.value) == (
        "Rows whose values do not fit the header's 9 columns (1 in all): line 3: 4 "
        "values, no value for column OPLEIDINGSNAAM ACTUEEL. Is a value split by "
        "the separator ';', or was the separator changed? The file is refused; "
        "nothing was imported."
    )
    assert (error.value.line, error.value.column) == (3, "OPLEIDINGSNAAM ACTUEEL")
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_many_malformed_rows_are_counted_and_the_first_ten_named(imported):
    rows = "".join(
        f"0546;Leiden;21PB;{60000 + n};B Taal, Cultuur;voltijd onderwijs;man;1;2\n"
        for n in range(12)
    )
    with pytest.raises(ImportFileError) as error:
        enrolments_import(
            data=with_commas(NAMED_HEADER + rows).encode(),
            file_name="wo_inscriptions_2019.csv",
        )
    message = str(error.value)
    assert message.startswith(
        "Rows whose values do not fit the header's 9 columns (12 in all): line 2: "
    )
    assert "line 11: 10 values" in message
    assert "line 12:" not in message
    assert "(the last column is 2019). Is a value split" in message
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
def test_blank_artefact_and_totals_lines_are_still_skipped(programme):
    """What DUO's own files hold besides rows (docs/IMPORT.md): skipped, counted."""
    data = (
        HEADER + ROWS.splitlines(keepends=True)[0] + '""\n\n;;;;;;;\n'
        ";;;;;totalen;34;34\n" + ROWS.splitlines(keepends=True)[1]
    ).encode()
    result = enrolments_import(data=data, file_name="wo_inscriptions_2019.csv")
    assert (result.created, result.rejected, result.skipped_lines) == (2, 0, 4)
    assert Enrolment.objects.get(academic_year=2019).first_years == 34


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_the_admin_upload_names_the_malformed_rows(
    imported, admin_client, settings, tmp_path
):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    file = SimpleUploadedFile(
        "wo_inscriptions_2019.csv",
        with_commas(NAMED_HEADER + NAMED_ROWS).encode(),
        "text/csv",
    )
    response = admin_client.post(
        reverse("admin:programmes_importrun_upload"),
        {"kind": "statistics", "source_kind": "official", "file": file},
    )
    assert response.status_code == 400
    errors = BeautifulSoup(response.content.decode(), "html.parser").select_one(
        ".errorlist"
    )
    assert errors.get_text(strip=True).startswith(
        "Rows whose values do not fit the header's 9 columns (2 in all): line 4: "
    )
    assert database_state() == imported
