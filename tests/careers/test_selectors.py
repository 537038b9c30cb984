"""Career summary of a study: figures, occupations and the salary benchmark."""

from decimal import Decimal

import pytest
from django.utils import translation

from careers.models import CareerMetric
from careers.selectors import salary_average, study_career_summary, study_judgement
from figures.publication import Withheld
from programmes.models import Level
from tests.careers.factories import (
    CareerFigureFactory,
    CareerOutcomeFactory,
    GraduateJudgementFactory,
    OccupationShareFactory,
)
from tests.programmes.factories import StudyFactory

pytestmark = pytest.mark.django_db

SALARY = CareerMetric.STARTING_SALARY


def salary(value, respondents=100, level=Level.WO_MA, year=2023, study=None):
    outcome = CareerOutcomeFactory(study=study or StudyFactory(level=level), year=year)
    return CareerFigureFactory(
        outcome=outcome, metric=SALARY, value=value, respondents=respondents
    )


def test_salary_average_is_weighted_by_respondents():
    salary(3000, respondents=300)
    salary(2000, respondents=100)
    average = salary_average(level=Level.WO_MA, year=2023)
    assert average.value == Decimal(2750)
    assert average.respondents == 400


def test_salary_average_leaves_out_other_levels_years_and_withheld_figures():
    salary(3000)
    salary(1000, level=Level.HBO_BA)
    salary(1000, year=2022)
    salary(1000, respondents=19)
    assert salary_average(level=Level.WO_MA, year=2023).value == Decimal(3000)


def test_salary_average_without_figures_is_missing():
    assert salary_average(level=Level.WO_MA, year=2023).withheld == Withheld.NO_DATA


@pytest.mark.parametrize(("own", "other"), [(2909, 2989), (3100, 2900), (2900, 2900)])
def test_a_salary_without_its_spread_is_not_judged(own, other):
    """Salaries are published without their spread: no margin, so neither
    higher, lower nor comparable; the text says so."""
    figure = salary(own)
    salary(other)
    summary = study_career_summary(figure.outcome.study)
    assert summary.salary.comparison == ""
    with translation.override("en"):
        assert summary.salary.text == (
            "Whether the starting salary after this study differs from the "
            "average of all wo master studies by more than chance cannot be "
            "told: the spread of the salaries is not published."
        )


def test_withheld_salary_has_no_comparison():
    figure = salary(2900, respondents=10)
    salary(3000)
    summary = study_career_summary(figure.outcome.study)
    assert summary.salary.own.withheld == Withheld.TOO_FEW_RESPONDENTS
    assert summary.salary.text == ""


def test_every_metric_is_judged_and_a_missing_one_is_withheld():
    figure = CareerFigureFactory(metric=CareerMetric.WEEKLY_HOURS, value=37)
    CareerFigureFactory(
        outcome=figure.outcome,
        metric=CareerMetric.SELF_EMPLOYED,
        value=3,
        respondents=5,
    )
    summary = study_career_summary(figure.outcome.study)
    assert summary.weekly_hours.value == 37
    assert summary.self_employed.withheld == Withheld.TOO_FEW_RESPONDENTS
    assert summary.months_to_job.withheld == Withheld.NO_DATA


def test_occupations_need_enough_respondents_behind_the_outcome():
    share = OccupationShareFactory(outcome__respondents=19)
    summary = study_career_summary(share.outcome.study)
    assert summary.occupations == []
    assert summary.occupations_withheld.withheld == Withheld.TOO_FEW_RESPONDENTS


def test_occupations_are_listed_in_order_with_shares():
    first = OccupationShareFactory(share="48.0", position=1)
    OccupationShareFactory(outcome=first.outcome, share="6.0", position=2)
    summary = study_career_summary(first.outcome.study)
    assert [row.share.value for row in summary.occupations] == [
        Decimal("48.0"),
        Decimal("6.0"),
    ]


def test_the_latest_outcome_is_used():
    study = StudyFactory()
    salary(2000, year=2022, study=study)
    salary(3000, year=2023, study=study)
    summary = study_career_summary(study)
    assert summary.outcome.year == 2023
    assert summary.salary.own.value == Decimal(3000)


def test_no_outcome_gives_no_summary():
    assert study_career_summary(StudyFactory()) is None


def test_graduate_judgement_is_withheld_below_the_careers_threshold():
    judgement = GraduateJudgementFactory(respondents=19)
    summary = study_judgement(judgement.study)
    assert summary.good_basis.withheld == Withheld.TOO_FEW_RESPONDENTS
