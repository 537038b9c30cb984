"""manage.py fetch_cbs against a local imitation of CBS's OData feed, never CBS.

A good answer is written as the shipped StatLine exports are, byte for byte in
form, into its own folder of a temporary OPENDATA_DIR, recorded in the manifest
and imported: the newest cohort is what a study's page shows, the older ones stay.
Anything else (an HTTP error, an unreachable server, other columns, no rows, an
HTML page) is refused with a message, exit status 1 and nothing changed.
"""

import hashlib
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import ManagementUtility, call_command
from django.db import connections

from labour_market.models import Gender, HourlyWage, PositionCount
from labour_market.selectors import labour_market_contexts
from programmes.models import ImportRun, Level, Sector
from tests.labour_market.fake_cbs import FakeCbs
from tests.programmes.factories import StudyFactory

SHIPPED = Path(settings.BASE_DIR) / "data"
FOLDER = "cbs-arbeidsmarkt-ho-current"
NAMES = (
    "85776NED-arbeidsmarktpositie-totaal.csv",
    "85776NED-arbeidsmarktpositie-geslacht.csv",
    "83815NED-uurloon-studierichting.csv",
    "83815NED-uurloon-geslacht.csv",
    "83815NED-uurloon-totaal.csv",
)
POSITIONS_TOTAL = f"{FOLDER}/{NAMES[0]}"
WAGES_BY_SECTOR = f"{FOLDER}/{NAMES[2]}"
WAGES_TOTAL = f"{FOLDER}/{NAMES[4]}"


@pytest.fixture(autouse=True)
def english(english):
    """The messages in their msgid form."""
    return english


@pytest.fixture
def opendata(tmp_path, settings):
    """An OPENDATA_DIR of its own with the shipped manifest (never data/)."""
    directory = tmp_path / "data"
    directory.mkdir()
    shutil.copy(SHIPPED / "MANIFEST.json", directory / "MANIFEST.json")
    settings.OPENDATA_DIR = directory
    return directory


@pytest.fixture
def cbs(httpserver, settings) -> FakeCbs:
    settings.CBS_ODATA_URL = httpserver.url_for("/").rstrip("/")
    fake = FakeCbs(base_url=settings.CBS_ODATA_URL)
    httpserver.expect_request(re.compile("^/ODataFeed/.*")).respond_with_handler(fake)
    return fake


def call(*args) -> str:
    out = io.StringIO()
    call_command("fetch_cbs", "--no-progress", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def fetch(capsys, *args) -> tuple[int, str, str]:
    """Run the command as `manage.py fetch_cbs` would: exit code, output.

    manage.py closes the database connections when a command fails; in a test
    that would end the test's own transaction (on PostgreSQL), so the test can
    still read the database afterwards, they stay open here."""
    try:
        with mock.patch.object(connections, "close_all"):
            utility = ManagementUtility(
                ["manage.py", "fetch_cbs", "--no-progress", *args]
            )
            utility.execute()
        code = 0
    except SystemExit as exit:
        code = exit.code
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def manifest(directory: Path) -> dict[str, dict]:
    data = json.loads((directory / "MANIFEST.json").read_text(encoding="utf-8"))
    return {entry["path"]: entry for entry in data["files"]}


def lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


# --- The files ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_files_are_written_as_statline_exports_them(opendata, cbs):
    call()

    for name in NAMES:
        data = (opendata / FOLDER / name).read_bytes()
        shipped = (SHIPPED / "cbs-arbeidsmarkt-ho-2015-16" / name).read_bytes()
        # BOM, the same header (StatLine's titles), ; and quotes, CRLF only.
        assert data.startswith(b"\xef\xbb\xbf")
        assert lines(data)[0] == lines(shipped)[0]
        assert b"\n" not in data.replace(b"\r\n", b"")
        for line in lines(data)[1:]:
            assert re.fullmatch(rb'"[^"]*"(;"[^"]*")*', line), line

    positions = lines((opendata / POSITIONS_TOTAL).read_bytes())
    # 1 gender x 2 levels x 5 positions x 2 sectors x 3 moments x 2 periods, in
    # StatLine's order: by column, each in CBS's order of its categories.
    assert len(positions) == 1 + 120
    assert positions[1:3] == [
        b'"Totaal";"Geen internationale student";"Hbo-bachelor";'
        b'"Met werk, zonder uitkering";"Techniek";"Direct na verlaten onderwijs";'
        b'"2015/\'16";"     740"',
        b'"Totaal";"Geen internationale student";"Hbo-bachelor";'
        b'"Met werk, zonder uitkering";"Techniek";"Direct na verlaten onderwijs";'
        b'"2022/\'23";"     740"',
    ]
    assert (
        b'"Totaal";"Geen internationale student";"Wo-master";'
        b'"Met werk, zonder uitkering";"Techniek";"1 jaar na verlaten onderwijs";'
        b'"2022/\'23";"     900"' in positions
    )
    # Suppressed cells: "." in eight characters, as StatLine writes them.
    assert (
        b'"Totaal";"Geen internationale student";"Hbo-bachelor";"Terug in onderwijs";'
        b'"Techniek";"Direct na verlaten onderwijs";"2015/\'16";"       ."' in positions
    )
    wages = lines((opendata / WAGES_BY_SECTOR).read_bytes())
    assert (
        b'"Totaal";"Wo-master";"A-U Alle economische activiteiten";"Techniek";'
        b'"1 jaar na verlaten onderwijs";"2022/\'23";"   25.50"' in wages
    )
    assert (
        b'"Totaal";"Wo-master";"A-U Alle economische activiteiten";"Economie";'
        b'"5 jaar na verlaten onderwijs";"2022/\'23";"       ."' in wages
    )
    totals = lines((opendata / WAGES_TOTAL).read_bytes())
    assert len(totals) == 1 + 2 * 3 * 2
    assert all(b';"Totaal";' in line for line in totals[1:])


def test_the_filter_asks_cbs_for_the_portals_slice_only(opendata, cbs, capsys):
    code, _out, err = fetch(capsys, "--no-import")

    assert code == 0, err
    # Every page of the answer was asked for with the filter (cbsodata follows
    # CBS's odata.nextLink).
    assert len(cbs.data_requests) > 2
    assert all(cbs.data_requests)
    positions_query, wages_query = cbs.data_requests[0], cbs.data_requests[-1]
    assert "(Persoonskenmerken eq '2012650')" in positions_query
    assert "(BedrijfstakkenSBI2008 eq 'T001081')" in wages_query
    assert "Geslacht eq '3000   '" in positions_query
    assert "Onbekend" not in positions_query and "2018199" not in positions_query
    # The positions: the CROHO sectors; the wages also CBS's total of them.
    assert "Studierichting eq 'T001072'" not in positions_query
    assert "Studierichting eq 'T001072'" in wages_query


def test_the_manifest_and_provenance_say_where_the_files_came_from(
    opendata, cbs, capsys
):
    before = manifest(opendata)
    code, _out, err = fetch(capsys, "--no-import")

    assert code == 0, err
    after = manifest(opendata)
    assert {path: entry for path, entry in after.items() if path in before} == before
    for name in NAMES:
        entry = after[f"{FOLDER}/{name}"]
        data = (opendata / FOLDER / name).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["licence"] == "CC-BY-4.0"
        assert entry["publisher"] == "CBS (Centraal Bureau voor de Statistiek)"
        assert entry["source_url"] == (f"{cbs.base_url}/ODataFeed/odata/{name[:8]}/")
        assert entry["obtained_from"].startswith("manage.py fetch_cbs, ")
    provenance = (opendata / FOLDER / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "licence CC BY 4.0" in provenance
    assert "Written by `manage.py fetch_cbs` on " in provenance
    assert f"{cbs.base_url}/ODataFeed/odata/85776NED/ | 2015/'16, 2022/'23 |" in (
        provenance
    )
    tiny = hashlib.sha256((opendata / WAGES_TOTAL).read_bytes()).hexdigest()
    assert f"| `83815NED-uurloon-totaal.csv` | 83815NED | 12 | `{tiny}` |" in provenance


# --- The database and the page ----------------------------------------------------


@pytest.mark.django_db
def test_both_cohorts_are_stored_and_a_study_shows_the_newer(opendata, cbs):
    out = call()

    assert set(PositionCount.objects.values_list("cohort", flat=True)) == {2015, 2022}
    assert set(HourlyWage.objects.values_list("cohort", flat=True)) == {2015, 2022}
    suppressed = HourlyWage.objects.get(
        cohort=2022,
        level="wo_master",
        sector=Sector.ECONOMY,
        gender=Gender.TOTAL,
        years_after=5,
    )
    assert suppressed.wage is None
    assert ImportRun.objects.count() == 5
    assert f"Wrote {POSITIONS_TOTAL}.\n" in out
    assert (
        "85776NED-arbeidsmarktpositie-totaal.csv [CBS 85776NED: labour-market "
        "position after leaving]: rows: 120 read, 120 imported, 0 rejected; "
        "records: 120 new, 0 changed, 0 unchanged" in out
    )
    assert "Done: rows: " in out

    study = StudyFactory(level=Level.WO_MA, sector=Sector.ENGINEERING)
    context = labour_market_contexts([study])[study.pk]
    assert context.cohort == 2022
    assert context.cohort_label == "2022/'23"
    one_year, five_years = context.moments
    assert (one_year.years_after, one_year.graduates) == (1, 1000)
    assert one_year.work.value == Decimal("92.0")  # (900 + 20) / 1000
    assert one_year.benefits.value == Decimal("5.0")  # (20 + 30) / 1000
    assert one_year.education.value == Decimal("1.0")
    assert five_years.work.value == Decimal("96.0")
    assert context.wage.value == Decimal("25.50")
    assert context.wage_level.value == Decimal("24.12")


@pytest.mark.django_db
def test_a_newer_period_is_added_and_the_older_cohorts_stay(opendata, cbs):
    cbs.periods = [2015]
    call()
    first = (opendata / POSITIONS_TOTAL).read_bytes()
    assert set(PositionCount.objects.values_list("cohort", flat=True)) == {2015}

    cbs.periods = [2022]  # even a table that no longer has 2015/'16
    out = call()

    assert (
        "Replaced cbs-arbeidsmarkt-ho-current/85776NED-arbeidsmarktpositie-totaal.csv; "
        "the previous copy is 85776NED-arbeidsmarktpositie-totaal.csv.previous." in out
    )
    assert (opendata / (POSITIONS_TOTAL + ".previous")).read_bytes() == first
    assert b"2022/'23" in (opendata / POSITIONS_TOTAL).read_bytes()
    assert set(PositionCount.objects.values_list("cohort", flat=True)) == {2015, 2022}
    study = StudyFactory(level=Level.WO_MA, sector=Sector.ENGINEERING)
    assert labour_market_contexts([study])[study.pk].cohort == 2022


@pytest.mark.django_db
def test_an_unchanged_table_replaces_and_imports_nothing(opendata, cbs):
    call()
    before = snapshot(opendata)
    runs = ImportRun.objects.count()
    out = call()

    assert "unchanged." in out
    assert "No file changed: nothing replaced or imported." in out
    assert snapshot(opendata) == before
    assert ImportRun.objects.count() == runs


@pytest.mark.django_db
def test_a_dry_run_fetches_and_checks_but_changes_nothing(opendata, cbs):
    before = snapshot(opendata)
    out = call("--dry-run")

    assert "85776NED: fetching from " in out
    assert "periods: 2015/'16, 2022/'23" in out
    assert "cbs-arbeidsmarkt-ho-current/83815NED-uurloon-totaal.csv: 12 rows, " in out
    assert "new file." in out
    assert "Dry run: no file was changed, nothing imported." in out
    assert snapshot(opendata) == before
    assert not PositionCount.objects.exists()
    assert not ImportRun.objects.exists()


# --- Refused: nothing changes, exit status 1 ----------------------------------------


def renamed_column(fake):
    prop = fake.tables["85776NED"].properties[4]
    prop["Title"] = "Studierichting (CROHO)"


def other_unit(fake):
    fake.tables["83815NED"].properties[-1]["Unit"] = "euro per maand"


def no_rows(fake):
    fake.tables["83815NED"].value = lambda cells: 1.0
    fake.periods = []


def no_population(fake):
    fake.tables["85776NED"].categories["Persoonskenmerken"] = [("T001175", "Totaal")]


def not_a_number(fake):
    fake.tables["83815NED"].value = lambda cells: "veel"


def broken(part, body, status, content_type="text/plain"):
    def breaks(fake):
        fake.broken[("83815NED", part)] = (body, status, content_type)

    return breaks


REFUSED = {
    "a server error": (
        broken("TypedDataSet", "oops", 500),
        "83815NED/TypedDataSet answered HTTP 500 (INTERNAL SERVER ERROR).",
    ),
    "an unknown table": (
        broken("TableInfos", "Not Found", 404),
        "odata/83815NED/TableInfos answered HTTP 404 (NOT FOUND).",
    ),
    "an HTML page": (
        broken("DataProperties", "<html><body>Onderhoud</body></html>", 200),
        "83815NED/ sent no OData answer CBS would send",
    ),
    "no table information": (
        broken("TableInfos", '{"value": []}', 200, "application/json"),
        "83815NED/: CBS does not know the table 83815NED.",
    ),
    "a renamed column": (
        renamed_column,
        "85776NED/: the table's columns are not the ones the import reads; missing: "
        "Studierichting; unexpected: Studierichting (CROHO).",
    ),
    "another unit": (
        other_unit,
        "missing: Uurloon werknemers na verlaten ho (euro); unexpected: -.",
    ),
    "no population of the portal's": (
        no_population,
        "the column Persoonskenmerken has none of the categories the portal shows.",
    ),
    "a value that is no number": (
        not_a_number,
        "83815NED/ sent no OData answer CBS would send (InvalidOperation(",
    ),
    "a table without periods": (
        no_rows,
        "the column Perioden has none of the categories the portal shows.",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("breaks, message", REFUSED.values(), ids=REFUSED.keys())
def test_a_bad_answer_is_refused_and_changes_nothing(
    opendata, cbs, capsys, breaks, message
):
    call("--no-import")  # a previous fetch, which must stay as it is
    PositionCount.objects.all().delete()
    before = snapshot(opendata)
    breaks(cbs)
    code, out, err = fetch(capsys)

    assert code == 1
    assert message in err
    assert f"Nothing was changed in {opendata}." in err
    assert "Wrote" not in out and "Replaced" not in out
    assert snapshot(opendata) == before
    assert not PositionCount.objects.exists()


@pytest.mark.django_db
def test_a_table_without_rows_is_refused(opendata, cbs, capsys):
    before = snapshot(opendata)
    cbs.tables["83815NED"].records = lambda periods: []
    code, _out, err = fetch(capsys)

    assert code == 1
    assert "83815NED/: the table 83815NED has no rows in the portal's selection." in err
    assert snapshot(opendata) == before
    assert not PositionCount.objects.exists()


def test_an_unreachable_server_is_refused(opendata, settings, capsys):
    settings.CBS_ODATA_URL = "http://127.0.0.1:9"
    before = snapshot(opendata)
    code, _out, err = fetch(capsys)

    assert code == 1
    assert "Could not reach http://127.0.0.1:9/ODataFeed/odata/85776NED/: " in err
    assert snapshot(opendata) == before


def test_an_address_that_is_not_http_is_refused(opendata, settings, capsys):
    settings.CBS_ODATA_URL = "ftp://opendata.cbs.nl"
    code, _out, err = fetch(capsys)

    assert code == 1
    assert "CBS_ODATA_URL ftp://opendata.cbs.nl is not an http(s) address." in err
