"""Rank by my criteria: the listing ordered by a weighted score of the
catalogue's published figures, each result with what its score is made of.

The scores are worked out by hand below from the figures the catalogue is
built with: each figure's place between the lowest and highest published one
(0 worst, 1 best; fewer than 21 figures, so none is trimmed off), a withheld or
missing figure counting as the middle (0.5), weighed and added up to 100.
"""

import pytest

from programmes.models import Level
from surveys.models import Aspect
from tests.careers.factories import CareerFigureFactory
from tests.programmes.factories import (
    EnrolmentFactory,
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
    TuitionFeeFactory,
)
from tests.public.listing_pages import get_listing, notes, result_names
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


def _programme(
    name,
    *,
    municipality=None,
    score=None,
    respondents=100,
    salary=None,
    students=None,
    fee=None,
):
    study = StudyFactory(name_nl=name, name_en=name, level=Level.WO_BA)
    institution = InstitutionFactory(
        **({"municipality": municipality} if municipality else {})
    )
    programme = ProgrammeFactory(study=study, institution=institution)
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    if score is not None:
        ProgrammeScoreFactory(
            programme=programme, aspect=overall, mean=score, respondents=respondents
        )
    if salary is not None:
        CareerFigureFactory(outcome__study=study, value=salary)
    if students is not None:
        EnrolmentFactory(programme=programme, students=students)
    if fee is not None:
        TuitionFeeFactory(programme=programme, amount=fee)
    return programme


@pytest.fixture
def four():
    """Score, salary and students of four programmes.

    Published scores 4.2, 3.2, 4.0 (Charlie's 4.9 has 3 respondents: withheld)
    range over 3.2 to 4.2; salaries 3000, 2500, 2000 (Delta's study has none)
    over 2000 to 3000; students 100, 400, 250, 1000 over 100 to 1000.
    """
    _programme("Alfa", score="4.20", salary=3000, students=100)
    _programme("Bravo", score="3.20", salary=2500, students=400)
    _programme("Charlie", score="4.90", respondents=3, salary=2000, students=250)
    _programme("Delta", score="4.00", students=1000)


WEIGHTS = "w_score=3&w_salary=1&w_students=2"


def _results(soup):
    """[(name, score line, [part lines])] in the order shown."""
    rows = []
    for result in soup.select(".result"):
        ranking = result.select_one(".ranking")
        rows.append(
            (
                result.select_one(".result__name").get_text(" ", strip=True),
                ranking.select_one(".ranking__score").get_text(" ", strip=True),
                [
                    " ".join(li.get_text().split())
                    for li in ranking.select(".ranking__part")
                ],
            )
        )
    return rows


def test_programmes_rank_by_the_weighted_score_worked_out_by_hand(client, four):
    # Weights 3, 1 and 2 of 6: satisfaction up to 50 points, salary 16.67,
    # students 33.33 (the more the better).
    # Alfa:    50 x 1   + 16.67 x 1   + 33.33 x 0           = 66.67
    # Bravo:   50 x 0   + 16.67 x 0.5 + 33.33 x 300/900     = 19.44
    # Charlie: 50 x 0.5 + 16.67 x 0   + 33.33 x 150/900     = 30.56
    #          (its score withheld: counted as the middle, not as 0 or 4.9)
    # Delta:   50 x 0.8 + 16.67 x 0.5 + 33.33 x 1           = 81.67
    soup = get_listing(client, WEIGHTS, language="en")
    results = _results(soup)
    assert [name for name, _, _ in results] == ["Delta", "Alfa", "Charlie", "Bravo"]
    assert [score for _, score, _ in results] == [
        "My criteria: 81.7 of 100 points",
        "My criteria: 66.7 of 100 points",
        "My criteria: 30.6 of 100 points",
        "My criteria: 19.4 of 100 points",
    ]
    charlie = {name: parts for name, _, parts in results}["Charlie"]
    assert charlie == [
        "Overall satisfaction (NSE) (very important): 25 of 50 points — unknown "
        "(Too few people responded.), counted as average",
        "Starting salary (somewhat important): 0 of 16.7 points",
        "Number of students (important): 5.6 of 33.3 points",
    ]


def test_a_withheld_figure_does_not_widen_the_range_of_the_others(client, four):
    # Satisfaction alone: Charlie's withheld 4.9 is not the top of the range
    # (4.2 is), so Alfa has all 100 points and Delta (4.0) 80.
    soup = get_listing(client, "w_score=1", language="en")
    scores = {name: score for name, score, _ in _results(soup)}
    assert scores["Alfa"] == "My criteria: 100 of 100 points"
    assert scores["Delta"] == "My criteria: 80 of 100 points"
    assert scores["Charlie"] == "My criteria: 50 of 100 points"


def test_fewer_students_can_be_preferred(client, four):
    soup = get_listing(client, "w_students=1&students_pref=smaller", language="en")
    assert result_names(soup) == ["Alfa", "Charlie", "Bravo", "Delta"]


def test_a_lower_fee_ranks_first_and_an_unknown_fee_counts_as_average(client):
    _programme("Cheap", fee=2601)
    _programme("Dear", fee=12601)
    _programme("Unknown")
    soup = get_listing(client, "w_fee=2", language="en")
    results = _results(soup)
    assert [name for name, _, _ in results] == ["Cheap", "Unknown", "Dear"]
    assert results[1][2] == [
        "Statutory tuition fee (lower is better) (important): 50 of 100 points "
        "— unknown (No figures are available.), counted as average"
    ]


def test_distance_to_a_city_ranks_the_nearest_first(client):
    utrecht = MunicipalityFactory(name_nl="Utrecht", name_en="Utrecht")
    leiden = MunicipalityFactory(name_nl="Leiden", name_en="Leiden")
    groningen = MunicipalityFactory(name_nl="Groningen", name_en="Groningen")
    _programme("In Utrecht", municipality=utrecht)
    _programme("In Leiden", municipality=leiden)
    _programme("In Groningen", municipality=groningen)
    _programme("Nowhere known", municipality=MunicipalityFactory(name_nl="Atlantis"))
    # As the crow flies (GeoNames' coordinates): Utrecht-Leiden 43.6 km,
    # Utrecht-Groningen 158.8 km, the farthest teaching city: Leiden has
    # 1 - 43.6 / 158.8 of the points.
    soup = get_listing(client, "w_distance=3&near=utrecht", language="en")
    results = _results(soup)
    assert [name for name, _, _ in results] == [
        "In Utrecht",
        "In Leiden",
        "Nowhere known",
        "In Groningen",
    ]
    assert results[1][1] == "My criteria: 72.6 of 100 points"
    assert results[1][2] == [
        "Distance to Utrecht (closer is better) (very important): 72.6 of 100 "
        "points · 44 km"
    ]
    assert "unknown (We don’t know where this place lies.)" in results[2][2][0]


def _atmosphere(programme, mean, *, year=2024, **sample):
    ProgrammeScoreFactory(
        programme=programme,
        aspect=AspectFactory(
            code=Aspect.Code.ATMOSPHERE, name_nl="Sfeer", name_en="Atmosphere"
        ),
        survey_round=SurveyRoundFactory(year=year),
        mean=mean,
        **sample,
    )


@pytest.fixture
def atmospheres():
    """Atmosphere scores of the latest round (2024), as the publication rule
    (n >= 5, 95% margin < 0.5) judges them:

    Calm 4.50, Middling 4.00, Lively 3.50 (n 100, SD 0.80, N 300: margin
    1.96 x 0.8 / 10 x sqrt(200 / 299) = 0.128): shown.
    Small 2.00 (n 10 of N 12, SD 1.50: 1.96 x 1.5 / sqrt(10) = 0.930, and with
    the finite-population correction x sqrt(2 / 11) = 0.396): shown.
    Wide 1.00 (n 10, SD 1.50, N unknown: margin 0.930): withheld.
    Few 4.90 (n 4): withheld.
    Old round 5.00 in 2023, but its latest round, 2024, has no atmosphere score.
    The shown range over 2.00 to 4.50.
    """
    _atmosphere(_programme("Calm"), "4.50")
    _atmosphere(_programme("Middling"), "4.00")
    _atmosphere(_programme("Lively"), "3.50")
    _atmosphere(
        _programme("Small"), "2.00", respondents=10, std_dev="1.50", population=12
    )
    _atmosphere(
        _programme("Wide"), "1.00", respondents=10, std_dev="1.50", population=None
    )
    _atmosphere(_programme("Few"), "4.90", respondents=4)
    old = _programme("Old round", score="3.00")
    _atmosphere(old, "5.00", year=2023)


def test_an_aspect_ranks_by_its_published_score_worked_out_by_hand(client, atmospheres):
    # One criterion: up to 100 points, by the place between 2.00 and 4.50.
    # Calm 100, Middling 2.0 / 2.5 = 80, Lively 1.5 / 2.5 = 60, Small 0;
    # Few, Old round and Wide unknown: 50 (then by name).
    soup = get_listing(client, "w_aspect=2&aspect=atmosphere", language="en")
    results = _results(soup)
    assert [(name, score) for name, score, _ in results] == [
        ("Calm", "My criteria: 100 of 100 points"),
        ("Middling", "My criteria: 80 of 100 points"),
        ("Lively", "My criteria: 60 of 100 points"),
        ("Few", "My criteria: 50 of 100 points"),
        ("Old round", "My criteria: 50 of 100 points"),
        ("Wide", "My criteria: 50 of 100 points"),
        ("Small", "My criteria: 0 of 100 points"),
    ]
    parts = {name: parts for name, _, parts in results}
    assert parts["Middling"] == [
        "Satisfaction with “Atmosphere” (NSE) (important): 80 of 100 points"
    ]
    unknown = "Satisfaction with “Atmosphere” (NSE) (important): 50 of 100 points — "
    assert parts["Few"] == [
        unknown + "unknown (Too few people responded.), counted as average"
    ]
    assert parts["Wide"] == [
        unknown + "unknown (The margin of error is too wide.), counted as average"
    ]
    assert parts["Old round"] == [
        unknown + "unknown (No figures are available.), counted as average"
    ]


def test_an_aspect_weighs_with_the_other_criteria_worked_out_by_hand(client):
    # Overall scores 4.0, 3.0, 3.5, 4.5 (all shown): the scale 3.0 to 4.5.
    # Atmosphere shown for Alfa 4.5 and Bravo 2.0 (the scale 2.0 to 4.5);
    # Charlie's 4.9 has 4 respondents (withheld), Delta has none.
    alfa = _programme("Alfa", score="4.00")
    bravo = _programme("Bravo", score="3.00")
    charlie = _programme("Charlie", score="3.50")
    _programme("Delta", score="4.50")
    _atmosphere(alfa, "4.50")
    _atmosphere(bravo, "2.00")
    _atmosphere(charlie, "4.90", respondents=4)
    # Weights 1 and 3 of 4: satisfaction up to 25 points, the aspect 75.
    # Alfa:    25 x 1.0 / 1.5 + 75 x 1          = 91.67
    # Bravo:   25 x 0         + 75 x 0          = 0
    # Charlie: 25 x 0.5 / 1.5 + 75 x 0.5        = 45.83  (withheld: the middle)
    # Delta:   25 x 1         + 75 x 0.5        = 62.5   (none: the middle)
    soup = get_listing(client, "w_score=1&w_aspect=3&aspect=atmosphere", "en")
    results = _results(soup)
    assert [(name, score) for name, score, _ in results] == [
        ("Alfa", "My criteria: 91.7 of 100 points"),
        ("Delta", "My criteria: 62.5 of 100 points"),
        ("Charlie", "My criteria: 45.8 of 100 points"),
        ("Bravo", "My criteria: 0 of 100 points"),
    ]
    assert results[2][2] == [
        "Overall satisfaction (NSE) (somewhat important): 8.3 of 25 points",
        "Satisfaction with “Atmosphere” (NSE) (very important): 37.5 of 75 points "
        "— unknown (Too few people responded.), counted as average",
    ]


def test_the_aspect_is_named_in_dutch_and_kept_in_the_panel(client, atmospheres):
    AspectFactory(code=Aspect.Code.FACILITIES, name_nl="Faciliteiten", position=2)
    # The aspects' own names (modeltranslation), in the page's language.
    soup = get_listing(client, "w_aspect=1&aspect=atmosphere")
    assert "“Sfeer”" in _results(soup)[0][2][0]
    select = soup.select_one("#criterion-aspect-choice")
    assert soup.select_one('label[for="criterion-aspect-choice"]')
    options = [(o["value"], o.get_text()) for o in select.select("option")]
    assert options[1:] == [("atmosphere", "Sfeer"), ("facilities", "Faciliteiten")]
    assert options[0][0] == ""  # no aspect chosen
    chosen = select.select_one("option[selected]")
    assert chosen["value"] == "atmosphere"
    english = get_listing(client, "w_aspect=1&aspect=atmosphere", language="en")
    assert "“Atmosphere”" in _results(english)[0][2][0]


def test_an_aspect_may_be_named_by_its_id(client, atmospheres):
    atmosphere = Aspect.objects.get(code=Aspect.Code.ATMOSPHERE)
    soup = get_listing(client, f"w_aspect=2&aspect={atmosphere.pk}", language="en")
    assert result_names(soup)[:3] == ["Calm", "Middling", "Lively"]
    assert not notes(soup)


def test_the_ranked_listing_by_an_aspect_reads_a_bounded_number_of_queries(
    client, atmospheres, django_assert_max_num_queries
):
    # The stored counts and the place facets (5); the aspects, to read the
    # parameter and for the panel (2); the ranges of the two criteria, an
    # aggregate and two ends each (6; cached in production); the page's ids,
    # summaries, programmes, sources and variants (5). The aspect is one join
    # in the ids' and summaries' queries, never a query per result; the same
    # for 3 or 30 programmes (test_page_query_counts, listing_ranked_aspect).
    for number in range(25):
        _atmosphere(_programme(f"More {number}"), "3.00")
    with django_assert_max_num_queries(18):
        soup = get_listing(client, "w_aspect=2&aspect=atmosphere&w_score=1", "en")
    assert len(soup.select(".result .ranking")) == 20


@pytest.mark.parametrize(
    ("language", "typed", "label"),
    [
        ("en", "Den Haag", "Distance to The Hague (closer is better)"),
        ("nl", "the hague", "Afstand tot Den Haag (dichterbij is beter)"),
    ],
)
def test_the_distance_names_the_city_in_the_pages_language(
    client, language, typed, label
):
    hague = MunicipalityFactory(name_nl="Den Haag", name_en="The Hague")
    _programme("In The Hague", municipality=hague)
    soup = get_listing(client, f"w_distance=1&near={typed}", language=language)
    (part,) = _results(soup)[0][2]
    assert part.startswith(label)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("w_score=9", "“9” is not a weight for “Overall satisfaction (NSE)”"),
        ("w_salary=-1", "“-1” is not a weight for “Starting salary”"),
        ("w_fee=２", "“２” is not a weight"),
        ("w_score=1&students_pref=huge", "“huge” is not a choice"),
        ("w_distance=2", "Type a city to rank by distance"),
        ("w_distance=2&near=Atlantis", "We don’t know “Atlantis” as a city"),
        ("w_aspect=2&aspect=parking", "“parking” is not an aspect of the NSE"),
        ("w_aspect=2&aspect=overall", "“overall” is not an aspect of the NSE"),
        ("w_aspect=2", "Choose an aspect to rank by it"),
        ("sort=criteria", "Choose how much each criterion matters"),
    ],
)
def test_bad_weights_are_reported_on_the_page(client, four, query, message):
    soup = get_listing(client, query, language="en")  # 200, asserted there
    assert message in notes(soup)


def test_an_unknown_aspect_leaves_the_rest_of_the_ranking(client, four):
    soup = get_listing(client, "w_aspect=3&aspect=parking&w_students=1", "en")
    assert result_names(soup) == ["Delta", "Bravo", "Charlie", "Alfa"]
    parts = [part for _, _, parts in _results(soup) for part in parts]
    assert all(part.startswith("Number of students") for part in parts)


def test_a_bad_weight_leaves_the_rest_of_the_ranking(client, four):
    soup = get_listing(client, "w_score=9&w_students=1", language="en")
    assert result_names(soup) == ["Delta", "Bravo", "Charlie", "Alfa"]
    parts = [part for _, _, parts in _results(soup) for part in parts]
    assert all(part.startswith("Number of students") for part in parts)


def test_the_panel_keeps_the_weights_and_the_sort_says_my_criteria(client, four):
    soup = get_listing(client, WEIGHTS + "&near=Utrecht", language="en")
    panel = soup.select_one("#criteria-panel")
    assert panel.has_attr("open")
    chosen = {
        select["name"]: select.select_one("option[selected]").get_text(strip=True)
        for select in panel.select("select")
    }
    assert chosen == {
        "w_score": "Very important",
        "w_aspect": "Not important",
        "aspect": "Choose an aspect",
        "w_salary": "Somewhat important",
        "w_students": "Important",
        "w_fee": "Not important",
        "w_distance": "Not important",
        "students_pref": "the more students, the better",
    }
    assert soup.select_one("#sort-order option[selected]").get_text() == "My criteria"


def test_without_weights_the_listing_is_as_before(client, four):
    soup = get_listing(client, language="en")
    assert result_names(soup) == ["Alfa", "Bravo", "Charlie", "Delta"]
    assert not soup.select(".ranking")
    assert not soup.select_one("#criteria-panel").has_attr("open")
    assert "My criteria" not in soup.select_one("#sort-order").get_text()


def test_another_sort_with_weights_sorts_by_it(client, four):
    soup = get_listing(client, WEIGHTS + "&sort=name", language="en")
    assert result_names(soup) == ["Alfa", "Bravo", "Charlie", "Delta"]


def test_ranking_combines_with_filters_and_search(client, four):
    other = StudyFactory(name_nl="Echo", name_en="Echo", level=Level.HBO_BA)
    ProgrammeFactory(study=other)
    soup = get_listing(client, WEIGHTS + "&level=WO-BA&q=a", language="en")
    assert "Echo" not in result_names(soup)
    # The scale is the whole catalogue's: filters do not change a score.
    scores = {name: score for name, score, _ in _results(soup)}
    assert scores.get("Delta", "My criteria: 81.7 of 100 points") == (
        "My criteria: 81.7 of 100 points"
    )
