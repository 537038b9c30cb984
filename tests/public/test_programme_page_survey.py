"""The programme page's student satisfaction (NSE) and graduate judgement."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from surveys.models import Aspect
from tests.careers.factories import (
    GraduateJudgementFactory,
)
from tests.programmes.factories import (
    ProgrammeFactory,
)
from tests.public.programme_pages import (
    INSUFFICIENT,
    add_scores,
    get_page,
    text_of,
)
from tests.surveys.factories import (
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(leiden):
    """The reference NSE table: Leiden against one other programme of the study."""
    survey_round = SurveyRoundFactory(year=2024)
    own = {
        Aspect.Code.OVERALL: "3.90",
        Aspect.Code.ATMOSPHERE: "4.00",
        Aspect.Code.FACILITIES: "3.60",
        Aspect.Code.CHOOSE_AGAIN: "4.10",
    }
    add_scores(leiden, survey_round, own, respondents=143)
    other = ProgrammeFactory(study=leiden.study)
    add_scores(
        other,
        survey_round,
        {
            Aspect.Code.OVERALL: "3.90",
            Aspect.Code.ATMOSPHERE: "4.40",
            Aspect.Code.FACILITIES: "4.20",
            Aspect.Code.CHOOSE_AGAIN: "3.90",
        },
        respondents=143,
    )
    return leiden


def score_row(soup, code):
    return soup.select_one(f'#satisfaction tr[data-aspect="{code}"]')


@pytest.mark.parametrize("language", ["nl", "en"])
def test_satisfaction_table_shows_own_national_and_worded_difference(
    client, scored, language
):
    soup = get_page(client, scored, language)
    decimal = "," if language == "nl" else "."
    atmosphere = score_row(soup, "atmosphere")
    own = atmosphere.select_one(".score--own")
    national = atmosphere.select_one(".score--national")
    assert text_of(own.select_one(".score__value")) == f"4{decimal}0 / 5"
    assert text_of(national.select_one(".score__value")) == f"4{decimal}2 / 5"
    # Every score here has SD 0.80 and N 300 (the factory's). Own, n = 143:
    #   margin = 1.96 × 0.80 / √143 × √(157 / 299) = 0.131122 × 0.724628 = 0.095015.
    # National of atmosphere pools 4.00 and 4.40 (n = 143 each): mean 4.20,
    #   SD = √((2 × 142 × 0.64 + 2 × 143 × 0.2²) / 285) = √(193.2 / 285) = 0.823343,
    #   margin = 1.96 × 0.823343 / √286 × √(314 / 599) = 0.095424 × 0.724022 = 0.069088.
    # Margin of the difference = √(0.095015² + 0.069088²) = √0.013801 = 0.117478.
    # Atmosphere: 4.0 − 4.2 = −0.2, beyond 0.117: lower.
    # Choose again pools 4.10 and 3.90: mean 4.00,
    #   SD = √((2 × 142 × 0.64 + 2 × 143 × 0.1²) / 285) = √(184.62 / 285) = 0.804854,
    #   margin = 1.96 × 0.804854 / √286 × √(314 / 599) = 0.067537; margin of the
    #   difference √(0.095015² + 0.067537²) = 0.116572. 4.1 − 4.0 = 0.1 is within it:
    #   comparable (the page said "0,1 higher" before).
    # Overall: 3.9 − 3.9 = 0.0: comparable.
    with translation.override(language):
        lower = translation.gettext("%(difference)s lower than the national average")
        comparable = translation.gettext("comparable to the national average")
    assert text_of(atmosphere.select_one(".score-difference")) == lower % {
        "difference": f"0{decimal}2"
    }
    overall = score_row(soup, "overall")
    assert text_of(overall.select_one(".score-difference")) == comparable
    choose_again = score_row(soup, "choose_again")
    assert text_of(choose_again.select_one(".score-difference")) == comparable
    assert (
        "score-difference--comparable"
        in choose_again.select_one(".score-difference")["class"]
    )
    table = soup.select_one("#satisfaction table")
    assert table.caption is not None
    assert all(th.get("scope") for th in table.find_all("th"))
    assert "NSE 2024, n = 143" in text_of(soup.find(id="satisfaction"))


def test_satisfaction_links_to_all_programmes_of_the_study(client, scored):
    section = get_page(client, scored, "en").find(id="satisfaction")
    link = section.find("a", string=re.compile("Compare all"))
    assert text_of(link) == "Compare all 2 programmes of Biomedical Sciences"
    with translation.override("en"):
        compare_page = reverse("programmes:compare")
    assert link["href"] == f"{compare_page}?study={scored.study.slug}"
    compared = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    headings = compared.select("#compare-table thead th")
    assert len(headings) == 2


def test_chart_is_accessible_and_mirrors_the_table(client, scored):
    soup = get_page(client, scored, "en")
    svg = soup.select_one("#satisfaction svg")
    assert svg["role"] == "img"
    assert svg.find("title") is not None and svg.find("desc") is not None
    labels = [text_of(t) for t in svg.select(".score-chart__row > text:first-child")]
    assert labels == [
        text_of(r.th) for r in soup.select("#satisfaction table.scores tbody tr")
    ]
    assert len(svg.select(".score-chart__marker")) == 4


def test_chart_coordinates_are_not_localised(client, scored):
    svg = get_page(client, scored, "nl").select_one("#satisfaction svg")
    for rect in svg.find_all("rect"):
        assert "," not in rect["width"]


def test_withheld_score_is_insufficient_information_and_not_in_chart(client, leiden):
    survey_round = SurveyRoundFactory(year=2024)
    add_scores(leiden, survey_round, {Aspect.Code.OVERALL: "3.90"})
    add_scores(leiden, survey_round, {Aspect.Code.ATMOSPHERE: "4.00"}, respondents=4)
    soup = get_page(client, leiden, "en")
    atmosphere = score_row(soup, "atmosphere")
    own = text_of(atmosphere.select_one(".score--own"))
    assert INSUFFICIENT["en"] in own
    assert "Too few people responded." in own
    assert "4.0" not in own
    assert text_of(atmosphere.select_one(".score-difference")) == "–"
    labels = [text_of(t) for t in soup.select(".score-chart__row > text:first-child")]
    assert labels == ["Overall"]


def test_no_survey_round_says_insufficient_information(client, leiden):
    section = get_page(client, leiden, "en").find(id="satisfaction")
    assert INSUFFICIENT["en"] in text_of(section)
    assert section.find("svg") is None


def test_graduate_judgement_per_study(client, leiden):
    GraduateJudgementFactory(study=leiden.study)
    section = get_page(client, leiden, "nl").find(id="judgement")
    assert text_of(section.find(attrs={"data-figure": "good-basis"})) == "60%"
    assert text_of(section.find(attrs={"data-figure": "choose-again"})) == "79%"
    assert "n = 150" in text_of(section)
