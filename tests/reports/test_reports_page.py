"""The reports page before a download: what each report holds, its columns
(the file's own), and the years held for the user's institutions, pre-filled."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

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
    assert columns[7:13] == [
        "Survey year",
        "Aspect",
        "Score",
        "Withheld because",
        "Respondents",
        "Publication status",
    ]


def test_a_refused_download_keeps_the_guides(client, users, two_institutions):
    client.force_login(users["liaison_a"])
    with translation.override("nl"):
        url = reverse("reports:reports")
    response = client.post(url, {"report": "overview", "file_format": "pdf"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#report-careers h3").get_text() == "Arbeidsmarktuitkomsten"
