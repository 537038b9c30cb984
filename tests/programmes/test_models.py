"""Model validation: impossible figures get a clear message and are not saved."""

import pytest
from django.core.exceptions import ValidationError

from programmes.models import Enrolment, StudyProgress, TuitionFee
from tests.programmes.factories import ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_diploma_shares_above_100_are_rejected_with_a_message():
    progress = StudyProgress(
        programme=ProgrammeFactory(),
        cohort_year=2020,
        diploma_this=60,
        diploma_other=30,
        diploma_none=20,
    )
    with pytest.raises(ValidationError) as error:
        progress.full_clean()
    assert "The diploma shares add up to more than 100%." in str(error.value)


def test_study_progress_with_some_shares_unknown_is_valid():
    StudyProgress(
        programme=ProgrammeFactory(), cohort_year=2020, diploma_this=60
    ).full_clean()


def test_more_first_year_men_and_women_than_first_years_is_rejected():
    enrolment = Enrolment(
        programme=ProgrammeFactory(),
        academic_year=2024,
        first_years=95,
        first_years_men=30,
        first_years_women=70,
    )
    with pytest.raises(ValidationError) as error:
        enrolment.full_clean()
    assert "cannot outnumber the first-year students" in str(error.value)


def test_negative_fee_is_rejected():
    fee = TuitionFee(programme=ProgrammeFactory(), academic_year=2025, amount=-1)
    with pytest.raises(ValidationError) as error:
        fee.full_clean()
    assert "amount" in error.value.message_dict
