"""The score table: own scores, pooled averages and a difference that adds up."""

from decimal import Decimal

import pytest
from django.utils import translation

from figures.formatting import round_score
from figures.publication import Withheld
from surveys.models import Aspect
from surveys.selectors import programme_score_table
from tests.programmes.factories import InstitutionFactory, ProgrammeFactory
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


def score(programme, mean, respondents=100, code=Aspect.Code.OVERALL, year=2024, **kw):
    return ProgrammeScoreFactory(
        programme=programme,
        survey_round=SurveyRoundFactory(year=year),
        aspect=AspectFactory(code=code),
        mean=mean,
        respondents=respondents,
        **kw,
    )


def test_national_average_is_weighted_by_respondents():
    programme = ProgrammeFactory()
    peer = ProgrammeFactory(study=programme.study)
    score(programme, "4.00", respondents=300, population=1000)
    score(peer, "3.00", respondents=100, population=1000)
    row = programme_score_table(programme).rows[0]
    # (4.0 × 300 + 3.0 × 100) / 400 = 3.75, not the unweighted 3.5.
    assert row.national.value == pytest.approx(3.75)
    assert row.national.respondents == 400


def test_unpublished_programmes_and_other_studies_stay_out_of_the_national_average():
    programme = ProgrammeFactory()
    score(programme, "4.00")
    score(ProgrammeFactory(study=programme.study, is_published=False), "1.00")
    score(ProgrammeFactory(), "1.00")
    row = programme_score_table(programme).rows[0]
    assert row.national.value == pytest.approx(4.0)


def test_institution_average_pools_the_institutions_programmes():
    institution = InstitutionFactory()
    programme = ProgrammeFactory(institution=institution)
    score(programme, "4.00")
    score(ProgrammeFactory(institution=institution), "3.00")
    score(ProgrammeFactory(), "1.00")
    row = programme_score_table(programme).rows[0]
    assert row.institution.value == pytest.approx(3.5)


def test_only_the_latest_round_is_shown():
    programme = ProgrammeFactory()
    score(programme, "2.00", year=2023)
    score(programme, "4.00", year=2024)
    table = programme_score_table(programme)
    assert table.survey_round.year == 2024
    assert [row.own.value for row in table.rows] == [Decimal("4.00")]


@pytest.mark.parametrize(
    ("own", "national", "comparison", "text"),
    [
        # Own SD 0.80, n 100, N 300: margin 1.96 × 0.08 × √(200 / 299) = 0.128244;
        # the national pool of 100,100 has a margin of about 0.005, so the margin
        # of the difference is about 0.128: 0.2 is beyond it, 0.1 and 0.0 are not.
        ("4.00", "4.20", "lower", "0.2 lower than the national average"),
        ("3.90", "3.94", "comparable", "comparable to the national average"),
        ("4.10", "4.00", "comparable", "comparable to the national average"),
        ("4.20", "4.00", "higher", "0.2 higher than the national average"),
    ],
)
def test_difference_is_between_the_rounded_scores(own, national, comparison, text):
    programme = ProgrammeFactory()
    score(programme, own, respondents=100)
    # A peer so large that the national average is practically its own score.
    peer = ProgrammeFactory(study=programme.study)
    score(peer, national, respondents=100_000, population=None)
    row = programme_score_table(programme).rows[0]
    assert row.comparison == comparison
    assert row.difference == round_score(row.own.value) - round_score(
        row.national.value
    )
    with translation.override("en"):
        assert row.difference_text == text


def test_rounded_figures_never_contradict_the_difference():
    """3.85 and 3.94 print as 3.9 and 3.9: the page says comparable, not 0.1
    lower."""
    programme = ProgrammeFactory()
    score(programme, "3.85")
    score(
        ProgrammeFactory(study=programme.study),
        "3.94",
        respondents=100_000,
        population=None,
    )
    row = programme_score_table(programme).rows[0]
    assert round_score(row.own.value) == Decimal("3.9")
    assert round_score(row.national.value) == Decimal("3.9")
    assert row.comparison == "comparable"


def test_withheld_own_score_has_no_difference_and_stays_out_of_the_chart():
    programme = ProgrammeFactory()
    score(programme, "4.00", respondents=4)
    score(programme, "3.00", code=Aspect.Code.ATMOSPHERE)
    table = programme_score_table(programme)
    overall = table.rows[0]
    assert overall.own.withheld == Withheld.TOO_FEW_RESPONDENTS
    assert overall.own.shown_value is None
    assert overall.difference is None
    assert overall.difference_text == ""
    assert [row.aspect.code for row in table.chart_rows] == ["atmosphere"]


def test_national_average_is_judged_by_the_same_rule():
    programme = ProgrammeFactory()
    score(programme, "4.00", respondents=3, std_dev="0.5")
    row = programme_score_table(programme).rows[0]
    assert row.national.withheld == Withheld.TOO_FEW_RESPONDENTS


def test_support_need_score_is_kept_apart_from_the_table():
    programme = ProgrammeFactory()
    score(programme, "4.00")
    score(programme, "3.50", code=Aspect.Code.SUPPORT)
    table = programme_score_table(programme)
    assert [row.aspect.code for row in table.rows] == ["overall"]
    assert table.support.own.value == Decimal("3.50")


def test_source_line_counts_the_overall_respondents_and_programmes_of_the_study():
    programme = ProgrammeFactory()
    score(programme, "4.00", respondents=143)
    score(programme, "4.00", respondents=120, code=Aspect.Code.ATMOSPHERE)
    ProgrammeFactory.create_batch(6, study=programme.study)
    ProgrammeFactory(study=programme.study, is_published=False)
    table = programme_score_table(programme)
    assert table.respondents == 143
    assert table.programme_count == 7


def test_no_scores_gives_no_table():
    assert programme_score_table(ProgrammeFactory()) is None
