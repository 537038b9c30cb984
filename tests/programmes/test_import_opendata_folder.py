"""import_opendata takes every CSV file in its folder by its header, whatever its
name, and says what it did with each: imported, skipped (and why) or refused."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from programmes.importing.runner import opendata_plan
from programmes.models import DataSource, Enrolment, Form, ImportRun, Municipality
from tests.programmes.test_import_first_years import long_file, wide_file
from tests.programmes.test_import_per_year_layouts import (
    HBO_FIRST_YEARS,
    HBO_FIRST_YEARS_COLUMNS,
    duo_file,
    hbo_first_years,
    stored,
)
from tests.programmes.test_import_per_year_layouts import (
    programmes as programmes,  # the fixture
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# DUO's governing boards (bevoegde gezagen): shipped beside the institutions, not
# imported. It names a municipality, which must not be created from it.
BOARDS = (
    b"SOORT HO;BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM;STRAATNAAM;"
    b"HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;"
    b"DENOMINATIE;TELEFOONNUMMER;INTERNETADRES\r\n"
    b"hbo;24832;Stichting Codarts;Kruisplein;26;3012 CC;ROTTERDAM;0599;ROTTERDAM;"
    b"Algemeen bijzonder;0102171100;www.codarts.nl\r\n"
)
SKIPPED = "its header matches none of the files the portal imports."


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def run(directory: Path, capsys) -> list[str]:
    call_command("import_opendata", dir=str(directory), no_progress=True)
    return capsys.readouterr().out.splitlines()


def test_a_renamed_statistics_file_is_imported_and_an_unknown_one_skipped(
    programmes, tmp_path, capsys
):
    write(tmp_path / "eerstejaars" / "eerstejaarshbo-kopie.csv", HBO_FIRST_YEARS)
    # fetch_opendata's backup of a replaced file: never imported, never reported.
    write(
        tmp_path / "eerstejaars" / "eerstejaarshbo-kopie.csv.previous",
        duo_file(HBO_FIRST_YEARS_COLUMNS, hbo_first_years(2024, 999)),
    )
    write(tmp_path / "duo-adressen-ho" / "03.-bevoegde-gezagen-hbo-en-wo.csv", BOARDS)
    out = run(tmp_path, capsys)
    assert out[0] == (
        f"Skipped duo-adressen-ho/03.-bevoegde-gezagen-hbo-en-wo.csv: {SKIPPED}"
    )
    # Its municipalities first, for the programmes; then its figures.
    assert "[1/2] eerstejaars/eerstejaarshbo-kopie.csv …" in out
    assert "[2/2] eerstejaars/eerstejaarshbo-kopie.csv …" in out
    assert not any("previous" in line for line in out)
    assert stored(programmes[Form.FULL_TIME], 2024) == (None, None, 131, None, None)
    assert stored(programmes[Form.FULL_TIME], 2023) == (None, None, 120, None, None)
    assert set(ImportRun.objects.values_list("file_name", flat=True)) == {
        "eerstejaarshbo-kopie.csv"
    }
    # Not one of DUO's known files: a source named after it.
    source = Enrolment.objects.get(academic_year=2024).sources.get()
    assert (source.key, source.file_name) == (
        "duo-eerstejaarshbo-kopie-csv",
        "eerstejaarshbo-kopie.csv",
    )
    assert not Municipality.objects.filter(code="0599").exists()
    assert not DataSource.objects.filter(file_name__startswith="03.").exists()


def test_a_refused_file_is_reported_the_others_imported_and_the_run_fails(
    programmes, tmp_path, capsys
):
    renamed = [
        "OPLEIDINGSNAAM" if name == "OPLEIDINGSNAAM_ACTUEEL" else name
        for name in HBO_FIRST_YEARS_COLUMNS
    ]
    bad = duo_file(renamed, hbo_first_years(2022, 50).replace("0546", "0599"))
    write(tmp_path / "a" / "eerstejaars-hernoemd.csv", bad)
    write(tmp_path / "b" / "eerstejaarshbo.csv", HBO_FIRST_YEARS)
    with pytest.raises(CommandError) as error:
        call_command("import_opendata", dir=str(tmp_path), no_progress=True)
    assert str(error.value) == (
        "1 file refused: a/eerstejaars-hernoemd.csv. The other files were imported; "
        "a refused file changed nothing."
    )
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "Refused a/eerstejaars-hernoemd.csv: Line 1: column OPLEIDINGSNAAM is not "
        "one of the layout first-years (per year) (STUDIEJAAR, GEMEENTENUMMER, "
        "GEMEENTENAAM, INSTELLINGSCODE_ACTUEEL, OPLEIDINGSCODE_ACTUEEL, "
        "AANTAL_EERSTEJAARS_INGESCHREVENEN, and where the file has them "
        "OPLEIDINGSVORM, GESLACHT): was it renamed? The file is refused."
    )
    assert "[2/2] b/eerstejaarshbo.csv …" in out
    assert stored(programmes[Form.FULL_TIME], 2024) == (None, None, 131, None, None)
    assert not Enrolment.objects.filter(academic_year=2022).exists()
    assert not Municipality.objects.filter(code="0599").exists()
    assert set(ImportRun.objects.values_list("file_name", flat=True)) == {
        "eerstejaarshbo.csv"
    }


def test_the_older_wide_first_years_come_before_the_newer_whatever_their_names(
    programmes, tmp_path, capsys
):
    """The newer series wins the years they share: it is imported last, even
    when its folder sorts first and neither file has its usual name."""
    write(tmp_path / "a-nieuw" / "eerstejaars-2015-2019.csv", long_file("man;30;31"))
    write(
        tmp_path / "z-oud" / "eerstejaars-2013-2017.csv",
        wide_file("propedeuse bachelor;10;10").replace(b"2017 ", b"2018 "),
    )
    out = run(tmp_path, capsys)
    assert [line for line in out if line.startswith("[")] == [
        "[1/4] z-oud/eerstejaars-2013-2017.csv …",
        "[2/4] a-nieuw/eerstejaars-2015-2019.csv …",
        "[3/4] z-oud/eerstejaars-2013-2017.csv …",
        "[4/4] a-nieuw/eerstejaars-2015-2019.csv …",
    ]
    assert stored(programmes[Form.FULL_TIME], 2018)[:3] == (30, None, 30)


def test_the_shipped_files_are_recognised_and_ordered():
    """Institutions, the statistics files' municipalities, programmes, catalogue
    details, then the statistics, older first-years before newer, then CBS's
    labour-market tables; the governing boards are skipped."""
    directory = Path(settings.OPENDATA_DIR)
    plan = opendata_plan(directory)
    assert [
        (path.relative_to(directory).as_posix(), service.__name__)
        for path, service in plan.files
    ] == [
        ("duo-adressen-ho/01.-instellingen-hbo-en-wo.csv", "institutions_import"),
        ("duo-eerstejaars-wo-2013-2017/eerstejaars.csv", "municipalities_import"),
        (
            "duo-eerstejaars-wo-2015-2019/wo_inscriptions_2019.csv",
            "municipalities_import",
        ),
        (
            "duo-gediplomeerden-wo-2014-2018/wo_gediplomeerden_2019.csv",
            "municipalities_import",
        ),
        (
            "duo-ingeschrevenen-hbo-2020-2024/ingeschrevenenhbo.csv",
            "municipalities_import",
        ),
        ("duo-rio-ho-erkenningen/ho_erkenningen_rio.csv", "programmes_import"),
        (
            "duo-rio-ho-opleidingsoverzicht/ho_opleidingsoverzicht.csv",
            "programmes_enrich",
        ),
        ("duo-eerstejaars-wo-2013-2017/eerstejaars.csv", "enrolments_import"),
        ("duo-eerstejaars-wo-2015-2019/wo_inscriptions_2019.csv", "enrolments_import"),
        (
            "duo-gediplomeerden-wo-2014-2018/wo_gediplomeerden_2019.csv",
            "enrolments_import",
        ),
        ("duo-ingeschrevenen-hbo-2020-2024/ingeschrevenenhbo.csv", "enrolments_import"),
        *(
            (f"cbs-arbeidsmarkt-ho-2015-16/{name}.csv", "cbs_import")
            for name in (
                "83815NED-uurloon-geslacht",
                "83815NED-uurloon-studierichting",
                "83815NED-uurloon-totaal",
                "85776NED-arbeidsmarktpositie-geslacht",
                "85776NED-arbeidsmarktpositie-totaal",
            )
        ),
    ]
    assert [
        (path.relative_to(directory).as_posix(), str(reason))
        for path, reason in plan.skipped
    ] == [("duo-adressen-ho/03.-bevoegde-gezagen-hbo-en-wo.csv", SKIPPED[:-1])]
    assert plan.refused == []


def test_a_statistics_file_with_a_count_that_is_not_a_number_gives_nothing(
    programmes, tmp_path, capsys
):
    """Refused before the municipalities are read from it: its CBS code 0599
    and name are not stored either."""
    bad = duo_file(
        HBO_FIRST_YEARS_COLUMNS,
        hbo_first_years(2023, 120).replace("0546", "0599"),
        hbo_first_years(2024, "12a"),
    )
    write(tmp_path / "eerstejaarshbo.csv", bad)
    with pytest.raises(CommandError):
        call_command("import_opendata", dir=str(tmp_path), no_progress=True)
    assert capsys.readouterr().out.splitlines()[0] == (
        "Refused eerstejaarshbo.csv: Line 3, column "
        "AANTAL_EERSTEJAARS_INGESCHREVENEN: '12a' is not a whole number."
    )
    assert not Municipality.objects.filter(code="0599").exists()
    assert not ImportRun.objects.exists()


def test_another_series_of_duos_per_year_files_is_skipped_with_its_column(
    programmes, tmp_path, capsys
):
    """DUO's enrolments (inschrijvingen: a student once per programme) share the
    family's columns: not a file the portal imports, nor a broken one."""
    columns = (*HBO_FIRST_YEARS_COLUMNS[:-1], "AANTAL_INSCHRIJVINGEN")
    write(
        tmp_path / "inschrijvingenhbo.csv",
        duo_file(columns, hbo_first_years(2024, 140)),
    )
    write(tmp_path / "eerstejaarshbo.csv", HBO_FIRST_YEARS)
    assert run(tmp_path, capsys)[0] == (
        "Skipped inschrijvingenhbo.csv: its count column AANTAL_INSCHRIJVINGEN is "
        "none of the series the portal imports (AANTAL_INGESCHREVENEN, "
        "AANTAL_EERSTEJAARS_INGESCHREVENEN, AANTAL_GEDIPLOMEERDEN)."
    )
    assert list(Enrolment.objects.values_list("students", flat=True)) == [None, None]
    assert set(ImportRun.objects.values_list("file_name", flat=True)) == {
        "eerstejaarshbo.csv"
    }


def _planner_row_estimate(table: str) -> float | None:
    """PostgreSQL's planner estimate of a table's rows (pg_class.reltuples, -1
    before any statistics); on SQLite, the rows its statistics table holds for
    it, None without one."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return cursor.fetchone()[0]
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
        )
        return 0.0 if cursor.fetchone() else None


def test_the_import_leaves_the_planner_statistics_of_what_it_loaded(
    programmes, tmp_path, capsys
):
    """PostgreSQL's planner sees the rows just loaded (ANALYZE), not the table
    as it was before: the slow plans of an empty table's statistics. SQLite is
    given no statistics table, which would change how it plans everything."""
    write(tmp_path / "eerstejaars.csv", HBO_FIRST_YEARS)
    run(tmp_path, capsys)
    loaded = Enrolment.objects.count()
    assert loaded > 0
    if connection.vendor == "postgresql":
        assert _planner_row_estimate(Enrolment._meta.db_table) == loaded
    else:
        assert _planner_row_estimate(Enrolment._meta.db_table) is None


@pytest.mark.django_db(transaction=True)
def test_an_import_outside_a_transaction_vacuums_what_it_rewrote(tmp_path, capsys):
    """Run as the command runs (no transaction around it), the import also
    vacuums on PostgreSQL: the dead rows of the summaries it rewrote are gone
    from the planner's view of the table."""
    write(tmp_path / "eerstejaars.csv", HBO_FIRST_YEARS)
    table = Enrolment._meta.db_table
    before = _last_vacuum(table)
    run(tmp_path, capsys)
    if connection.vendor == "postgresql":
        after = _last_vacuum(table)
        assert after is not None and (before is None or after > before)
    else:
        assert _planner_row_estimate(table) is None


def _last_vacuum(table: str):
    """When PostgreSQL last vacuumed the table by request (None: never)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = %s", [table]
        )
        return cursor.fetchone()[0]
