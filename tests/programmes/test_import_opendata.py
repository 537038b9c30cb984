"""Import the real DUO files once per module and check them against the raw CSV."""

import csv
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from demo.loader import demo_load
from programmes.importing.runner import import_file, opendata_files
from programmes.models import (
    Enrolment,
    EnrolmentFigureSource,
    ImportRun,
    Institution,
    Municipality,
    Programme,
)

pytestmark = pytest.mark.django_db


def data_dir() -> Path:
    return Path(settings.OPENDATA_DIR)


def raw_rows(relative: str, encoding: str, delimiter: str) -> list[dict]:
    with (data_dir() / relative).open(encoding=encoding, newline="") as file:
        reader = csv.DictReader(file, delimiter=delimiter)
        return [row for row in reader if row.get(reader.fieldnames[0]) is not None]


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """The real files imported once for the module, inside a transaction rolled
    back at the end (deleting the records one model at a time took about a
    minute); each test runs in a savepoint of it."""
    # The real files ship in the repository (data/, settings.OPENDATA_DIR):
    # their absence is a failure, never a skip.
    assert opendata_files(data_dir()), f"No DUO files in {data_dir()}"
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.perf_counter()
        results = {
            path.name: import_file(path, service)
            for path, service in opendata_files(data_dir())
        }
        elapsed = time.perf_counter() - started
        # PostgreSQL's deferred foreign-key checks, done once here rather than
        # at the end of every test.
        connection.check_constraints()
        yield results, elapsed
        transaction.set_rollback(True)


def test_programmes_per_level_match_the_raw_file(imported):
    rows = raw_rows("duo-rio-ho-erkenningen/ho_erkenningen_rio.csv", "utf-8", ",")
    expected = Counter(row["NIVEAU"] for row in rows)
    actual = Counter(Programme.objects.values_list("study__level", flat=True))
    assert actual == expected


def test_biomedical_sciences_master_has_seven_programmes(imported):
    assert (
        Programme.objects.filter(
            study__croho_code="66990", study__level="WO-MA"
        ).count()
        == 7
    )


def test_institutions_from_adressen_keep_their_details(imported):
    rows = raw_rows("duo-adressen-ho/01.-instellingen-hbo-en-wo.csv", "cp1252", ";")
    row = next(r for r in rows if r["INSTELLINGSCODE"] == "31FR")
    nhl = Institution.objects.get(brin="31FR")
    assert nhl.name_nl == row["INSTELLINGSNAAM"]
    assert nhl.website == "https://www.nhl.nl"
    assert nhl.postcode == "8917 DD"
    assert nhl.municipality.code == "0080"
    assert nhl.municipality.name_nl == "Leeuwarden"
    brins = {
        r["INSTELLINGSCODE"]
        for r in raw_rows("duo-rio-ho-erkenningen/ho_erkenningen_rio.csv", "utf-8", ",")
    } | {r["INSTELLINGSCODE"] for r in rows}
    assert set(Institution.objects.values_list("brin", flat=True)) == brins


def test_programme_details_come_from_the_catalogue(imported):
    programme = Programme.objects.filter(
        study__croho_code="66990", institution__brin="21PB"
    ).first()
    assert programme is not None
    assert programme.degree_en == "Master of Science"
    assert programme.ects == 120
    assert programme.funding == "government"


def test_artefact_lines_are_skipped_and_counted(imported):
    results, _elapsed = imported
    assert results["wo_inscriptions_2019.csv"].skipped_lines == 6
    assert results["wo_gediplomeerden_2019.csv"].skipped_lines == 5
    # One empty row and one totals row.
    assert results["eerstejaars.csv"].skipped_lines == 2


def test_graduates_per_institution_and_year_equal_the_raw_rows_that_map(imported):
    results, _elapsed = imported
    rows = raw_rows(
        "duo-gediplomeerden-wo-2014-2018/wo_gediplomeerden_2019.csv", "utf-8", ";"
    )
    mapped = Enrolment.objects.filter(
        programme__institution__brin="21PB", academic_year=2018
    )
    total = sum(e.graduates or 0 for e in mapped)
    keys = set(
        Programme.objects.filter(institution__brin="21PB").values_list(
            "study__croho_code", flat=True
        )
    )
    raw = sum(
        int(r["2018"])
        for r in rows
        if r["BRIN NUMMER ACTUEEL"] == "21PB" and r["OPLEIDINGSCODE ACTUEEL"] in keys
    )
    assert total > 0
    # Rows whose form or location matches no programme are rejected, not invented.
    assert total <= raw
    assert results["wo_gediplomeerden_2019.csv"].rejected > 0


def unique_programmes(brin: str, *, by_form: bool) -> dict[tuple, int]:
    """Keys that name exactly one programme: every raw row with such a key maps."""
    keys = Counter()
    ids = {}
    for pk, croho, form in Programme.objects.filter(institution__brin=brin).values_list(
        "pk", "study__croho_code", "form"
    ):
        key = (croho, form) if by_form else (croho,)
        keys[key] += 1
        ids[key] = pk
    return {key: ids[key] for key, count in keys.items() if count == 1}


FORMS = {
    "voltijd onderwijs": "full_time",
    "deeltijd onderwijs": "part_time",
    "duaal onderwijs": "dual",
}


@pytest.mark.parametrize("brin", ["21PB", "21PC", "21PM"])
def test_first_years_2019_equal_the_raw_rows_that_map(imported, brin):
    rows = raw_rows(
        "duo-eerstejaars-wo-2015-2019/wo_inscriptions_2019.csv", "utf-8", ";"
    )
    keys = unique_programmes(brin, by_form=True)
    raw = sum(
        int(row["2019"])
        for row in rows
        if row["BRIN NUMMER ACTUEEL"] == brin
        and (row["OPLEIDINGSCODE ACTUEEL"], FORMS[row["OPLEIDINGSVORM"]]) in keys
    )
    imported_sum = sum(
        Enrolment.objects.filter(
            programme_id__in=keys.values(), academic_year=2019
        ).values_list("first_years", flat=True)
    )
    assert raw > 0
    assert imported_sum == raw


def test_a_gender_without_first_years_has_no_row_and_shows_as_zero_percent(
    imported, client
):
    """DUO leaves out empty rows: this Leiden research master had only women in
    2019, so the file has no row for men. The import leaves the men's count empty
    and the page reads that gap as 0%, since the women are all first-years."""
    rows = raw_rows(
        "duo-eerstejaars-wo-2015-2019/wo_inscriptions_2019.csv", "utf-8", ";"
    )
    genders = {
        row["GESLACHT"]
        for row in rows
        if row["BRIN NUMMER ACTUEEL"] == "21PB"
        and row["OPLEIDINGSCODE ACTUEEL"] == "60159"
        and row["OPLEIDINGSVORM"] == "voltijd onderwijs"
    }
    assert genders == {"vrouw"}
    programme = Programme.objects.get(
        institution__brin="21PB", study__croho_code="60159", form="full_time"
    )
    latest = programme.enrolments.order_by("-academic_year").first()
    assert (latest.academic_year, latest.first_years) == (2019, 10)
    assert (latest.first_years_men, latest.first_years_women) == (None, 10)
    page = BeautifulSoup(
        client.get(programme.get_absolute_url()).content, "html.parser"
    )
    assert page.select_one('[data-figure="men"]').get_text(strip=True) == "0%"
    assert page.select_one('[data-figure="women"]').get_text(strip=True) == "100%"


def test_first_years_2013_from_the_wide_latin1_file(imported):
    """Leiden's rows count for its programmes in Leiden: the rows of programmes
    RIO lists at its The Hague campus only are rejected (docs/IMPORT.md)."""
    rows = raw_rows("duo-eerstejaars-wo-2013-2017/eerstejaars.csv", "latin-1", ";")
    keys = unique_programmes("21PB", by_form=True)
    places = dict(
        Programme.objects.filter(pk__in=keys.values()).values_list(
            "pk", "municipality__code"
        )
    )
    raw_men = sum(
        int(row["2013 MAN"])
        for row in rows
        if row["BRIN NUMMER ACTUEEL"] == "21PB"
        and (key := (row["OPLEIDINGSCODE ACTUEEL"], FORMS[row["OPLEIDINGSVORM"]]))
        in keys
        and places[keys[key]] == row["GEMEENTENUMMER"]
    )
    enrolments = Enrolment.objects.filter(
        programme_id__in=keys.values(), academic_year=2013
    )
    assert raw_men > 0
    assert sum(e.first_years_men or 0 for e in enrolments) == raw_men


def test_hbo_students_2024_equal_the_raw_rows_that_map(imported):
    rows = raw_rows(
        "duo-ingeschrevenen-hbo-2020-2024/ingeschrevenenhbo.csv", "utf-8", ","
    )
    keys = unique_programmes("25BE", by_form=False)
    raw = sum(
        int(row["AANTAL_INGESCHREVENEN"])
        for row in rows
        if row["STUDIEJAAR"] == "2024"
        and row["INSTELLINGSCODE_ACTUEEL"] == "25BE"
        and (row["OPLEIDINGSCODE_ACTUEEL"],) in keys
        and row["AANTAL_INGESCHREVENEN"] != "-1"
    )
    imported_sum = sum(
        Enrolment.objects.filter(
            programme_id__in=keys.values(), academic_year=2024
        ).values_list("students", flat=True)
    )
    assert raw > 0
    assert imported_sum == raw


def test_each_layout_is_recognised(imported):
    results, _elapsed = imported
    assert results["eerstejaars.csv"].layout.startswith("first-years (wide")
    assert results["wo_inscriptions_2019.csv"].layout.startswith("first-years (long")
    assert results["wo_gediplomeerden_2019.csv"].layout.startswith("graduates")
    assert results["ingeschrevenenhbo.csv"].layout.startswith("enrolled")
    assert Enrolment.objects.filter(students__gt=0).exists()
    assert Enrolment.objects.filter(first_years__gt=0, academic_year=2013).exists()


def test_every_enrolment_cites_its_source(imported):
    assert not Enrolment.objects.filter(sources=None).exists()


def test_second_import_changes_nothing(imported):
    for path, service in opendata_files(data_dir()):
        result = import_file(path, service)
        assert (result.created, result.changed) == (0, 0), path.name
    assert ImportRun.objects.filter(created=0, changed=0).count() >= 7


def test_staff_edits_survive_a_new_import(imported):
    from programmes.importing.programmes import programmes_import
    from programmes.services import programme_mark_edited

    programme = Programme.objects.filter(study__croho_code="66990").first()
    programme.name_nl = "Door redactie aangepast"
    programme.save()
    programme_mark_edited(programme=programme, fields=["name_nl"])
    path = data_dir() / "duo-rio-ho-erkenningen/ho_erkenningen_rio.csv"
    programmes_import(data=path.read_bytes(), file_name=path.name)
    programme.refresh_from_db()
    assert programme.name_nl == "Door redactie aangepast"


def test_import_opendata_command_reports_a_summary(imported, capsys):
    call_command("import_opendata", dir=str(data_dir()))
    out = capsys.readouterr().out
    assert "[1/16]" in out
    assert "records: 0 nieuw, 0 gewijzigd" in out
    # Shipped with the institutions, imported by nothing: said, not passed over.
    assert (
        "Overgeslagen: duo-adressen-ho/03.-bevoegde-gezagen-hbo-en-wo.csv: de "
        "kopregel past bij geen van de bestanden die de portal importeert."
    ) in out.splitlines()


def test_catalogue_details_language_and_english_name(imported):
    leiden = Programme.objects.get(
        study__croho_code="66990", institution__brin="21PB", form="full_time"
    )
    assert leiden.language == "en"
    assert leiden.name_en == "Biomedical Sciences"
    assert str(leiden.started_on) == "2002-09-01"
    assert leiden.municipality.name_nl == "Leiden"
    rows = raw_rows(
        "duo-rio-ho-opleidingsoverzicht/ho_opleidingsoverzicht.csv", "utf-8", ","
    )
    rio_codes = set(Programme.objects.values_list("rio_code", flat=True))
    bilingual = {
        row["OPLEIDINGSEENHEIDCODE"]
        for row in rows
        if row["SOORT"] == "OPLEIDING"
        and row["VOERTAAL"] == "ENG,NLD"
        and row["OPLEIDINGSEENHEIDCODE"] in rio_codes
    }
    imported_bilingual = set(
        Programme.objects.filter(language="nl_en").values_list("rio_code", flat=True)
    )
    assert bilingual
    # Units offered in Dutch in one form and English in another are bilingual too.
    assert bilingual <= imported_bilingual


def test_demo_figures_attach_to_the_real_leiden_programme(imported, client):
    """After a real import, load_demo adds figures to DUO's record, no duplicate."""
    real = Programme.objects.get(
        institution__brin="21PB", study__croho_code="66990", study__level="WO-MA"
    )
    reference = demo_load().reference_programme
    assert reference.pk == real.pk
    assert reference.source.is_real
    assert Programme.objects.filter(study=real.study).count() == 7
    response = client.get(reference.get_absolute_url())
    assert (
        "7 "
        in BeautifulSoup(response.content, "html.parser")
        .select_one("#satisfaction a[href*='study=']")
        .get_text()
    )


def test_leiden_has_136_programmes_as_on_the_reference_page(imported, client):
    """Studiekeuze123 counts 136 programmes in Leiden (shared/reference). DUO's
    catalogue has 210 records there, one per form: 174 government-funded ones,
    which are 136 programmes (a study at an institution), and 36 private ones.
    The figure cites that catalogue, not the demo source of the city's students."""
    reference = demo_load().reference_programme
    page = BeautifulSoup(
        client.get(reference.get_absolute_url()).content, "html.parser"
    )

    def text(selector):
        return page.select_one(selector).get_text(" ", strip=True)

    assert text('[data-figure="city-programmes"]') == "136"
    note = text('[data-note="city-programmes"]')
    assert "DUO/RIO, overzicht erkenningen ho" in note
    assert "Demo" not in note
    assert "Demo" in text('[data-note="city-students"]')


STATISTICS_FILES = (
    ("duo-eerstejaars-wo-2013-2017/eerstejaars.csv", "latin-1", ";"),
    ("duo-eerstejaars-wo-2015-2019/wo_inscriptions_2019.csv", "utf-8", ";"),
    ("duo-gediplomeerden-wo-2014-2018/wo_gediplomeerden_2019.csv", "utf-8", ";"),
    ("duo-ingeschrevenen-hbo-2020-2024/ingeschrevenenhbo.csv", "utf-8", ","),
)


def test_every_programme_in_a_municipality_with_a_cbs_code_has_it(imported):
    """RIO names a programme's municipality without its CBS code; the files that
    carry codes (addresses, statistics) name 's-Gravenhage (0518) and
    's-Hertogenbosch (0796) too, so their 468 programmes have a city. Left without
    one: the programmes in a municipality no coded file names, and those RIO
    gives no municipality."""
    coded = {
        row["GEMEENTENAAM"].lower()
        for relative, encoding, delimiter in STATISTICS_FILES
        for row in raw_rows(relative, encoding, delimiter)
        if row["GEMEENTENAAM"]  # artefact lines (`""`) have no columns
    } | {
        row["GEMEENTENAAM"].lower()
        for row in raw_rows(
            "duo-adressen-ho/01.-instellingen-hbo-en-wo.csv", "cp1252", ";"
        )
    }
    rows = raw_rows("duo-rio-ho-erkenningen/ho_erkenningen_rio.csv", "utf-8", ",")
    without = sum(1 for row in rows if row["GEMEENTENAAM"].lower() not in coded)
    assert without == 361
    assert Programme.objects.filter(municipality=None).count() == without


@pytest.mark.parametrize(
    ("code", "rio_name", "official_name"),
    [
        ("0518", "'s-Gravenhage", "’s-Gravenhage"),
        ("0796", "'s-Hertogenbosch", "’s-Hertogenbosch"),
    ],
)
def test_the_hague_and_den_bosch_city_pages_count_their_programmes(
    imported, client, code, rio_name, official_name
):
    """Counted as on every city page: a government-funded study at an institution
    (docs: programmes.selectors.city_programme_count), here rebuilt from RIO's rows:
    85 in The Hague, 62 in 's-Hertogenbosch."""
    rows = raw_rows("duo-rio-ho-erkenningen/ho_erkenningen_rio.csv", "utf-8", ",")
    expected = len(
        {
            (row["INSTELLINGSCODE"], row["ERKENDEOPLEIDINGSCODE"], row["NIVEAU"])
            for row in rows
            if row["GEMEENTENAAM"] == rio_name
            and row["BEKOSTIGINGSCODE"] == "BEKOSTIGD"
        }
    )
    assert expected > 0
    municipality = Municipality.objects.get(code=code)
    page = BeautifulSoup(
        client.get(municipality.get_absolute_url()).content, "html.parser"
    )
    assert page.h1.get_text(strip=True) == official_name
    count = page.select_one('[data-figure="city-programmes"]').get_text(strip=True)
    assert count == str(expected)


def test_hbo_rows_count_only_for_the_offering_in_their_own_municipality(imported):
    """Every enrolled-students figure is the sum of the hbo file's rows of its
    institution, CROHO code and year in the programme's own municipality: a row
    from another city is never added (Windesheim's Sport in Zwolle does not get
    Almere's students, Hogeschool Rotterdam's Logistics not Dordrecht's)."""
    rows = raw_rows(
        "duo-ingeschrevenen-hbo-2020-2024/ingeschrevenenhbo.csv", "utf-8", ","
    )
    raw: dict[tuple, int | None] = {}
    for row in rows:
        key = (
            row["INSTELLINGSCODE_ACTUEEL"],
            row["OPLEIDINGSCODE_ACTUEEL"],
            row["GEMEENTENUMMER"],
            int(row["STUDIEJAAR"]),
        )
        count = int(row["AANTAL_INGESCHREVENEN"])
        known = raw.get(key, 0)
        raw[key] = None if count < 0 or known is None else known + count
    enrolments = Enrolment.objects.filter(students__isnull=False).values_list(
        "programme__institution__brin",
        "programme__study__croho_code",
        "programme__municipality__code",
        "academic_year",
        "students",
    )
    assert len(enrolments) > 5000
    wrong = [
        (*key, students)
        for *key, students in enrolments
        if raw.get(tuple(key)) != students
    ]
    assert wrong == []


def test_no_record_counts_a_row_of_another_city(imported):
    """The rows whose municipality has no offering of their programme are rejected,
    in every statistics file (docs/IMPORT.md, "Location")."""
    results, _elapsed = imported
    reason = "no offering of this programme in this municipality"
    reasons = {
        name: results[name].rejected_reasons[reason]
        for name in (
            "eerstejaars.csv",
            "wo_inscriptions_2019.csv",
            "wo_gediplomeerden_2019.csv",
            "ingeschrevenenhbo.csv",
        )
    }
    assert reasons == {
        "eerstejaars.csv": 31,
        "wo_inscriptions_2019.csv": 17,
        "wo_gediplomeerden_2019.csv": 16,
        "ingeschrevenenhbo.csv": 16,
    }


def test_each_enrolment_cites_the_sources_of_its_figures(imported):
    """Enrolment.sources, which the pages and exports cite, is the set of its
    figures' sources; no 2015-2017 first-years cite the older series where the
    newer gives them, and every figure cites the run of its own series."""
    figures = defaultdict(set)
    for (
        enrolment_id,
        source_id,
        run_dataset_id,
    ) in EnrolmentFigureSource.objects.values_list(
        "enrolment_id", "source_id", "import_run__dataset_id"
    ):
        figures[enrolment_id].add(source_id)
        assert run_dataset_id == source_id
    cited = defaultdict(set)
    for enrolment_id, source_id in Enrolment.sources.through.objects.values_list(
        "enrolment_id", "datasource_id"
    ):
        cited[enrolment_id].add(source_id)
    assert figures == cited
    both = Enrolment.objects.filter(sources__key="duo-eerstejaars-wo-2015-2019").filter(
        sources__key="duo-eerstejaars-wo-2013-2017"
    )
    assert not both.exists()
    assert (
        EnrolmentFigureSource.objects.filter(
            source__key="duo-eerstejaars-wo-2015-2019", enrolment__academic_year=2016
        ).count()
        > 1000
    )
