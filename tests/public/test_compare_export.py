"""The compare page's CSV and XLSX downloads: exactly the rows the page shows,
read back with the csv module and openpyxl and set against the page's table."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from careers.models import CareerMetric
from programmes.models import DataSource
from surveys.models import Aspect
from tests.careers.factories import CareerFigureFactory
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    StudyFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db

SELECTION = "p=bmw-leiden&p=bmw-utrecht"


def url(name, language):
    with translation.override(language):
        return reverse(f"programmes:{name}")


@pytest.fixture
def pair():
    study = StudyFactory()
    leiden = ProgrammeFactory(
        study=study, slug="bmw-leiden", name_nl="BMW Leiden", name_en="BMS Leiden"
    )
    utrecht = ProgrammeFactory(
        study=study, slug="bmw-utrecht", name_nl="BMW Utrecht", name_en="BMS Utrecht"
    )
    demo = DataSourceFactory(name_en="NSE demo file", kind=DataSource.Kind.DEMO)
    survey_round = SurveyRoundFactory(year=2024, source=demo)
    overall = AspectFactory(
        code=Aspect.Code.OVERALL, name_nl="Algemeen oordeel", name_en="Overall"
    )
    ProgrammeScoreFactory(
        programme=leiden,
        aspect=overall,
        mean="3.50",
        respondents=300,
        survey_round=survey_round,
    )
    ProgrammeScoreFactory(
        programme=utrecht,
        aspect=overall,
        mean="4.20",
        respondents=3,
        survey_round=survey_round,
    )
    TuitionFeeFactory(programme=leiden, amount=2601)
    EnrolmentFactory(programme=leiden, students=312)
    EnrolmentFactory(programme=utrecht, students=540)
    CareerFigureFactory(
        outcome__study=study, metric=CareerMetric.STARTING_SALARY, value=3100
    )
    return leiden, utrecht


def page_rows(client, language, query=SELECTION):
    """The page's table as a reader sees it: section, label and each
    programme's printed value (a cell spanning all counts for each)."""
    soup = BeautifulSoup(
        client.get(f"{url('compare', language)}?{query}").content, "html.parser"
    )
    rows = []
    for body in soup.select("#compare-table tbody:not([hidden])"):
        section = body.select_one(".compare__section-title").contents[0].strip()
        for row in body.select("tr:not([hidden]):not(.compare__section-head)"):
            values = []
            for td in row.find_all("td"):
                found = td.select_one(".compare__value")
                withheld = found and found.select(
                    ".compare__insufficient, [aria-hidden]"
                )
                value = found.get_text(strip=True) if found and not withheld else ""
                values += [value] * int(td.get("colspan", 1))
            rows.append([section, row.th.get_text(strip=True), *values])
    return rows


def download(client, language, file_format, query=SELECTION):
    return client.get(f"{url('compare_export', language)}?{query}&format={file_format}")


def csv_rows(response, delimiter):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    data = workbook.worksheets[0]
    rows = [
        ["" if v is None else v for v in row]
        for row in data.iter_rows(values_only=True)
    ]
    about = {
        row[0]: row[1] for row in workbook.worksheets[1].iter_rows(values_only=True)
    }
    return rows, about


def values_only(rows):
    """Section, label and the value columns (every other one after the label)."""
    return [[row[0], row[1], *row[2:-1:2]] for row in rows]


@pytest.mark.parametrize(("language", "delimiter"), [("en", ","), ("nl", ";")])
def test_csv_holds_exactly_the_page_table(client, pair, language, delimiter):
    response = download(client, language, "csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    header, *rows = csv_rows(response, delimiter)
    assert values_only(rows) == page_rows(client, language)
    with translation.override(language):
        names = [f"{p.name} ({p.institution.display_name})" for p in pair]
    assert header[2] == names[0] and header[4] == names[1]


def test_xlsx_holds_exactly_the_page_table(client, pair):
    response = download(client, "en", "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert 'filename="keuzewijzer-comparison.xlsx"' in response["Content-Disposition"]
    (header, *rows), about = xlsx_rows(response)
    assert header[:2] == ["Section", "Topic"]
    assert header[-1] == "Demo data"
    assert values_only(rows) == page_rows(client, "en")
    assert "at least" in about["Publication rule"]
    assert about["Address"] == f"http://testserver{url('compare', 'en')}?{SELECTION}"


def test_only_differences_exports_only_the_differences(client, pair):
    query = f"{SELECTION}&differences=1"
    _header, *rows = csv_rows(download(client, "en", "csv", query), ",")
    assert values_only(rows) == page_rows(client, "en", query)
    labels = [row[1] for row in rows]
    assert "Students" in labels
    assert "Starting salary (EUR per month)" not in labels  # same study, same figure
    everything = [row[1] for row in csv_rows(download(client, "en", "csv"), ",")]
    assert "Starting salary (EUR per month)" in everything


def test_withheld_cells_are_empty_with_the_reason_and_demo_rows_say_so(client, pair):
    _header, *rows = csv_rows(download(client, "en", "csv"), ",")
    overall = next(row for row in rows if row[1] == "Overall")
    assert overall[2] == "3.5 / 5"
    assert overall[3].startswith("2024 · n = 300 · NSE demo file (demo data)")
    assert overall[4] == ""
    assert overall[5] == "Insufficient reliable information: Too few people responded."
    assert overall[-1] == "Demo data — not real figures"
    fee = next(row for row in rows if row[1] == "Statutory tuition fee")
    assert fee[4:6] == ["", "No figures are available."]
    # Every row marks demo figures (as the page's "(demo data)"), no others.
    soup = BeautifulSoup(
        client.get(f"{url('compare', 'en')}?{SELECTION}").content, "html.parser"
    )
    demo_on_page = {
        row.th.get_text(strip=True)
        for row in soup.select("#compare-table tbody tr")
        if "(demo data)" in row.get_text()
    }
    assert {row[1] for row in rows if row[-1]} == demo_on_page
    assert "Overall" in demo_on_page and "Students" not in demo_on_page


def test_file_names_and_headers_in_the_page_language(client, pair):
    response = download(client, "nl", "csv")
    header = csv_rows(response, ";")[0]
    assert header[2] == f"BMW Leiden ({pair[0].institution.display_name})"
    english = download(client, "en", "csv")
    assert 'filename="keuzewijzer-comparison.csv"' in english["Content-Disposition"]
    assert csv_rows(english, ",")[0][:2] == ["Section", "Topic"]


def test_formulas_in_names_are_neutralised(client, pair):
    pair[0].name_en = '=HYPERLINK("https://evil.example")'
    pair[0].save()
    header = csv_rows(download(client, "en", "csv"), ",")[0]
    assert header[2].startswith("'=HYPERLINK")
    (header, *_rows), _about = xlsx_rows(download(client, "en", "xlsx"))
    assert header[2].startswith("'=HYPERLINK")


def test_the_page_links_to_both_downloads_with_its_selection(client, pair):
    soup = BeautifulSoup(
        client.get(f"{url('compare', 'en')}?{SELECTION}").content, "html.parser"
    )
    links = {
        a.get_text(strip=True): a["href"] for a in soup.select("a[data-compare-link]")
    }
    export = url("compare_export", "en")
    assert links == {
        "Download as CSV": f"{export}?{SELECTION}&format=csv",
        "Download as Excel (XLSX)": f"{export}?{SELECTION}&format=xlsx",
    }
    study = pair[0].study
    soup = BeautifulSoup(
        client.get(f"{url('compare', 'en')}?study={study.slug}").content,
        "html.parser",
    )
    assert all(
        f"?study={study.slug}&format=" in a["href"]
        for a in soup.select("a[data-compare-link]")
    )


@pytest.mark.parametrize(
    "query",
    [
        f"{SELECTION}&format=pdf",
        SELECTION,
        "format=csv",
        "p=gone&format=xlsx",
        f"{SELECTION}&format=csv&format=xlsx&differences=%00",
    ],
)
def test_bad_parameters_are_refused_not_a_server_error(client, pair, query):
    response = client.get(f"{url('compare_export', 'en')}?{query}")
    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert response["Content-Type"].startswith("text/plain")
