"""CBS's national labour-market context in the liaison exports, read back from
the files: the real CBS tables imported, figures as printed, reasons, sources,
scoping, bounded queries and both languages."""

import csv
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from labour_market.importing import cbs_import
from programmes.models import Level, Sector
from reports.builders import labour_market
from tests.careers.factories import CareerFigureFactory
from tests.programmes.factories import (
    EnrolmentFactory,
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.reports.test_exports import post, read_csv
from tests.surveys.factories import ProgrammeScoreFactory

pytestmark = pytest.mark.django_db

CBS_DIR = settings.OPENDATA_DIR / "cbs-arbeidsmarkt-ho-2015-16"
CBS_FILES = (
    "85776NED-arbeidsmarktpositie-totaal.csv",
    "83815NED-uurloon-studierichting.csv",
    "83815NED-uurloon-totaal.csv",
)
WITH_WORK = ("Met werk, zonder uitkering", "Met werk, met uitkering")


def titles(language="nl") -> list[str]:
    """The context columns' titles as an export in that language prints them."""
    with translation.override(language):
        return [str(column.label) for column in labour_market.COLUMNS]


(
    GROUP,
    WORK_1,
    WORK_5,
    BENEFITS_1,
    EDUCATION_1,
    WAGE_1,
    GRADUATES_1,
    WITHHELD,
    SOURCE,
) = range(len(labour_market.COLUMNS))


@pytest.fixture
def cbs(db):
    for name in CBS_FILES:
        result = cbs_import(data=(CBS_DIR / name).read_bytes(), file_name=name)
        assert result.created and not result.rejected


@pytest.fixture
def programmes(two_institutions, cbs):
    """Of Leiden (A): a wo master in health care and an associate degree; of
    Groningen (B): a wo master in law."""
    leiden = two_institutions["A"]["institution"]
    groningen = two_institutions["B"]["institution"]
    made = {}
    for key, institution, level, sector, name in (
        ("health", leiden, Level.WO_MA, Sector.HEALTH_CARE, "Geneeskunde"),
        ("ad", leiden, Level.HBO_AD, Sector.ECONOMY, "AD Ondernemen"),
        ("law", groningen, Level.WO_MA, Sector.LAW, "Rechtsgeleerdheid Groningen"),
    ):
        study = StudyFactory(level=level, sector=sector, name_nl=name, name_en=name)
        made[key] = ProgrammeFactory(
            study=study, institution=institution, name_nl=name, name_en=name, slug=key
        )
        EnrolmentFactory(programme=made[key], academic_year=2024)
        CareerFigureFactory(outcome__study=study, value=3100, respondents=80)
        ProgrammeScoreFactory(programme=made[key])
    return made


@pytest.fixture
def liaison(client, users):
    client.force_login(users["liaison_a"])
    return client


def context_of(rows, programme_column, language="nl"):
    """{programme or study name: its context cells} from an exported sheet."""
    header = rows[0]
    start = header.index(titles(language)[0])
    assert header[start:] == titles(language)
    name = header.index(programme_column)
    return {row[name]: row[start:] for row in rows[1:]}


def share_with_work_from_the_raw_file(level, sector, moment):
    """CBS's cells summed with the standard library: both "with work" positions
    among all five, in percent, one decimal, halves up."""
    path = CBS_DIR / "85776NED-arbeidsmarktpositie-totaal.csv"
    with path.open(encoding="utf-8-sig", newline="") as file:
        cells = [
            row
            for row in csv.DictReader(file, delimiter=";")
            if row["Uitstromers ho met en zonder diploma"] == level
            and row["Studierichting"] == sector
            and row["Peilmoment"] == moment
        ]
    assert len(cells) == 5
    whole = sum(int(row["Uitstromers ho (aantal)"]) for row in cells)
    part = sum(
        int(row["Uitstromers ho (aantal)"])
        for row in cells
        if row["Arbeidsmarktpositie"] in WITH_WORK
    )
    return str((Decimal(part) * 100 / whole).quantize(Decimal("0.1"), "ROUND_HALF_UP"))


def test_overview_csv_has_the_national_context_of_each_programme(liaison, programmes):
    rows = read_csv(post(liaison))
    contexts = context_of(rows, "Opleiding")
    health = contexts["Geneeskunde"]
    assert health[WORK_1] == "93.1"
    assert health[WORK_1] == share_with_work_from_the_raw_file(
        "Wo-master", "Gezondheidszorg", "1 jaar na verlaten onderwijs"
    )
    assert health[WORK_5] == "93.8"
    assert health[WAGE_1] == "18.60"
    assert health[GRADUATES_1] == "1310"  # 1200 + 20 + 20 + 60 + 10
    assert health[BENEFITS_1] == "3.1"  # (20 + 20) / 1310
    assert health[EDUCATION_1] == "0.8"  # 10 / 1310
    assert health[WITHHELD] == ""
    assert "2015/'16" in health[GROUP]
    assert "CBS, StatLine 85776NED" in health[SOURCE]
    assert "CBS, StatLine 83815NED" in health[SOURCE]
    assert "CC BY 4.0" in health[SOURCE]


def test_a_level_cbs_does_not_publish_gives_the_reason_and_no_figures(
    liaison, programmes
):
    contexts = context_of(read_csv(post(liaison)), "Opleiding")
    ad = contexts["AD Ondernemen"]
    assert ad[WITHHELD] == translation.gettext(
        "CBS publishes no labour-market figures for associate degrees."
    )
    assert ad[GROUP] == ad[SOURCE] == ""
    assert ad[WORK_1:WITHHELD] == [""] * (WITHHELD - WORK_1)
    # The fixture's study has no sector: that says so too.
    no_sector = contexts["BMW Universiteit Leiden"]
    assert "sector" in no_sector[WITHHELD] and no_sector[WORK_1] == ""


def test_a_liaison_exports_only_their_own_institutions_programmes(liaison, programmes):
    names = set(context_of(read_csv(post(liaison)), "Opleiding"))
    assert names == {"Geneeskunde", "AD Ondernemen", "BMW Universiteit Leiden"}
    studies = set(context_of(read_csv(post(liaison, report="careers")), "Opleiding"))
    assert "Rechtsgeleerdheid Groningen" not in studies
    assert {"Geneeskunde", "AD Ondernemen"} <= studies


def test_careers_csv_has_the_context_next_to_each_programme(liaison, programmes):
    contexts = context_of(read_csv(post(liaison, report="careers")), "Opleiding")
    assert contexts["Geneeskunde"][WORK_1] == "93.1"
    assert contexts["Geneeskunde"][WAGE_1] == "18.60"
    assert contexts["AD Ondernemen"][WORK_1] == ""
    assert contexts["AD Ondernemen"][WITHHELD] == translation.gettext(
        "CBS publishes no labour-market figures for associate degrees."
    )


def test_survey_benchmark_has_the_context_next_to_each_programme(liaison, programmes):
    rows = read_csv(post(liaison, report="survey"))
    contexts = context_of(rows, "Opleiding")
    assert set(contexts) == {"Geneeskunde", "AD Ondernemen", "BMW Universiteit Leiden"}
    assert contexts["Geneeskunde"][WORK_5] == "93.8"
    assert contexts["AD Ondernemen"][WITHHELD] != ""
    # The programme's own survey score stays in its own column, untouched.
    assert rows[1][rows[0].index("Oordeel")] == "3.9"


def test_xlsx_has_the_context_as_numbers_and_explains_it(liaison, programmes, tmp_path):
    path = tmp_path / "overview.xlsx"
    path.write_bytes(b"".join(post(liaison, file_format="xlsx").streaming_content))
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    contexts = context_of(rows, "Opleiding")
    health = contexts["Geneeskunde"]
    assert (health[WORK_1], health[WORK_5], health[WAGE_1]) == (93.1, 93.8, 18.6)
    assert health[GRADUATES_1] == 1310
    start = rows[0].index(titles()[0]) + 1
    row = 2 + [r[2] for r in rows[1:]].index("Geneeskunde")
    assert sheet.cell(row=row, column=start + WORK_1).number_format == '0.0"%"'
    assert sheet.cell(row=row, column=start + WAGE_1).number_format == '"€ "#,##0.00'
    assert contexts["AD Ondernemen"][WORK_1] is None  # empty, never 0
    about = [row[1].value for row in workbook.worksheets[-1].rows]
    assert any("85776NED" in value and "CC BY 4.0" in value for value in about)


def test_context_columns_are_english_in_english(liaison, programmes, english):
    rows = read_csv(post(liaison, language="en"))
    header = rows[0]
    assert "CBS national context: share with work 1 year after (%)" in header
    assert "CBS national context: hourly wage 1 year after (EUR)" in header
    assert "CBS national context withheld because" in header
    assert all("CBS national context" in title for title in titles("en"))
    contexts = context_of(rows, "Programme", "en")
    health = contexts["Geneeskunde"]
    assert health[GROUP].startswith("graduates of ")
    assert "master programmes in Health care (cohort 2015/'16)" in health[GROUP]
    assert health[WORK_1] == "93.1"
    assert contexts["AD Ondernemen"][WITHHELD] == (
        "CBS publishes no labour-market figures for associate degrees."
    )


def _programmes(institution, count, start=0):
    levels = (Level.WO_MA, Level.HBO_BA, Level.HBO_AD, Level.WO_BA)
    sectors = list(Sector)
    for number in range(start, start + count):
        study = StudyFactory(
            level=levels[number % len(levels)],
            sector=sectors[number % len(sectors)],
        )
        programme = ProgrammeFactory(
            study=study, institution=institution, slug=f"p{number}"
        )
        EnrolmentFactory(programme=programme, academic_year=2024)
        CareerFigureFactory(outcome__study=study, respondents=80)
        ProgrammeScoreFactory(programme=programme)


def _queries_of_an_export(client, **data) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = post(client, institution="77AA", **data)
        if data.get("file_format") == "xlsx":
            b"".join(response.streaming_content)
        else:
            read_csv(response)
    return len(queries)


@pytest.mark.parametrize(
    ("report", "file_format"),
    [
        ("overview", "csv"),
        ("overview", "xlsx"),
        ("careers", "csv"),
        ("careers", "xlsx"),
        ("survey", "csv"),
    ],
)
def test_query_count_does_not_grow_with_programmes(
    client, users, cbs, report, file_format
):
    from reports.models import InstitutionLiaison

    institution = InstitutionFactory(brin="77AA", name_nl="Hogeschool Telling")
    InstitutionLiaison.objects.create(user=users["liaison_a"], institution=institution)
    client.force_login(users["liaison_a"])
    _programmes(institution, 3)
    three = _queries_of_an_export(client, report=report, file_format=file_format)
    _programmes(institution, 27, start=3)
    thirty = _queries_of_an_export(client, report=report, file_format=file_format)
    assert thirty == three
