"""Every admin edit is versioned with author and time, can be compared and restored;
unpublishing is the normal way to take a programme offline, deleting is recoverable."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from programmes.models import (
    HonoursProgramme,
    Programme,
    Specialisation,
    StudyProgress,
    TuitionFee,
)
from programmes.services import programme_restore_deleted
from public.models import ProgrammeSummary
from tests.programmes.admin_pages import admin_url, form_data
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    HonoursProgrammeFactory,
    InstitutionFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    StudyProgressFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import ProgrammeScoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_admin():
    with translation.override("en"):
        yield


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user(
        "editor", password="x", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return user


def edit(client, model, obj, **changes):
    url = admin_url(model, "change", obj.pk)
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_admin_edit_is_versioned_with_its_author_and_shown_as_a_change(client, editor):
    programme = ProgrammeFactory(name_nl="Sterrenkunde", name_en="Astronomy")
    edit(client, Programme, programme, name_en="Astrophysics")
    latest = programme.history.latest()
    assert latest.history_user == editor
    assert latest.name_en == "Astrophysics"
    assert latest.history_date is not None

    history = client.get(admin_url(Programme, "history", programme.pk))
    assert history.status_code == 200
    text = BeautifulSoup(history.content, "html.parser").get_text(" ", strip=True)
    assert "editor" in text
    assert "Astronomy" in text and "Astrophysics" in text  # the compared values


def test_an_earlier_version_can_be_restored_from_the_history_page(client, editor):
    programme = ProgrammeFactory(name_en="Astronomy")
    original = programme.history.latest()
    edit(client, Programme, programme, name_en="Vandalised")
    restore_url = reverse(
        "admin:programmes_programme_simple_history",
        args=[programme.pk, original.history_id],
    )
    form = client.get(restore_url)
    assert form.status_code == 200
    assert client.post(restore_url, form_data(form)).status_code == 302
    programme.refresh_from_db()
    assert programme.name_en == "Astronomy"
    assert programme.history.latest().history_user == editor


def test_translated_institution_edits_keep_both_languages_in_history(client, editor):
    institution = InstitutionFactory(name_nl="Universiteit X", name_en="X University")
    edit(client, type(institution), institution, name_nl="Universiteit Y")
    version = institution.history.latest()
    assert (version.name_nl, version.name_en) == ("Universiteit Y", "X University")


def test_unpublishing_takes_the_page_offline_and_is_versioned(client, editor):
    programme = ProgrammeFactory()
    url = programme.get_absolute_url()
    response = client.post(
        admin_url(Programme, "changelist"),
        {"action": "unpublish", "_selected_action": [programme.pk]},
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.is_published is False
    assert programme.history.latest().history_user == editor
    client.logout()
    assert client.get(url).status_code == 404


def test_only_superusers_may_delete_programmes(client):
    staff = get_user_model().objects.create_user("staff", password="x", is_staff=True)
    staff.user_permissions.add(
        *staff.user_permissions.model.objects.filter(
            codename__in=("change_programme", "delete_programme", "view_programme")
        )
    )
    client.force_login(staff)
    programme = ProgrammeFactory()
    response = client.get(admin_url(Programme, "delete", programme.pk))
    assert response.status_code == 403
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_a_deleted_programme_comes_back_with_its_parts(client, editor):
    programme = ProgrammeFactory(name_en="Astronomy")
    SpecialisationFactory(programme=programme, name_en="Planets")
    TuitionFeeFactory(programme=programme)
    delete_url = admin_url(Programme, "delete", programme.pk)
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Programme.objects.filter(pk=programme.pk).exists()

    restored = programme_restore_deleted(programme_id=programme.pk)

    assert Programme.objects.get(pk=programme.pk).name_en == "Astronomy"
    assert restored.get_absolute_url() == programme.get_absolute_url()
    assert list(
        Specialisation.objects.filter(programme=restored).values_list(
            "name_en", flat=True
        )
    ) == ["Planets"]
    assert TuitionFee.objects.filter(programme=restored).count() == 1


def test_restoring_a_programme_that_was_never_deleted_is_refused():
    programme = ProgrammeFactory()
    with pytest.raises(Programme.DoesNotExist):
        programme_restore_deleted(programme_id=programme.pk)
    with pytest.raises(Programme.DoesNotExist):
        programme_restore_deleted(programme_id=programme.pk + 1000)


def delete_in_admin(client, programme):
    response = client.post(
        admin_url(Programme, "delete", programme.pk), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Programme.objects.filter(pk=programme.pk).exists()


def test_deleted_programmes_page_lists_who_deleted_what_and_restores_it(client, editor):
    programme = ProgrammeFactory(name_en="Astronomy")
    SpecialisationFactory(programme=programme, name_en="Planets")
    score = ProgrammeScoreFactory(programme=programme, mean="3.90")
    delete_in_admin(client, programme)
    deleted_url = reverse("admin:programmes_programme_deleted")

    changelist = client.get(admin_url(Programme, "changelist"))
    assert deleted_url in changelist.content.decode()
    page = BeautifulSoup(client.get(deleted_url).content, "html.parser")
    row = page.select_one("#deleted-programmes tbody tr")
    cells = [cell.get_text(strip=True) for cell in row.select("td")]
    assert cells[0] == "Astronomy"
    assert cells[2] == "editor"

    response = client.post(deleted_url, {"programme_id": programme.pk})

    assert response.status_code == 302
    assert response.url == admin_url(Programme, "change", programme.pk)
    restored = Programme.objects.get(pk=programme.pk)
    assert restored.name_en == "Astronomy"
    assert restored.specialisations.get().name_en == "Planets"
    assert str(restored.survey_scores.get(pk=score.pk).mean) == "3.90"
    page = BeautifulSoup(client.get(deleted_url).content, "html.parser")
    assert page.select_one("#deleted-programmes") is None
    assert "No deleted programmes." in page.get_text()


def test_restoring_an_unknown_or_existing_programme_changes_nothing(client, editor):
    programme = ProgrammeFactory()
    deleted_url = reverse("admin:programmes_programme_deleted")
    for bad in (programme.pk, "abc", ""):
        response = client.post(deleted_url, {"programme_id": bad}, follow=True)
        assert "That programme is not among the deleted programmes." in (
            response.content.decode()
        )
    assert Programme.objects.count() == 1
    assert programme.history.count() == 1


def test_only_superusers_see_and_use_the_deleted_programmes_page(client):
    staff = get_user_model().objects.create_user("staff", password="x", is_staff=True)
    staff.user_permissions.add(
        *staff.user_permissions.model.objects.filter(
            codename__in=("change_programme", "view_programme")
        )
    )
    client.force_login(staff)
    deleted_url = reverse("admin:programmes_programme_deleted")
    assert client.get(deleted_url).status_code == 403
    assert client.post(deleted_url, {"programme_id": 1}).status_code == 403
    changelist = client.get(admin_url(Programme, "changelist"))
    assert deleted_url not in changelist.content.decode()


def revert_url(programme, version):
    return reverse(
        "admin:programmes_programme_simple_history",
        args=[programme.pk, version.history_id],
    )


def as_a_browser_posts(data):
    """Browsers send the text of a textarea with CRLF line endings."""
    return {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for name, value in data.items()
    }


def revert(client, programme, version, **changes):
    url = revert_url(programme, version)
    data = as_a_browser_posts(form_data(client.get(url)))
    data.update(changes)
    return client.post(url, data)


def test_an_admin_edit_that_marks_a_new_field_is_one_version(client, editor):
    programme = ProgrammeFactory(name_en="Astronomy")
    versions = programme.history.count()

    edit(client, Programme, programme, name_en="Astrophysics")

    assert programme.history.count() == versions + 1
    latest = programme.history.latest()
    assert (latest.name_en, latest.edited_fields) == ("Astrophysics", ["name_en"])


def test_reverting_restores_the_parts_and_source_links_of_that_version(client, editor):
    programme = ProgrammeFactory(name_en="Astronomy")
    SpecialisationFactory(programme=programme, name_en="Planets")
    fee = TuitionFeeFactory(programme=programme, amount=2601)
    enrolment = EnrolmentFactory(programme=programme)
    cited = DataSourceFactory()
    enrolment.sources.add(cited)
    score = ProgrammeScoreFactory(programme=programme, mean="3.90")
    progress = StudyProgressFactory(programme=programme)
    imported = HonoursProgramme.objects.bulk_create(  # imports make no versions
        [HonoursProgramme(programme=programme, name_nl="Excellentie")]
    )[0]
    version = programme.history.latest()
    # The next version, with an inline edit saved along with it ...
    edit(
        client,
        Programme,
        programme,
        name_en="Vandalised",
        **{"specialisations-0-name_en": "Vandal track"},
    )
    # ... and later changes to the parts.
    gone_fee, gone_progress = fee.pk, progress.pk
    fee.delete()
    progress.delete()
    HonoursProgrammeFactory(programme=programme, name_en="Added later")
    enrolment.sources.set([DataSourceFactory()])
    score.mean = "2.00"
    score.save()
    versions = programme.history.count()

    response = revert(client, programme, version)

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name_en == "Astronomy"
    assert [s.name_en for s in programme.specialisations.all()] == ["Planets"]
    assert TuitionFee.objects.get(pk=gone_fee).amount == 2601
    assert StudyProgress.objects.filter(pk=gone_progress, programme=programme).exists()
    assert list(programme.honours_programmes.all()) == [imported]
    assert list(programme.enrolments.get().sources.all()) == [cited]
    assert str(programme.survey_scores.get().mean) == "3.90"
    assert programme.history.count() == versions + 1
    assert programme.history.latest().history_user == editor
    summary = ProgrammeSummary.objects.get(programme=programme)
    assert (summary.statutory_fee, summary.honours_count) == (2601, 1)


def test_reverting_clears_the_marks_it_undid_and_keeps_the_earlier_ones(client, editor):
    programme = ProgrammeFactory(
        name_en="Astronomy", description_en="Stars.\nAnd planets."
    )
    edit(client, Programme, programme, name_nl="Sterrenkunde (nieuw)")
    version = programme.history.latest()
    edit(client, Programme, programme, name_en="Vandalised", description_en="Gone")

    response = revert(client, programme, version, taught_by_en="Faculty of Science")

    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.name_en, programme.description_en) == (
        "Astronomy",
        "Stars.\nAnd planets.",
    )
    # The name edit stays protected from imports, the undone edits do not; the
    # field changed on the revert form is a new staff edit.
    assert programme.edited_fields == ["name_nl", "taught_by_en"]


def test_a_revert_that_cannot_restore_every_part_says_so_and_changes_nothing(
    client, editor
):
    programme = ProgrammeFactory(name_en="Astronomy")
    fee = TuitionFeeFactory(programme=programme, academic_year=2025)
    version = programme.history.latest()
    edit(client, Programme, programme, name_en="Vandalised")
    fee.delete()
    # An imported fee (no version) now holds the deleted fee's year and kind.
    TuitionFee.objects.bulk_create(
        [TuitionFee(programme=programme, academic_year=2025, amount=3000)]
    )
    versions = programme.history.count()

    response = revert(client, programme, version)

    assert response.status_code == 302
    assert response.url == admin_url(Programme, "history", programme.pk)
    page = BeautifulSoup(client.get(response.url).content, "html.parser")
    assert "This version cannot be restored" in page.select_one(".messagelist").text
    programme.refresh_from_db()
    assert programme.name_en == "Vandalised"
    assert [f.amount for f in programme.fees.all()] == [3000]
    assert programme.history.count() == versions
