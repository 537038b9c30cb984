"""The CBS importer on small files in CBS's exact format: each table recognised by
its header, "." and "" stored as no value (never 0), every row imported or
rejected with its reason and column, a malformed number refusing the file, and
re-imports that add cohorts without losing any."""

import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from labour_market.importing import cbs_import
from labour_market.models import Gender, HourlyWage, Position, PositionCount
from programmes.importing.csvfile import ImportFileError
from programmes.importing.kinds import IMPORT_KINDS
from programmes.importing.runner import opendata_plan
from programmes.models import ImportRun, RejectedRow
from tests.labour_market.cbs_files import (
    POSITIONS_HEADER,
    SUPPRESSED,
    WAGES_HEADER,
    cbs_file,
    cohort_rows,
    count,
    position_row,
    positions_file,
    wage_row,
    wages_file,
)
from tests.programmes.factories import DataSourceFactory

pytestmark = pytest.mark.django_db

GRADUATES = "Uitstromers ho (aantal)"
WAGE = "Uurloon werknemers na verlaten ho (euro)"


def cells() -> list[tuple]:
    return list(
        PositionCount.objects.order_by(
            "cohort", "sector", "years_after", "position"
        ).values_list(
            "cohort",
            "level",
            "sector",
            "gender",
            "years_after",
            "position",
            "graduates",
        )
    )


# Each table, recognised by its header


def test_the_positions_table_is_recognised_by_its_header_and_imported():
    data = positions_file(
        [
            position_row(count(4370)),
            position_row(count(50), position="Met werk, met uitkering"),
            position_row(count(120), gender="Vrouwen", sector="Gezondheidszorg"),
            position_row(count(0), moment="Direct na verlaten onderwijs"),
        ]
    )

    result = cbs_import(data=data, file_name="85776NED.csv")

    assert (result.rows, result.created, result.rejected) == (4, 4, 0)
    assert cells() == [
        (2015, "hbo_bachelor", "GEZONDHEIDSZORG", "women", 1, "work", 120),
        (2015, "hbo_bachelor", "TECHNIEK", "total", 0, "work", 0),
        (2015, "hbo_bachelor", "TECHNIEK", "total", 1, "work", 4370),
        (2015, "hbo_bachelor", "TECHNIEK", "total", 1, "work_benefits", 50),
    ]
    assert not HourlyWage.objects.exists()
    run = ImportRun.objects.get()
    assert (run.kind, run.file_name, run.rows, run.created) == (
        "cbs-85776ned",
        "85776NED.csv",
        4,
        4,
    )
    assert run.dataset.key == "cbs-85776ned"
    assert run.dataset.name_nl == "CBS, StatLine 85776NED"
    assert run.dataset.url.endswith("/dataset/85776NED/table")
    assert set(PositionCount.objects.values_list("source", "import_run")) == {
        (run.dataset.pk, run.pk)
    }


def test_the_wages_table_is_recognised_by_its_header_and_imported():
    data = wages_file(
        [
            wage_row("   16.34"),
            wage_row(
                "   22.84", sector="Totaal", moment="5 jaar na verlaten onderwijs"
            ),
            wage_row("   18.96", level="Wo-master", gender="Mannen"),
        ]
    )

    result = cbs_import(data=data, file_name="83815NED.csv")

    assert (result.rows, result.created, result.rejected) == (3, 3, 0)
    assert list(
        HourlyWage.objects.order_by("level", "sector", "gender").values_list(
            "level", "sector", "gender", "years_after", "wage"
        )
    ) == [
        ("hbo_bachelor", "", "total", 5, Decimal("22.84")),
        ("hbo_bachelor", "TECHNIEK", "total", 1, Decimal("16.34")),
        ("wo_master", "TECHNIEK", "men", 1, Decimal("18.96")),
    ]
    assert not PositionCount.objects.exists()
    run = ImportRun.objects.get()
    assert (run.kind, run.dataset.key) == ("cbs-83815ned", "cbs-83815ned")


def test_the_columns_are_found_by_name_in_any_order():
    order = [7, 6, 5, 4, 3, 2, 1, 0]
    header = tuple(POSITIONS_HEADER[i] for i in order)
    row = tuple(position_row(count(990))[i] for i in order)

    cbs_import(data=cbs_file(header, [row]), file_name="85776NED.csv")

    assert cells() == [(2015, "hbo_bachelor", "TECHNIEK", "total", 1, "work", 990)]


def test_the_full_import_takes_both_tables_by_their_header(tmp_path):
    (tmp_path / "a.csv").write_bytes(positions_file([position_row()]))
    (tmp_path / "b.csv").write_bytes(wages_file([wage_row()]))
    (tmp_path / "c.csv").write_bytes(b"x;y\r\n1;2\r\n")

    plan = opendata_plan(tmp_path)

    assert [(path.name, service) for path, service in plan.files] == [
        ("a.csv", cbs_import),
        ("b.csv", cbs_import),
    ]
    assert [path.name for path, _reason in plan.skipped] == ["c.csv"]


@pytest.mark.django_db(transaction=True)
def test_a_file_with_neither_value_column_is_refused_and_writes_nothing(english):
    header = tuple(name for name in POSITIONS_HEADER if name != GRADUATES)
    data = cbs_file((*header, "Uitstromers ho (%)"), [position_row(" 90.7")])

    with pytest.raises(ImportFileError) as refused:
        cbs_import(data=data, file_name="85776NED-percentages.csv")

    assert str(refused.value) == (
        "The header has neither 'Uitstromers ho (aantal)' nor 'Uurloon werknemers "
        "na verlaten ho (euro)': this is not one of CBS's tables 85776NED or "
        "83815NED."
    )
    assert refused.value.line == 1
    assert not ImportRun.objects.exists()
    assert not RejectedRow.objects.exists()
    assert not PositionCount.objects.exists()
    assert not HourlyWage.objects.exists()


def test_a_file_lacking_another_column_is_refused_naming_it(english):
    header = tuple(name for name in WAGES_HEADER if name != "Peilmoment")
    row = tuple(
        value for value in wage_row() if value != "1 jaar na verlaten onderwijs"
    )

    with pytest.raises(ImportFileError, match="lacks the column\\(s\\) Peilmoment"):
        cbs_import(data=cbs_file(header, [row]), file_name="83815NED.csv")

    assert not ImportRun.objects.exists()
    assert not HourlyWage.objects.exists()


# No value is never 0


def test_a_suppressed_or_empty_count_is_stored_as_no_value_not_zero():
    data = positions_file(
        cohort_rows((SUPPRESSED, "", 0, count(10), "")),
    )

    result = cbs_import(data=data, file_name="85776NED.csv")

    assert (result.created, result.rejected) == (5, 0)
    graduates = dict(PositionCount.objects.values_list("position", "graduates"))
    assert graduates == {
        Position.WORK: None,
        Position.WORK_AND_BENEFITS: None,
        Position.BENEFITS: 0,
        Position.NEITHER: 10,
        Position.EDUCATION: None,
    }
    assert PositionCount.objects.filter(graduates=0).count() == 1


def test_a_suppressed_or_empty_wage_is_stored_as_no_value_not_zero():
    data = wages_file(
        [
            wage_row(SUPPRESSED, sector="Natuur"),
            wage_row("", sector="Recht"),
            wage_row("   16.34", sector="Techniek"),
        ]
    )

    result = cbs_import(data=data, file_name="83815NED.csv")

    assert (result.created, result.rejected) == (3, 0)
    assert dict(HourlyWage.objects.values_list("sector", "wage")) == {
        "NATUUR": None,
        "RECHT": None,
        "TECHNIEK": Decimal("16.34"),
    }


@pytest.mark.parametrize(
    ("period", "moment", "cohort", "years_after"),
    [
        ("2015/'16", "Direct na verlaten onderwijs", 2015, 0),
        ("2015/2016", "5 jaar na verlaten onderwijs", 2015, 5),
        ("1999/'00", "1 jaar na verlaten onderwijs", 1999, 1),
        ("2022 / '23", "2  jaar na verlaten  onderwijs", 2022, 2),
        ("2022/'23*", "1 jaar na verlaten onderwijs", 2022, 1),  # provisional
    ],
)
def test_cbss_periods_and_moments_are_read(period, moment, cohort, years_after):
    data = positions_file([position_row(count(10), period=period, moment=moment)])

    result = cbs_import(data=data, file_name="85776NED.csv")

    assert result.rejected == 0
    assert PositionCount.objects.values_list("cohort", "years_after").get() == (
        cohort,
        years_after,
    )


# Every row imported or rejected, with its reason and column

POSITION_REJECTIONS = [
    (
        {"level": "Hbo-associate degree"},
        "a level the portal does not show (hbo and wo bachelors and masters only)",
        "Uitstromers ho met en zonder diploma",
    ),
    (
        {"level": "Wo-master zonder diploma"},
        "a level the portal does not show (hbo and wo bachelors and masters only)",
        "Uitstromers ho met en zonder diploma",
    ),
    (
        {"sector": "Sport"},
        "a sector (studierichting) that is no CROHO sector",
        "Studierichting",
    ),
    (
        {"gender": "Onbekend"},
        "a gender other than Totaal, Mannen or Vrouwen",
        "Geslacht",
    ),
    (
        {"position": "Met werk, onbekend"},
        "an unknown labour-market position",
        "Arbeidsmarktpositie",
    ),
    (
        {"moment": "Halfjaar na verlaten onderwijs"},
        "an unknown moment (peilmoment)",
        "Peilmoment",
    ),
    (
        {"period": "2015"},
        "a period that is no academic year such as 2015/'16",
        "Perioden",
    ),
    (
        {"period": "2015/'17"},
        "a period that is no academic year such as 2015/'16",
        "Perioden",
    ),
    (
        {"population": "Internationale student"},
        "graduates other than those who are no international students",
        "Persoonskenmerken",
    ),
    (
        {"population": "Totaal"},
        "graduates other than those who are no international students",
        "Persoonskenmerken",
    ),
    (
        {},  # the first row's cell again
        "the same cell (period, level, sector, gender, moment) twice",
        "",
    ),
]


@pytest.mark.parametrize(("fields", "reason", "column"), POSITION_REJECTIONS)
def test_a_position_row_is_rejected_with_its_reason_and_column(fields, reason, column):
    rejected = position_row(count(30), **fields)
    data = positions_file([position_row(count(4370)), rejected])

    result = cbs_import(data=data, file_name="85776NED.csv")

    assert (result.rows, result.rows_imported, result.rejected) == (2, 1, 1)
    assert result.rows == result.rows_imported + result.rejected
    assert (result.created, result.changed, result.unchanged) == (1, 0, 0)
    # The accepted row is the first: a duplicate does not overwrite it.
    assert cells() == [(2015, "hbo_bachelor", "TECHNIEK", "total", 1, "work", 4370)]
    kept = RejectedRow.objects.get(import_run=ImportRun.objects.get())
    assert (kept.line, kept.reason, kept.column) == (3, reason, column)
    assert json.loads(kept.values) == dict(zip(POSITIONS_HEADER, rejected, strict=True))


WAGE_REJECTIONS = [
    (
        {"industry": "B-F Nijverheid en energie"},
        "an industry other than all economic activities",
        "Bedrijfstakken (SBI 2008)",
    ),
    (
        {"level": "Hbo-associate degree"},
        "a level the portal does not show (hbo and wo bachelors and masters only)",
        "Uitstromers ho met en zonder diploma",
    ),
    (
        {"sector": "Onbekend"},
        "a sector (studierichting) that is no CROHO sector",
        "Studierichting",
    ),
    (
        {"value": " 1250.00", "sector": "Recht"},
        "an hourly wage outside 0–1000 euros",
        WAGE,
    ),
    (
        {"value": "    0.00", "sector": "Recht"},
        "an hourly wage outside 0–1000 euros",
        WAGE,
    ),
    (
        {"value": "   -3.10", "sector": "Recht"},
        "an hourly wage outside 0–1000 euros",
        WAGE,
    ),
    (
        {"value": "   17.00"},  # the first row's cell again
        "the same cell (period, level, sector, gender, moment) twice",
        "",
    ),
]


@pytest.mark.parametrize(("fields", "reason", "column"), WAGE_REJECTIONS)
def test_a_wage_row_is_rejected_with_its_reason_and_column(fields, reason, column):
    rejected = wage_row(**fields)
    data = wages_file([wage_row("   16.34"), rejected])

    result = cbs_import(data=data, file_name="83815NED.csv")

    assert (result.rows, result.rows_imported, result.rejected) == (2, 1, 1)
    assert HourlyWage.objects.get().wage == Decimal("16.34")
    kept = RejectedRow.objects.get(import_run=ImportRun.objects.get())
    assert (kept.line, kept.reason, kept.column) == (3, reason, column)
    assert json.loads(kept.values) == dict(zip(WAGES_HEADER, rejected, strict=True))


def test_the_import_run_keeps_every_rejected_row_and_the_counts_add_up():
    accepted = cohort_rows((4370, 50, 30, 200, 150))
    rejected = [
        position_row(**fields) for fields, _reason, _column in POSITION_REJECTIONS
    ]
    data = positions_file([*accepted, *rejected])

    result = cbs_import(data=data, file_name="85776NED.csv")

    expected = len(accepted) + len(rejected)
    assert (result.rows, result.rows_imported, result.rejected) == (
        expected,
        len(accepted),
        len(rejected),
    )
    assert result.rows == result.rows_imported + result.rejected
    assert result.created == len(accepted) == PositionCount.objects.count()
    run = ImportRun.objects.get()
    assert (run.rows, run.created, run.rejected) == (expected, 5, len(rejected))
    kept = RejectedRow.objects.filter(import_run=run).order_by("line")
    assert [(row.line, row.reason, row.column) for row in kept] == [
        (line, reason, column)
        for line, (_fields, reason, column) in enumerate(
            POSITION_REJECTIONS, start=2 + len(accepted)
        )
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("data", "line", "column", "value"),
    [
        (
            positions_file([position_row(count(10)), position_row("   1.240")]),
            3,
            GRADUATES,
            "'1.240' is not a whole number",
        ),
        (
            positions_file([position_row(count(10)), position_row("      -10")]),
            3,
            GRADUATES,
            "'-10' is not a whole number",
        ),
        (
            wages_file([wage_row("  16,34"), wage_row("   16.3x", sector="Recht")]),
            3,
            WAGE,
            "'16.3x' is not a number",
        ),
    ],
)
def test_a_malformed_number_refuses_the_whole_file(english, data, line, column, value):
    with pytest.raises(ImportFileError) as refused:
        cbs_import(data=data, file_name="cbs.csv")

    assert str(refused.value) == f"Line {line}, column {column}: {value}."
    assert (refused.value.line, refused.value.column) == (line, column)
    assert not ImportRun.objects.exists()
    assert not PositionCount.objects.exists()
    assert not HourlyWage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_holds_one_value_per_cell():
    source = DataSourceFactory(key="cbs-85776ned")
    PositionCount.objects.create(
        source=source,
        cohort=2015,
        level="hbo_bachelor",
        sector="TECHNIEK",
        gender=Gender.TOTAL,
        years_after=1,
        position=Position.WORK,
        graduates=10,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionCount.objects.create(
            source=source,
            cohort=2015,
            level="hbo_bachelor",
            sector="TECHNIEK",
            gender=Gender.TOTAL,
            years_after=1,
            position=Position.WORK,
            graduates=20,
        )
    wage = {"cohort": 2015, "level": "wo_master", "gender": "total", "years_after": 1}
    HourlyWage.objects.create(source=source, sector="", **wage)
    HourlyWage.objects.create(source=source, sector="RECHT", **wage)
    with pytest.raises(IntegrityError), transaction.atomic():
        HourlyWage.objects.create(source=source, sector="", **wage)
    assert PositionCount.objects.get().graduates == 10
    assert HourlyWage.objects.count() == 2


# Importing again


@pytest.mark.django_db(transaction=True)
def test_importing_the_same_file_again_changes_nothing():
    data = positions_file(cohort_rows((4370, 50, SUPPRESSED, 200, "")))
    wages = wages_file([wage_row("   16.34"), wage_row(SUPPRESSED, sector="Natuur")])
    cbs_import(data=data, file_name="85776NED.csv")
    cbs_import(data=wages, file_name="83815NED.csv")
    before = cells()

    again = cbs_import(data=data, file_name="85776NED.csv")
    wages_again = cbs_import(data=wages, file_name="83815NED.csv")

    assert (again.created, again.changed, again.unchanged) == (0, 0, 5)
    assert (wages_again.created, wages_again.changed, wages_again.unchanged) == (
        0,
        0,
        2,
    )
    assert cells() == before
    assert ImportRun.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_wage_with_more_decimals_is_kept_in_cents_and_unchanged_when_imported_again():
    data = wages_file(
        [
            wage_row("  16.345"),
            wage_row("  999.995", sector="Recht"),
            wage_row(" 12345678901234567890123456789012.5", sector="Natuur"),
        ]
    )

    first = cbs_import(data=data, file_name="83815NED.csv")
    again = cbs_import(data=data, file_name="83815NED.csv")

    assert HourlyWage.objects.get().wage == Decimal("16.35")  # halves up
    assert first.rejected_reasons == {"an hourly wage outside 0–1000 euros": 2}
    assert (again.created, again.changed, again.unchanged) == (0, 0, 1)


def test_a_changed_value_is_updated_and_a_suppressed_one_becomes_no_value():
    cbs_import(
        data=positions_file(cohort_rows((4370, 50, 30, 200, 150))),
        file_name="85776NED.csv",
    )
    result = cbs_import(
        data=positions_file(cohort_rows((4380, 50, SUPPRESSED, 200, 150))),
        file_name="85776NED.csv",
    )

    assert (result.created, result.changed, result.unchanged) == (0, 2, 3)
    graduates = dict(PositionCount.objects.values_list("position", "graduates"))
    assert graduates[Position.WORK] == 4380
    assert graduates[Position.BENEFITS] is None
    latest = ImportRun.objects.order_by("-pk").first()
    assert PositionCount.objects.filter(import_run=latest).count() == 2


def test_importing_a_second_cohort_keeps_the_first_cohorts_cells():
    cbs_import(
        data=positions_file(cohort_rows((4370, 50, 30, 200, 150))),
        file_name="85776NED-2015.csv",
    )
    cbs_import(data=wages_file([wage_row("   16.34")]), file_name="83815NED-2015.csv")

    result = cbs_import(
        data=positions_file(cohort_rows((4500, 40, 20, 210, 160), period="2016/'17")),
        file_name="85776NED-2016.csv",
    )
    cbs_import(
        data=wages_file([wage_row("   16.80", period="2016/2017")]),
        file_name="83815NED-2016.csv",
    )

    assert (result.created, result.changed, result.unchanged) == (5, 0, 0)
    by_cohort = {
        cohort: dict(
            PositionCount.objects.filter(cohort=cohort).values_list(
                "position", "graduates"
            )
        )
        for cohort in (2015, 2016)
    }
    assert by_cohort[2015][Position.WORK] == 4370
    assert by_cohort[2016][Position.WORK] == 4500
    assert dict(HourlyWage.objects.values_list("cohort", "wage")) == {
        2015: Decimal("16.34"),
        2016: Decimal("16.80"),
    }


# The ways staff import a file


@pytest.fixture
def _upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"


def test_the_upload_page_offers_cbs_files(admin_client, english):
    assert "cbs_labour_market" in IMPORT_KINDS
    page = admin_client.get(reverse("admin:programmes_importrun_upload"))
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    option = soup.select_one('select[name="kind"] option[value="cbs_labour_market"]')
    assert option.get_text() == (
        "CBS labour market of graduates (StatLine 85776NED or 83815NED)"
    )


@pytest.mark.usefixtures("_upload_dir")
def test_an_uploaded_cbs_file_is_previewed_then_imported(admin_client, admin_user):
    url = reverse("admin:programmes_importrun_upload")
    data = positions_file([*cohort_rows((4370, 50, 30, 200, 150)), position_row()])

    preview = admin_client.post(
        url,
        {
            "kind": "cbs_labour_market",
            "source_kind": "official",
            "file": SimpleUploadedFile("85776NED.csv", data, "text/csv"),
        },
    )

    assert preview.status_code == 200
    soup = BeautifulSoup(preview.content.decode(), "html.parser")
    counts = {
        cell["data-count"]: int(cell.get_text()) for cell in soup.select("[data-count]")
    }
    assert counts == {
        "rows": 6,
        "rows_imported": 5,
        "rejected": 1,
        "skipped": 0,
        "created": 5,
        "changed": 0,
        "unchanged": 0,
    }
    assert not PositionCount.objects.exists()
    assert not ImportRun.objects.exists()

    checksum = soup.select_one('input[name="checksum"]')["value"]
    admin_client.post(url, {"checksum": checksum})

    assert PositionCount.objects.count() == 5
    run = ImportRun.objects.get()
    assert (run.user, run.kind, run.rejected) == (admin_user, "cbs-85776ned", 1)


@pytest.mark.usefixtures("_upload_dir")
def test_an_uploaded_file_of_neither_table_is_refused_with_the_reason(
    admin_client, english
):
    data = cbs_file(("Geslacht", "Perioden", "Aantal"), [("Totaal", "2015/'16", "1")])

    response = admin_client.post(
        reverse("admin:programmes_importrun_upload"),
        {
            "kind": "cbs_labour_market",
            "source_kind": "official",
            "file": SimpleUploadedFile("other.csv", data, "text/csv"),
        },
    )

    assert response.status_code == 400
    assert "this is not one of CBS&#x27;s tables 85776NED or 83815NED" in (
        response.content.decode()
    )
    assert not ImportRun.objects.exists()


def test_the_full_import_of_a_folder_with_a_cbs_file_has_a_dry_run(
    tmp_path, capsys, english
):
    """No command imports one CBS file: the full import (import_opendata) takes
    them from its folder, and its dry run reports the real run's counts."""
    rows = [*cohort_rows((4370, 50, 30, 200, 150)), position_row(level="Hbo-ad")]
    (tmp_path / "85776NED.csv").write_bytes(positions_file(rows))

    call_command(
        "import_opendata", "--dir", str(tmp_path), "--no-progress", "--dry-run"
    )
    dry = capsys.readouterr().out.splitlines()
    assert not PositionCount.objects.exists()
    assert not ImportRun.objects.exists()

    call_command("import_opendata", "--dir", str(tmp_path), "--no-progress")
    real = capsys.readouterr().out.splitlines()
    assert dry == [*real, "Dry run: nothing was saved."]
    assert (
        "85776NED.csv [CBS 85776NED: labour-market position after leaving]: rows: 6 "
        "read, 5 imported, 1 rejected; records: 5 new, 0 changed, 0 unchanged; 0 "
        "lines skipped (blank or totals)"
    ) in real
    assert PositionCount.objects.count() == 5
