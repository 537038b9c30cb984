"""The reports page before a download: what each report holds, its columns
(the file's own), and the years held for the user's institutions, pre-filled."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from reports.models import ExportLog
from tests.programmes.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def page(client, language="nl"):
    with translation.override(language):
        url = reverse("reports:reports")
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture
def older_groningen(two_institutions):
    """Groningen also has 2019 enrolment: a gap of three years, theirs only."""
    EnrolmentFactory(programme=two_institutions["B"]["programme"], academic_year=2019)


def test_liaison_sees_each_report_with_its_years_and_columns(
    client, users, older_groningen
):
    client.force_login(users["liaison_a"])
    soup = page(client)
    overview = soup.select_one("#report-overview")
    assert overview.h3.get_text() == "Overzicht van opleidingen"
    # Leiden's enrolment: 2023 and 2024 (Groningen's 2019 is not theirs).
    assert text(overview.select_one(".report-guide__years")) == (
        "Jaren met gegevens: 2023, 2024."
    )
    columns = [li.get_text() for li in overview.select(".report-guide__columns li")]
    assert columns[:7] == [
        "BRIN-code",
        "Instelling",
        "Opleiding",
        "CROHO-code",
        "Niveau",
        "Vorm",
        "Stad",
    ]
    assert "Studenten: niet gepubliceerd omdat" in columns
    survey = soup.select_one("#report-survey .report-guide__years")
    assert text(survey) == "Jaren met gegevens: 2024."
    careers = soup.select_one("#report-careers .report-guide__years")
    assert text(careers) == "Jaren met gegevens: 2023."
    assert soup.select_one("#id_year_from")["value"] == "2023"
    assert soup.select_one("#id_year_to")["value"] == "2024"


def test_editor_sees_the_years_of_all_institutions_with_their_gap(
    client, users, older_groningen
):
    client.force_login(users["editor"])
    soup = page(client, "en")
    years = soup.select_one("#report-overview .report-guide__years")
    assert text(years) == "Years held: 2019, 2023, 2024."
    assert soup.select_one("#id_year_from")["value"] == "2019"
    assert soup.select_one("#id_year_to")["value"] == "2024"
    hint = text(soup.select_one("#id_year_from-help"))
    assert hint == (
        "Figures are held from 2019 to 2024; each report lists its years below."
    )
    survey = soup.select_one("#report-survey")
    assert survey.h3.get_text() == "Survey benchmark"
    assert "national average of the study" in text(survey.p)
    columns = [li.get_text() for li in survey.select(".report-guide__columns li")]
    assert columns[7:15] == [
        "Survey year",
        "Aspect",
        "Score",
        "Withheld because",
        "Respondents",
        "Margin of error (95%)",
        "Response rate (%)",
        "Publication status",
    ]


def test_a_refused_download_keeps_the_guides(client, users, two_institutions):
    client.force_login(users["liaison_a"])
    with translation.override("nl"):
        url = reverse("reports:reports")
    response = client.post(url, {"report": "overview", "file_format": "pdf"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#report-careers h3").get_text() == "Arbeidsmarktuitkomsten"


# --- Preview and last exports ------------------------------------------------------


def post_page(client, language, **data):
    with translation.override(language):
        url = reverse("reports:reports")
    response = client.post(url, data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return BeautifulSoup(response.content, "html.parser")


def preview_table(soup) -> list[dict]:
    table = soup.select_one(".report-preview__table")
    header = [text(th) for th in table.select("thead th")]
    return [
        dict(zip(header, [text(td) for td in tr.select("td")], strict=True))
        for tr in table.select("tbody tr")
    ]


@pytest.mark.parametrize(
    ("language", "score", "year", "institution"),
    [
        ("nl", "3,9", "Enquêtejaar", "Instelling"),
        ("en", "3.9", "Survey year", "Institution"),
    ],
)
def test_a_liaison_previews_their_rows_without_a_download(
    client, users, two_institutions, language, score, year, institution
):
    """Leiden's BMW scores 3.90 in 2024 (the shared fixture); Groningen's 4.10
    is not theirs. A preview is not an export: nothing is logged."""
    client.force_login(users["liaison_a"])
    soup = post_page(
        client,
        language,
        report="survey",
        institution="21PB",
        file_format="xlsx",
        action="preview",
    )
    (row,) = preview_table(soup)
    assert row[institution] == (
        "Universiteit Leiden" if language == "nl" else row[institution]
    )
    assert row["BRIN-code" if language == "nl" else "BRIN code"] == "21PB"
    assert row[year] == "2024"
    assert row["Oordeel" if language == "nl" else "Score"] == score
    assert text(soup.select_one(".report-preview p")) == (
        "De enige rij van het bestand, zoals het die zal bevatten."
        if language == "nl"
        else "The file's only row, as it will hold it."
    )
    assert ExportLog.objects.count() == 0
    # The form keeps the choice, so "Download" gets the file just previewed.
    assert soup.select_one("#id_report option[selected]")["value"] == "survey"


def test_the_preview_shows_the_first_ten_rows_of_all_institutions_for_an_editor(
    client, users, two_institutions
):
    """Leiden's 12 more years (2010–2021) and both institutions' 2023 and 2024:
    16 rows, of which the first 10 are Leiden's, in the file's order."""
    for year in range(2010, 2022):
        EnrolmentFactory(
            programme=two_institutions["A"]["programme"], academic_year=year
        )
    client.force_login(users["editor"])
    soup = post_page(
        client, "en", report="overview", institution="", file_format="csv",
        action="preview",
    )  # fmt: skip
    rows = preview_table(soup)
    assert [row["Academic year"] for row in rows] == [
        f"{year}–{year + 1}" for year in range(2010, 2020)
    ]
    assert {row["BRIN code"] for row in rows} == {"21PB"}
    assert text(soup.select_one(".report-preview p")) == (
        "The first 10 rows of the file, as it will hold them."
    )


def test_a_preview_without_rows_says_so(client, users, two_institutions):
    client.force_login(users["liaison_a"])
    soup = post_page(
        client, "nl", report="overview", institution="21PB", file_format="csv",
        level="HBO-BA", action="preview",
    )  # fmt: skip
    assert text(soup.select_one(".report-preview p")) == (
        "Deze rapportage heeft geen rijen voor deze keuze."
    )


def history(soup) -> list[dict]:
    table = soup.select_one(".report-history__table")
    if table is None:
        return []
    header = [text(th) for th in table.select("thead th")]
    return [
        dict(zip(header, [text(td) for td in tr.select("td")], strict=True))
        for tr in table.select("tbody tr")
    ]


def test_each_liaison_sees_only_their_own_last_exports(client, users, two_institutions):
    client.force_login(users["liaison_b"])
    response = client.post(
        reverse("reports:reports"),
        {"report": "careers", "institution": "21PC", "file_format": "csv"},
    )
    b"".join(response.streaming_content)
    client.force_login(users["liaison_a"])
    assert text(page(client).select_one(".report-history p")) == (
        "Je hebt nog geen rapportage geëxporteerd."
    )
    for report, file_format, years in (
        ("overview", "csv_semicolon", {"year_from": 2023, "year_to": 2024}),
        ("survey", "xlsx", {}),
    ):
        response = client.post(
            reverse("reports:reports"),
            {"report": report, "institution": "21PB", "file_format": file_format}
            | years,
        )
        b"".join(response.streaming_content)  # the row count is logged at the end
    soup = page(client)
    assert [
        {key: value for key, value in line.items() if key != "Geëxporteerd op"}
        for line in history(soup)
    ] == [
        {
            "Rapportage": "Vergelijking studentenenquête",
            "Instellingen": "Universiteit Leiden",
            "Jaren": "alle",
            "Bestandsformaat": "Excel (XLSX)",
            "Rijen": "1",
        },
        {
            "Rapportage": "Overzicht van opleidingen",
            "Instellingen": "Universiteit Leiden",
            "Jaren": "2023–2024",
            "Bestandsformaat": "CSV voor Nederlandse Excel (puntkomma's, decimale komma)",
            "Rijen": "2",
        },
    ]
    client.force_login(users["liaison_b"])
    (groningen,) = history(page(client, "en"))
    assert groningen["Report"] == "Career outcomes"
    assert groningen["Format"] == "CSV, comma-separated (decimal point)"
    assert groningen["Rows"] == "1"  # the biomedical salary, for Groningen's programme
