"""The public page that explains when a difference is worded higher or lower."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from figures.derived import judged_comparison, margin_of_difference
from figures.publication import survey_figure
from tests.programmes.factories import ProgrammeFactory
from tests.public.programme_pages import add_scores, get_page
from tests.surveys.factories import SurveyRoundFactory

pytestmark = pytest.mark.django_db


def method_url(language):
    with translation.override(language):
        return reverse("method")


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_method_page_in_both_languages(client, language):
    soup = soup_of(client.get(method_url(language)))
    with translation.override(language):
        title = translation.gettext("How we compare figures")
    assert soup.h1.get_text(strip=True) == title
    assert soup.html["lang"] == language
    assert "SD / √n × √((N − n) / (N − 1))" in soup.get_text()


def test_the_worked_example_agrees_with_the_rule():
    """The page's example (4.2 and 4.1 against 4.0) is what the site does."""
    national = survey_figure(
        mean="4.0", std_dev="0.9", respondents=2000, population=10000
    )
    higher = survey_figure(mean="4.2", std_dev="0.8", respondents=100, population=400)
    close = survey_figure(mean="4.1", std_dev="0.8", respondents=100, population=400)
    # The page says ≈ 0.14, 0.04 and 0.14.
    assert round(higher.margin, 2) == 0.14
    assert round(national.margin, 2) == 0.04
    assert round(margin_of_difference(higher, national), 2) == 0.14
    assert judged_comparison(higher, national) == "higher"
    assert judged_comparison(close, national) == "comparable"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_links_to_it_from_the_footer(client, language):
    soup = soup_of(client.get(f"/{language}/"))
    links = [a["href"] for a in soup.select("footer a")]
    assert method_url(language) in links


def test_the_satisfaction_table_and_the_compare_page_link_to_it(client):
    programme = ProgrammeFactory()
    add_scores(programme, SurveyRoundFactory(year=2024), {"overall": "3.90"})
    section = get_page(client, programme, "en").find(id="satisfaction")
    assert method_url("en") in [a["href"] for a in section.find_all("a")]
    with translation.override("en"):
        compare = reverse("programmes:compare")
    soup = soup_of(client.get(f"{compare}?p={programme.slug}"))
    note = soup.select_one(".compare-best-note")
    assert note.a["href"] == method_url("en")
