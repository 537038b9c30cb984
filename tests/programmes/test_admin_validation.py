"""The programmes admin refuses impossible figures with a message."""

import pytest

from programmes.models import (
    Enrolment,
    StudyProgress,
)
from tests.programmes.admin_pages import (
    _english_admin,  # noqa: F401  (autouse fixture)
    admin_url,
    error_text,
    form_data,
)
from tests.programmes.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    TuitionFeeFactory,
)

pytestmark = pytest.mark.django_db


def post_change(client, obj, changes):
    url = admin_url(type(obj), "change", obj.pk)
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_negative_fee_is_refused_with_a_message(admin_client):
    fee = TuitionFeeFactory(amount=2601)
    response = post_change(admin_client, fee, {"amount": "-1"})
    assert response.status_code == 200
    assert "greater than or equal to 0" in error_text(response)
    fee.refresh_from_db()
    assert fee.amount == 2601


def test_negative_fee_in_programme_inline_is_not_saved(admin_client):
    fee = TuitionFeeFactory(amount=2601)
    response = post_change(admin_client, fee.programme, {"fees-0-amount": "-1"})
    assert response.status_code == 200
    assert "greater than or equal to 0" in error_text(response)
    fee.refresh_from_db()
    assert fee.amount == 2601


def test_more_first_year_men_and_women_than_first_years_is_refused(admin_client):
    enrolment = EnrolmentFactory(first_years=100, first_years_men=40)
    response = post_change(
        admin_client,
        enrolment.programme,
        {"enrolments-0-first_years_men": "60", "enrolments-0-first_years_women": "60"},
    )
    assert response.status_code == 200
    assert "cannot outnumber the first-year students" in error_text(response)
    enrolment.refresh_from_db()
    assert enrolment.first_years_men == 40


def test_new_enrolment_with_too_many_men_and_women_is_not_added(admin_client):
    programme = ProgrammeFactory()
    url = admin_url(Enrolment, "add")
    data = form_data(admin_client.get(url))
    data.update(
        programme=programme.pk,
        academic_year="2024",
        first_years="10",
        first_years_men="8",
        first_years_women="8",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "cannot outnumber the first-year students" in error_text(response)
    assert Enrolment.objects.count() == 0


def test_diploma_shares_above_100_are_refused(admin_client):
    progress = StudyProgress.objects.create(
        programme=ProgrammeFactory(), cohort_year=2019, diploma_this=50
    )
    response = post_change(
        admin_client, progress, {"diploma_this": "60", "diploma_other": "50"}
    )
    assert response.status_code == 200
    assert "diploma shares add up to more than 100%" in error_text(response)
    progress.refresh_from_db()
    assert progress.diploma_this == 50


def test_percentage_above_100_is_refused(admin_client):
    progress = StudyProgress.objects.create(
        programme=ProgrammeFactory(), cohort_year=2019, diploma_this=50
    )
    response = post_change(admin_client, progress, {"first_year_continued": "101"})
    assert response.status_code == 200
    assert "less than or equal to 100" in error_text(response)
    progress.refresh_from_db()
    assert progress.first_year_continued is None


def test_english_share_above_100_is_refused(admin_client):
    programme = ProgrammeFactory(english_share=50)
    response = post_change(admin_client, programme, {"english_share": "101"})
    assert response.status_code == 200
    assert "100" in error_text(response)
    programme.refresh_from_db()
    assert programme.english_share == 50
