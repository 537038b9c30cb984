"""Student satisfaction over the years on the programme page: the overall score
per NSE round as a line on a 1–5 scale and every aspect in a table, where a round
withheld by the publication rule is a gap with its reason (never 0) and the NSE's
2021 questionnaire revision is a numbered break with a note saying what changed."""

import pytest

from surveys.models import Aspect
from tests.programmes.factories import ProgrammeFactory
from tests.public.programme_pages import get_page, text_of
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db

OVERALL = Aspect.Code.OVERALL
ATMOSPHERE = Aspect.Code.ATMOSPHERE


@pytest.fixture
def programme():
    """Overall scores 2019–2024: 2021 answered by 3 students (withheld: too
    few), 2023 a round without a score of this programme; atmosphere in 2024
    only."""
    programme = ProgrammeFactory()
    overall = AspectFactory(code=OVERALL, name_en="Overall", name_nl="Algemeen")
    atmosphere = AspectFactory(
        code=ATMOSPHERE, name_en="Atmosphere", name_nl="Sfeer", position=1
    )
    SurveyRoundFactory(year=2023)
    # year: (mean, respondents); SD 0.80 and N 300: margin 0.13 at n = 100.
    for year, (mean, respondents) in {
        2019: ("3.80", 100),
        2020: ("3.94", 100),
        2021: ("4.00", 3),
        2022: ("4.05", 100),
        2024: ("4.20", 100),
    }.items():
        ProgrammeScoreFactory(
            programme=programme,
            survey_round=SurveyRoundFactory(year=year),
            aspect=overall,
            mean=mean,
            respondents=respondents,
        )
    ProgrammeScoreFactory(
        programme=programme,
        survey_round=SurveyRoundFactory(year=2024),
        aspect=atmosphere,
        mean="4.40",
    )
    return programme


def section_of(client, programme, language):
    return get_page(client, programme, language).find(id="score-trends")


def cells(section, year):
    row = section.find("tr", attrs={"data-year": str(year)})
    return {td["data-figure"]: text_of(td) for td in row.find_all("td")}


@pytest.mark.parametrize(
    ("language", "heading", "too_few", "no_data", "score"),
    [
        (
            "en",
            "Satisfaction over the years",
            "– Too few people responded.",
            "– No figures are available.",
            "3.9",
        ),
        (
            "nl",
            "Tevredenheid door de jaren",
            "– Te weinig mensen hebben gereageerd.",
            "– Er zijn geen cijfers beschikbaar.",
            "3,9",
        ),
    ],
)
def test_every_round_is_a_row_and_a_withheld_one_says_why_never_0(
    client, programme, language, heading, too_few, no_data, score
):
    section = section_of(client, programme, language)
    assert text_of(section.find("h3")) == heading
    table = section.find("table", attrs={"data-table": "score-trends"})
    years = [
        row["data-year"] for row in table.find_all("tr", attrs={"data-year": True})
    ]
    assert years == ["2019", "2020", "2021", "2022", "2023", "2024"]
    # 3.94 is printed 3.9, 4.05 rounds half up to 4.1.
    assert cells(section, 2020)[OVERALL] == score
    assert cells(section, 2022)[OVERALL] == score.replace("3", "4").replace("9", "1")
    assert cells(section, 2021)[OVERALL] == too_few
    assert cells(section, 2023)[OVERALL] == no_data
    # An aspect scored only in 2024 is a column with its earlier rounds empty.
    assert cells(section, 2019)[ATMOSPHERE] == no_data
    assert cells(section, 2024)[ATMOSPHERE] == score.replace("3", "4").replace("9", "4")
    assert "0.0" not in text_of(table) and "0,0" not in text_of(table)


def test_the_2021_revision_is_a_numbered_break_with_a_note(client, programme):
    section = section_of(client, programme, "en")
    notes = section.find(attrs={"data-notes": "breaks"}).find_all("li")
    # 2021 itself is withheld: the break lies between the published 2020 and 2022.
    assert [note["data-break"] for note in notes] == ["2020-2022"]
    note = text_of(notes[0])
    assert note.startswith("A break in the series between 2020 and 2022:")
    assert "In 2021 the NSE's questionnaire was revised" in note
    chart = section.find(attrs={"data-chart": OVERALL})
    rules = chart.find_all("g", class_="trend-chart__break")
    assert [rule["data-break"] for rule in rules] == ["1"]
    # Six years across 252 px: 2020 at 104.4, 2022 at 205.2; the rule between.
    assert rules[0].find("line")["x1"] == "154.8"


def test_the_line_joins_only_published_rounds_of_one_questionnaire(client, programme):
    chart = section_of(client, programme, "en").find(attrs={"data-chart": OVERALL})
    line = chart.find("g", class_="trend-chart__line--total")
    # 2019–2020 joined (y = 20 + (1 − (mean − 1)/4) × 106); 2022 and 2024
    # stand alone (a break, a gap, a gap).
    assert [p["points"] for p in line.find_all("polyline")] == ["54.0,51.8 104.4,48.1"]
    titles = [text_of(title) for title in line.select("circle > title")]
    assert titles == [
        "Overall, 2019: 3.8 / 5",
        "Overall, 2020: 3.9 / 5",
        "Overall, 2022: 4.1 / 5",
        "Overall, 2024: 4.2 / 5",
    ]
    svg = chart.find("svg")
    assert text_of(svg.find("title")) == "Overall per survey year"
    # Drawn from 1 to 5, not from 0: the axis says so.
    assert [text_of(t) for t in svg.find_all("text")][:2] == ["1", "5"]


def test_no_scores_no_section(client):
    assert get_page(client, ProgrammeFactory(), "en").find(id="score-trends") is None
