"""The benchmarks a dean asks for, read back from the files: each programme
against its study's national average and its institution's own average, the
difference and whether it lies beyond sampling noise (the test of the public
pages), with the programmes or studies and respondents each average rests on;
and the chart sheet of every report.

Expected values are worked out by hand in the comments from the fixtures."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from careers.models import CareerMetric
from programmes.models import DataSource, Level
from reports.builders import REPORTS, careers, overview, survey
from surveys.models import Aspect
from tests.careers.factories import CareerFigureFactory
from tests.programmes.factories import (
    DataSourceFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.surveys.factories import ProgrammeScoreFactory, SurveyRoundFactory

pytestmark = pytest.mark.django_db


def post(client, language, report, file_format, institution="21PB"):
    with translation.override(language):
        url = reverse("reports:reports")
    return client.post(
        url, {"report": report, "file_format": file_format, "institution": institution}
    )


def csv_dicts(response, delimiter):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def workbook(response, tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    return load_workbook(path)


@pytest.fixture
def round_2026(users, two_institutions):
    """NSE 2026 (an official file), population unknown throughout.

    Leiden: P of study X scores 4.50 (n = 400, SD 0.5), Q of study Y 3.50
    (n = 100, SD 0.5); Groningen: R of study X 3.50 (n = 400, SD 0.5)."""
    official = DataSourceFactory(
        name_nl="NSE 2026-bestand",
        name_en="NSE 2026 file",
        kind=DataSource.Kind.OFFICIAL,
    )
    survey_round = SurveyRoundFactory(year=2026, source=official)
    overall = Aspect.objects.get(code=Aspect.Code.OVERALL)
    overall.name_en = "Overall"
    overall.save()
    study_x = StudyFactory(croho_code="60001", name_nl="Studie X", name_en="Study X")
    study_y = StudyFactory(croho_code="60002", name_nl="Studie Y", name_en="Study Y")
    leiden = two_institutions["A"]["institution"]
    groningen = two_institutions["B"]["institution"]
    made = {}
    for key, study, institution, mean, respondents in (
        ("P", study_x, leiden, "4.50", 400),
        ("Q", study_y, leiden, "3.50", 100),
        ("R", study_x, groningen, "3.50", 400),
    ):
        programme = ProgrammeFactory(
            study=study,
            institution=institution,
            name_nl=f"Opleiding {key}",
            name_en=f"Programme {key}",
            slug=f"opleiding-{key.lower()}",
        )
        ProgrammeScoreFactory(
            programme=programme,
            aspect=overall,
            survey_round=survey_round,
            mean=mean,
            respondents=respondents,
            std_dev="0.50",
            population=None,
        )
        made[key] = programme
    return made


# P: margin 1.96 × 0.5 / √400 = 0.049. Study X pools P and R: 4.0 (n = 800,
# SD √((399·0.25·2 + 400·0.25·2) / 799) = 0.707, margin 0.049); difference
# 0.5 against a margin of √(0.049² + 0.049²) = 0.069: higher. Leiden pools P
# and Q: (4.5·400 + 3.5·100) / 500 = 4.3 (n = 500, SD 0.640, margin 0.056);
# P's 0.2 against 0.074: higher; Q's -0.8 against √(0.098² + 0.056²) = 0.113:
# lower. Study Y is Q alone: 3.5 (1 programme, n = 100), difference 0.0.
BENCHMARKS = {
    ("nl", ";"): {
        "Opleiding P": {
            "Oordeel": "4,5",
            "Respondenten": "400",
            "Foutmarge (95%)": "0,05",
            "Respons (%)": "",
            "Landelijk gemiddelde van de studie": "4,0",
            "Opleidingen achter het landelijk gemiddelde": "2",
            "Respondenten achter het landelijk gemiddelde": "800",
            "Verschil met het landelijk gemiddelde": "0,5",
            "Meer dan toeval (landelijk)": "hoger",
            "Gemiddelde van de instelling": "4,3",
            "Opleidingen achter het instellingsgemiddelde": "2",
            "Respondenten achter het instellingsgemiddelde": "500",
            "Verschil met het instellingsgemiddelde": "0,2",
            "Meer dan toeval (instelling)": "hoger",
            "Bron": "NSE 2026-bestand",
        },
        "Opleiding Q": {
            "Oordeel": "3,5",
            "Respondenten": "100",
            "Foutmarge (95%)": "0,10",
            "Respons (%)": "",
            "Landelijk gemiddelde van de studie": "3,5",
            "Opleidingen achter het landelijk gemiddelde": "1",
            "Respondenten achter het landelijk gemiddelde": "100",
            "Verschil met het landelijk gemiddelde": "0,0",
            "Meer dan toeval (landelijk)": "vergelijkbaar",
            "Gemiddelde van de instelling": "4,3",
            "Opleidingen achter het instellingsgemiddelde": "2",
            "Respondenten achter het instellingsgemiddelde": "500",
            "Verschil met het instellingsgemiddelde": "-0,8",
            "Meer dan toeval (instelling)": "lager",
            "Bron": "NSE 2026-bestand",
        },
    },
    ("en", ","): {
        "Programme P": {
            "Score": "4.5",
            "Respondents": "400",
            "Margin of error (95%)": "0.05",
            "Response rate (%)": "",
            "National average of the study": "4.0",
            "Programmes behind the national average": "2",
            "Respondents behind the national average": "800",
            "Difference from the national average": "0.5",
            "Beyond sampling noise (national)": "higher",
            "Average of the institution": "4.3",
            "Programmes behind the institution's average": "2",
            "Respondents behind the institution's average": "500",
            "Difference from the institution's average": "0.2",
            "Beyond sampling noise (institution)": "higher",
            "Source": "NSE 2026 file",
        },
        "Programme Q": {
            "Score": "3.5",
            "Respondents": "100",
            "Margin of error (95%)": "0.10",
            "Response rate (%)": "",
            "National average of the study": "3.5",
            "Programmes behind the national average": "1",
            "Respondents behind the national average": "100",
            "Difference from the national average": "0.0",
            "Beyond sampling noise (national)": "comparable",
            "Average of the institution": "4.3",
            "Programmes behind the institution's average": "2",
            "Respondents behind the institution's average": "500",
            "Difference from the institution's average": "-0.8",
            "Beyond sampling noise (institution)": "lower",
            "Source": "NSE 2026 file",
        },
    },
}
DIALECTS = [("nl", "csv_semicolon", ";"), ("en", "csv", ",")]


def benchmark_rows(rows, expected):
    name = "Opleiding" if "Opleiding P" in expected else "Programme"
    return {
        row[name]: {column: row[column] for column in expected[row[name]]}
        for row in rows
        if row[name] in expected
    }


@pytest.mark.parametrize(("language", "file_format", "delimiter"), DIALECTS)
def test_a_liaison_reads_both_benchmarks_with_their_verdicts(
    client, users, round_2026, language, file_format, delimiter
):
    client.force_login(users["liaison_a"])
    rows = csv_dicts(post(client, language, "survey", file_format), delimiter)
    expected = BENCHMARKS[language, delimiter]
    assert benchmark_rows(rows, expected) == expected
    # Groningen's R is in Leiden's national average, never in Leiden's rows.
    assert {row["BRIN-code" if language == "nl" else "BRIN code"] for row in rows} == {
        "21PB"
    }


@pytest.mark.parametrize(("language", "file_format", "delimiter"), DIALECTS)
def test_an_editor_reads_groningens_own_average_apart_from_leidens(
    client, users, round_2026, language, file_format, delimiter
):
    """R (3.5, n = 400) against study X's 4.0: -0.5, lower; against Groningen's
    2026 average, which is R alone: 0.0, comparable, 1 programme."""
    client.force_login(users["editor"])
    rows = csv_dicts(post(client, language, "survey", file_format, ""), delimiter)
    name = "Opleiding" if language == "nl" else "Programme"
    (r,) = [row for row in rows if row[name].endswith(" R")]
    values = list(r.values())
    start = list(r).index(
        "Landelijk gemiddelde van de studie"
        if language == "nl"
        else "National average of the study"
    )
    decimal = "," if language == "nl" else "."
    lower, comparable = (
        ("lager", "vergelijkbaar") if language == "nl" else ("lower", "comparable")
    )
    assert values[start : start + 10] == [
        f"4{decimal}0", "2", "800", f"-0{decimal}5", lower,
        f"3{decimal}5", "1", "400", f"0{decimal}0", comparable,
    ]  # fmt: skip
    expected = BENCHMARKS[language, delimiter]
    assert benchmark_rows(rows, expected) == expected


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_xlsx_keeps_the_benchmarks_as_numbers(
    client, users, round_2026, language, tmp_path
):
    client.force_login(users["liaison_a"])
    sheet = workbook(post(client, language, "survey", "xlsx"), tmp_path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    rows = {
        row[2].value: {
            label: (cell.value, cell.number_format)
            for label, cell in zip(header, row, strict=True)
        }
        for row in sheet.iter_rows(min_row=2)
    }
    p = rows["Opleiding P" if language == "nl" else "Programme P"]
    labels = survey.COLUMNS
    with translation.override(language):
        by_key = {column.key: str(column.label) for column in labels}
    assert p[by_key["margin"]] == (0.05, "0.00")
    assert p[by_key["response_rate"]] == (None, "General")
    assert p[by_key["national"]] == (4.0, "0.0")
    assert p[by_key["national_groups"]] == (2, "#,##0")
    assert p[by_key["national_difference"]] == (0.5, "0.0")
    assert p[by_key["institution_average"]] == (4.3, "0.0")
    assert p[by_key["institution_average_respondents"]] == (500, "#,##0")
    assert p[by_key["institution_average_difference"]] == (0.2, "0.0")
    assert p[by_key["institution_average_noise"]][0] == (
        "hoger" if language == "nl" else "higher"
    )


# --- Career outcomes: the level's average ---------------------------------------


@pytest.fixture
def contracts_2022(users, two_institutions):
    """Two wo-master studies in 2022: Leiden's 80% permanent contracts, Groningen's
    50% (n = 100 each), and Leiden's study's salary 3000 (n = 100)."""
    made = {}
    for key, institution, percent in (("A", "A", 80), ("B", "B", 50)):
        study = StudyFactory(
            croho_code=f"6100{key == 'B':d}", level=Level.WO_MA, name_nl=f"Studie {key}"
        )
        ProgrammeFactory(
            study=study,
            institution=two_institutions[institution]["institution"],
            name_nl=f"Contracten {key}",
            name_en=f"Contracts {key}",
            slug=f"contracten-{key.lower()}",
        )
        CareerFigureFactory(
            outcome__study=study,
            outcome__year=2022,
            metric=CareerMetric.PERMANENT_CONTRACT,
            value=percent,
            respondents=100,
        )
        made[key] = study
    CareerFigureFactory(
        outcome=made["A"].career_outcomes.get(),
        metric=CareerMetric.STARTING_SALARY,
        value=3000,
        respondents=100,
    )
    return made


@pytest.mark.parametrize(("language", "file_format", "delimiter"), DIALECTS)
def test_careers_rows_judge_a_percentage_against_the_level_average(
    client, users, contracts_2022, language, file_format, delimiter
):
    """The level's 2022 permanent contracts: (80·100 + 50·100) / 200 = 65%,
    2 studies, 200 respondents. Leiden's 80 is 15 points higher; its margin
    (Agresti–Caffo, 7.8) and the average's (6.6) give the difference a margin
    of 10.2: higher. Groningen's 50 is -15 against 11.7: lower. A salary has
    no spread: its difference stands without a verdict."""
    client.force_login(users["editor"])
    rows = csv_dicts(post(client, language, "careers", file_format, ""), delimiter)
    nl = language == "nl"
    name, year = ("Opleiding", "Jaar") if nl else ("Programme", "Year")
    columns = [
        "Waarde" if nl else "Value",
        "Gemiddelde van het niveau" if nl else "Average of the level",
        "Studies achter het gemiddelde van het niveau"
        if nl
        else "Studies behind the level average",
        "Respondenten achter het gemiddelde van het niveau"
        if nl
        else "Respondents behind the level average",
        "Verschil met het gemiddelde van het niveau"
        if nl
        else "Difference from the level average",
        "Meer dan toeval (niveau)" if nl else "Beyond sampling noise (level)",
    ]
    found = {
        (row[name][-1], row["Cijfer" if nl else "Figure"][:4]): [
            row[c] for c in columns
        ]
        for row in rows
        if row[year] == "2022"
    }
    higher, lower = ("hoger", "lager") if nl else ("higher", "lower")
    contract, salary = ("Vast", "Star") if nl else ("Perm", "Star")
    # Percentages are written as stored (two decimals), as the pages keep them.
    comma = "," if nl else "."
    assert found == {
        ("A", contract): [
            f"80{comma}00",
            f"65{comma}00",
            "2",
            "200",
            f"15{comma}00",
            higher,
        ],
        ("B", contract): [
            f"50{comma}00",
            f"65{comma}00",
            "2",
            "200",
            f"-15{comma}00",
            lower,
        ],
        ("A", salary): ["3000", "3000", "1", "100", "0", ""],
    }


# --- Chart sheets ------------------------------------------------------------------


def chart_of(book):
    (chart_sheet,) = book.chartsheets
    (chart,) = chart_sheet._charts
    return chart_sheet, chart


def references(chart):
    return [
        (series.tx.strRef.f, series.val.numRef.f, series.cat.numRef.f)
        for series in chart.series
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_survey_workbook_charts_programmes_against_the_national_average(
    client, users, round_2026, language, tmp_path
):
    """Leiden's latest round (2026): P 0.5 and Q 0.0 from their studies'
    national averages, one series per aspect (here the overall judgement)."""
    client.force_login(users["liaison_a"])
    book = workbook(post(client, language, "survey", "xlsx"), tmp_path)
    chart_sheet, chart = chart_of(book)
    data_title = "Grafiekgegevens" if language == "nl" else "Chart data"
    assert book.sheetnames[1:3] == [chart_sheet.title, data_title]
    assert chart_sheet.title == ("Grafiek" if language == "nl" else "Chart")
    assert chart.type == "bar"
    quoted = f"'{data_title}'"
    assert references(chart) == [
        (f"{quoted}!B1", f"{quoted}!$B$2:$B$3", f"{quoted}!$A$2:$A$3")
    ]
    data = list(book[data_title].iter_rows(values_only=True))
    programme = "Opleiding" if language == "nl" else "Programme"
    assert data[1:] == [
        (f"{programme} P (Voltijd, 21PB)" if language == "nl"
         else f"{programme} P (Full-time, 21PB)", 0.5),
        (f"{programme} Q (Voltijd, 21PB)" if language == "nl"
         else f"{programme} Q (Full-time, 21PB)", 0),
    ]  # fmt: skip
    assert data[0][1] == ("Algemeen oordeel" if language == "nl" else "Overall")
    title = "".join(
        run.t for paragraph in chart.title.tx.rich.p for run in paragraph.r or []
    )
    assert title == (
        "Verschil met het landelijk gemiddelde van de studie, per aspect (enquête 2026)"
        if language == "nl"
        else "Difference from the national average of the study, per aspect "
        "(survey 2026)"
    )
    # The data and "about" sheets stay first and last.
    assert book.worksheets[0].title.startswith(
        "Vergelijking" if language == "nl" else "Survey"
    )


def test_the_careers_workbook_charts_each_salary_against_its_level(
    client, users, contracts_2022, tmp_path
):
    """The shared fixture's 2023 salaries are the latest: 2909 for both
    biomedical programmes (Leiden's liaison sees its own), against the wo-master
    level's 2023 average, the same 2909 (the one study with a 2023 salary)."""
    client.force_login(users["liaison_a"])
    book = workbook(post(client, "nl", "careers", "xlsx"), tmp_path)
    _sheet, chart = chart_of(book)
    data_sheet = "'Grafiekgegevens'"
    assert references(chart) == [
        (f"{data_sheet}!B1", f"{data_sheet}!$B$2", f"{data_sheet}!$A$2"),
        (f"{data_sheet}!C1", f"{data_sheet}!$C$2", f"{data_sheet}!$A$2"),
    ]
    data = list(book["Grafiekgegevens"].iter_rows(values_only=True))
    assert data == [
        ("Startsalaris (euro per maand)", "De studie", "Gemiddelde van het niveau"),
        ("BMW Universiteit Leiden (Voltijd, 21PB)", 2909, 2909),
    ]


def test_the_overview_workbook_charts_the_counts_per_year(client, users, tmp_path):
    """Leiden's shared fixture: 312 students in 2023, 313 in 2024, first-years
    and graduates as the factory gives them; a line per count."""
    client.force_login(users["liaison_a"])
    book = workbook(post(client, "nl", "overview", "xlsx"), tmp_path)
    _sheet, chart = chart_of(book)
    assert chart.tagname == "lineChart"
    data = list(book["Grafiekgegevens"].iter_rows(values_only=True))
    assert data[0][:2] == ("Aantal studenten", "Studenten")
    assert [row[:2] for row in data[1:]] == [("2023–2024", 312), ("2024–2025", 313)]
    assert references(chart)[0] == (
        "'Grafiekgegevens'!B1",
        "'Grafiekgegevens'!$B$2:$B$3",
        "'Grafiekgegevens'!$A$2:$A$3",
    )


def test_a_csv_has_no_chart_and_a_workbook_without_figures_no_chart_sheet(
    client, users, tmp_path
):
    client.force_login(users["liaison_b"])
    book = workbook(post(client, "en", "survey", "xlsx", "21PC"), tmp_path)
    assert book.chartsheets  # Groningen's BMW has a 2024 score
    ProgrammeScore = survey.ProgrammeScore
    ProgrammeScore.objects.all().delete()
    book = workbook(post(client, "en", "survey", "xlsx", "21PC"), tmp_path)
    assert book.chartsheets == []
    assert book.sheetnames == ["Survey benchmark", "About this data"]


@pytest.mark.parametrize("module", [overview, survey, careers])
def test_each_reports_columns_have_keys_of_their_own(module):
    """A cell is placed by its column's key: two columns with one key would
    both show the same cell (an institution's name where its average belongs)."""
    keys = [column.key for column in module.COLUMNS]
    assert len(keys) == len(set(keys))
    assert set(REPORTS) == {"overview", "survey", "careers"}
