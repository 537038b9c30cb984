"""Deleting a programme takes all of it, and restoring it brings all of it back:
the deletes and restores commit, as in production (transaction=True)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from programmes.models import (
    Enrolment,
    HonoursProgramme,
    Programme,
    ProgrammeCodeChange,
    Specialisation,
    StudyProgress,
    TuitionFee,
)
from public.models import ProgrammeSummary
from surveys.models import ProgrammeScore
from tests.programmes.admin_pages import admin_url
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    HonoursProgrammeFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    StudyProgressFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import ProgrammeScoreFactory

pytestmark = pytest.mark.django_db(transaction=True)

PARTS = (
    Specialisation,
    HonoursProgramme,
    TuitionFee,
    Enrolment,
    StudyProgress,
    ProgrammeCodeChange,
    ProgrammeScore,
)


@pytest.fixture(autouse=True)
def _english_admin():
    with translation.override("en"):
        yield


@pytest.fixture
def superuser(client):
    user = get_user_model().objects.create_user(
        "admin", password="x", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return user


@pytest.fixture
def programme():
    """A programme with one of every part, its enrolment citing two sources."""
    programme = ProgrammeFactory(name_en="Astronomy")
    SpecialisationFactory(programme=programme, name_en="Planets")
    HonoursProgrammeFactory(programme=programme, name_en="Honours in stars")
    TuitionFeeFactory(programme=programme, amount=2601)
    enrolment = EnrolmentFactory(programme=programme, students=300)
    enrolment.sources.add(DataSourceFactory(), DataSourceFactory())
    StudyProgressFactory(programme=programme)
    ProgrammeCodeChange.objects.create(
        programme=programme, former_code="12345", first_year=2018
    )
    ProgrammeScoreFactory(programme=programme, mean="3.90")
    assert ProgrammeSummary.objects.get(programme=programme).students == 300
    return programme


def parts_of(programme_id) -> dict:
    """Every part of a programme as stored: {model name: [field values]}."""
    return {
        model.__name__: sorted(
            model.objects.filter(programme_id=programme_id).values_list()
        )
        for model in PARTS
    }


def links_of(programme_id) -> list:
    return sorted(
        Enrolment.sources.through.objects.filter(
            enrolment__programme_id=programme_id
        ).values_list("enrolment_id", "datasource_id")
    )


def delete_in_admin(client, programme):
    response = client.post(
        admin_url(Programme, "delete", programme.pk), {"post": "yes"}
    )
    assert response.status_code == 302
    return response


def messages_on(response) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        item.get_text(strip=True) for item in page.select(".messagelist li")
    )


def test_deleting_a_programme_with_every_part_removes_it_its_parts_and_summary(
    client, superuser, programme
):
    delete_in_admin(client, programme)

    assert not Programme.objects.filter(pk=programme.pk).exists()
    assert all(parts == [] for parts in parts_of(programme.pk).values())
    assert links_of(programme.pk) == []
    assert not ProgrammeSummary.objects.filter(programme_id=programme.pk).exists()
    client.logout()
    assert client.get(programme.get_absolute_url()).status_code == 404


def test_restoring_from_the_deleted_programmes_page_brings_everything_back(
    client, superuser, programme
):
    parts, links = parts_of(programme.pk), links_of(programme.pk)
    summary = ProgrammeSummary.objects.filter(pk=programme.pk).values().get()
    delete_in_admin(client, programme)

    response = client.post(
        reverse("admin:programmes_programme_deleted"),
        {"programme_id": programme.pk},
    )

    assert response.status_code == 302
    assert response.url == admin_url(Programme, "change", programme.pk)
    assert Programme.objects.get(pk=programme.pk).name_en == "Astronomy"
    assert parts_of(programme.pk) == parts
    assert len(links) == 2 and links_of(programme.pk) == links
    fresh = ProgrammeSummary.objects.filter(pk=programme.pk).values().get()
    assert fresh == summary
    client.logout()
    assert client.get(programme.get_absolute_url()).status_code == 200


def test_restoring_a_programme_whose_slug_was_taken_since_says_so_and_changes_nothing(
    client, superuser, programme
):
    delete_in_admin(client, programme)
    newcomer = ProgrammeFactory(slug=programme.slug, name_en="Cosmology")
    counts = {
        model: model.objects.count() for model in (Programme, ProgrammeSummary, *PARTS)
    }
    versions = Programme.history.count()

    response = client.post(
        reverse("admin:programmes_programme_deleted"),
        {"programme_id": programme.pk},
    )

    assert response.status_code == 302
    assert response.url == reverse("admin:programmes_programme_deleted")
    shown = messages_on(client.get(response.url))
    assert f"“{programme}” cannot come back" in shown
    assert f"“{newcomer}” now has its web address ({programme.slug})" in shown
    assert {model: model.objects.count() for model in counts} == counts
    assert Programme.history.count() == versions
    assert Programme.objects.get(slug=programme.slug) == newcomer
    page = BeautifulSoup(client.get(response.url).content, "html.parser")
    assert page.select_one("#deleted-programmes") is not None  # still restorable
