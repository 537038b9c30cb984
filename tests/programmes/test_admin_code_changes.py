"""A programme's former codes are recorded on its admin page (an inline); an
impossible one is refused with a message and nothing is saved."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from programmes.models import Programme, ProgrammeCodeChange
from tests.programmes.admin_pages import (
    _english_admin,  # noqa: F401  (autouse fixture)
    admin_url,
    error_text,
    form_data,
)
from tests.programmes.factories import ProgrammeFactory, StudyFactory

pytestmark = pytest.mark.django_db

PREFIX = "code_changes"


@pytest.fixture
def programme():
    return ProgrammeFactory(study=StudyFactory(croho_code="56789"))


def post_new_change(client, programme, former_code, first_year, notice=""):
    """The programme's change form as shown, with one code change row added."""
    url = admin_url(Programme, "change", programme.pk)
    data = form_data(client.get(url))
    row = int(data[f"{PREFIX}-TOTAL_FORMS"])
    data.update(
        {
            f"{PREFIX}-TOTAL_FORMS": str(row + 1),
            f"{PREFIX}-{row}-former_code": former_code,
            f"{PREFIX}-{row}-first_year": str(first_year),
            f"{PREFIX}-{row}-notice": notice,
            f"{PREFIX}-{row}-programme": str(programme.pk),
        }
    )
    return client.post(url, data)


def recorded(programme):
    return list(
        ProgrammeCodeChange.objects.filter(programme=programme).values_list(
            "former_code", "first_year", "notice"
        )
    )


def test_a_code_change_is_recorded_on_the_programme_page(admin_client, programme):
    notice = "https://example.org/croho-wijziging"
    response = post_new_change(admin_client, programme, "12345", 2018, notice)
    assert response.status_code == 302, error_text(response)
    assert recorded(programme) == [("12345", 2018, notice)]


@pytest.mark.parametrize(
    ("former_code", "first_year", "message"),
    [
        (
            "56789",
            2018,
            "The former code must differ from the programme's current code (56789).",
        ),
        ("12a45", 2018, "A CROHO code is five digits, e.g. 56604."),
        ("1234", 2018, "A CROHO code is five digits, e.g. 56604."),
        ("12345", 1989, "greater than or equal to 1990"),
    ],
)
def test_an_impossible_change_is_refused_and_nothing_saved(
    admin_client, programme, former_code, first_year, message
):
    name = programme.name
    response = post_new_change(admin_client, programme, former_code, first_year)
    assert response.status_code == 200
    assert message in error_text(response)
    assert recorded(programme) == []
    programme.refresh_from_db()
    assert programme.name == name


def test_a_change_too_far_ahead_is_refused(admin_client, programme):
    next_year = timezone.localdate().year + 1
    response = post_new_change(admin_client, programme, "12345", next_year + 1)
    assert response.status_code == 200
    assert f"A code change starts at the latest in {next_year}." in error_text(response)
    assert recorded(programme) == []
    # Next year itself is allowed: a change announced for the coming year.
    response = post_new_change(admin_client, programme, "12345", next_year)
    assert response.status_code == 302, error_text(response)


def test_a_second_change_in_the_same_year_is_refused(admin_client, programme):
    ProgrammeCodeChange.objects.create(
        programme=programme, former_code="12345", first_year=2018
    )
    response = post_new_change(admin_client, programme, "11111", 2018)
    assert response.status_code == 200
    assert "This programme already has a code change in this year." in error_text(
        response
    )
    assert recorded(programme) == [("12345", 2018, "")]


def test_a_new_programme_cannot_record_its_own_code_as_former(admin_client):
    """Added with the programme: checked against the study chosen in the form."""
    study = StudyFactory(croho_code="56789")
    template = ProgrammeFactory(study=study)
    url = admin_url(Programme, "add")
    data = form_data(admin_client.get(url))
    copied = form_data(admin_client.get(admin_url(Programme, "change", template.pk)))
    fields = ("name_nl", "name_en", "study", "institution", "form", "funding")
    data.update({name: copied[name] for name in fields})
    data.update(
        {
            "slug": "nieuwe-opleiding",
            "slug_en": "new-programme",
            "location_code": "99XX00",
            f"{PREFIX}-TOTAL_FORMS": "1",
            f"{PREFIX}-0-former_code": "56789",
            f"{PREFIX}-0-first_year": "2018",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "must differ from the programme's current code (56789)" in error_text(
        response
    )
    assert Programme.objects.count() == 1
    assert ProgrammeCodeChange.objects.count() == 0


def test_the_database_refuses_a_year_before_1990_saved_around_the_admin(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeCodeChange.objects.create(
            programme=programme, former_code="12345", first_year=1989
        )
    assert recorded(programme) == []
