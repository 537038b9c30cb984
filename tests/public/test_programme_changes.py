"""A programme's public change log after an import and an edit: the page lists
both with dates and sources in Dutch and English, an internal edit is left out,
and the Atom feed carries the same entries (programmes.changelog)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from programmes.importing.statistics import enrolments_import
from programmes.models import ImportRun, Programme
from tests.programmes.admin_pages import admin_url, form_data
from tests.programmes.factories import (
    SpecialisationFactory,
    TuitionFeeFactory,
    leiden_law_programme,
)

KEY = "0546;Leiden;21PB;50700;voltijd onderwijs"
FIRST_YEARS_FILE = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;GESLACHT;2016;2017\n"
    f"{KEY};man;30;31\n{KEY};vrouw;40;41\n"
).encode()
FILE_NAME = "wo_inscriptions_2019.csv"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user(
        "editor", password="x", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return user


def admin_edit(client, programme, *, internal=False, **changes):
    url = admin_url(Programme, "change", programme.pk)
    with translation.override("en"):
        data = form_data(client.get(url))
        data.update(changes)
        if internal:
            data["internal_edit"] = "on"
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def changes_url(programme, language):
    with translation.override(language):
        slug = programme.slug_in(language)
        return reverse("programmes:programme_changes", kwargs={"slug": slug})


def feed_url(programme, language):
    with translation.override(language):
        slug = programme.slug_in(language)
        return reverse("programmes:programme_changes_feed", kwargs={"slug": slug})


def entries(response) -> list[str]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        item.get_text(" ", strip=True) for item in soup.select(".change-log__entry")
    ]


@pytest.fixture
def changed_programme(client, editor):
    """Imported figures, then a text edit, then an internal edit (in that order)."""
    programme = leiden_law_programme()
    enrolments_import(data=FIRST_YEARS_FILE, file_name=FILE_NAME)
    admin_edit(client, programme, description_nl="Nieuwe tekst", description_en="New")
    admin_edit(client, programme, admission_nl="Typfout hersteld", internal=True)
    client.logout()
    return programme


# Committed as in production: the import's and the edits' transactions end.
@pytest.mark.django_db(transaction=True)
def test_the_english_page_lists_the_edit_and_the_import_with_dates_and_sources(
    client, changed_programme
):
    run = ImportRun.objects.get()
    with translation.override("en"):
        today = dateformat.format(timezone.localdate(), "N j, Y")  # Dec. 4, 2026
    response = client.get(changes_url(changed_programme, "en"))
    assert response.status_code == 200
    listed = entries(response)
    assert len(listed) == 3  # the edit, the import, the programme's creation
    edit, imported, added = listed
    assert edit == f"{today} — Changed: description (source: Keuzewijzer editors)"
    assert imported == (
        f"{today} — Student figures imported: first-year students 2016–2017, "
        f"2017–2018 (source: {run.dataset} ({FILE_NAME}))"
    )
    assert added.endswith("Programme added (source: Keuzewijzer editors)")
    # The internal edit's field is named nowhere.
    assert "admission" not in response.content.decode()


@pytest.mark.django_db
def test_the_dutch_page_names_the_fields_in_dutch(client, changed_programme):
    response = client.get(changes_url(changed_programme, "nl"))
    assert response.status_code == 200
    edit, imported, _added = entries(response)
    assert "Gewijzigd: beschrijving" in edit
    assert "redactie" in edit
    assert "eerstejaars" in imported
    assert FILE_NAME in imported


@pytest.mark.django_db
def test_the_programme_page_links_to_its_changes_and_feed(client, changed_programme):
    page = client.get(changed_programme.get_absolute_url())
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    assert soup.select_one(".programme-updated a")["href"] == changes_url(
        changed_programme, "nl"
    )
    feed = soup.select_one('link[rel="alternate"][type="application/atom+xml"]')
    assert feed["href"] == feed_url(changed_programme, "nl")


@pytest.mark.django_db
def test_the_feed_is_atom_with_the_same_entries(client, changed_programme):
    with translation.override("en"):
        response = client.get(feed_url(changed_programme, "en"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    items = root.findall(f"{ATOM}entry")
    titles = [item.findtext(f"{ATOM}title") for item in items]
    assert titles[0] == "Changed: description"
    assert titles[1].startswith("Student figures imported: first-year students")
    assert len(titles) == 3
    ids = [item.findtext(f"{ATOM}id") for item in items]
    assert len(set(ids)) == 3
    assert all(id_.startswith("http://testserver/en/programmes/") for id_ in ids)
    assert root.findtext(f"{ATOM}id").startswith("http://testserver/")
    updated = datetime.datetime.fromisoformat(items[0].findtext(f"{ATOM}updated"))
    assert abs(updated - timezone.now()) < datetime.timedelta(minutes=5)


@pytest.mark.django_db
def test_an_unpublished_programme_has_no_changes_page_or_feed(
    client, changed_programme
):
    Programme.objects.filter(pk=changed_programme.pk).update(is_published=False)
    assert client.get(changes_url(changed_programme, "en")).status_code == 404
    assert client.get(feed_url(changed_programme, "en")).status_code == 404


@pytest.mark.django_db
def test_a_withdrawal_and_republication_appear_in_the_log(client, editor):
    programme = leiden_law_programme()
    admin_edit(client, programme, is_published="")
    admin_edit(client, programme, is_published="on")
    client.logout()
    listed = entries(client.get(changes_url(programme, "en")))
    assert "Published again" in listed[0]
    assert "Withdrawn" in listed[1]


@pytest.mark.django_db
def test_a_recorded_code_change_appears_in_the_log(client, editor):
    programme = leiden_law_programme()
    admin_edit(
        client,
        programme,
        **{
            "code_changes-TOTAL_FORMS": "1",
            "code_changes-0-former_code": "12345",
            "code_changes-0-first_year": "2018",
        },
    )
    client.logout()
    listed = entries(client.get(changes_url(programme, "en")))
    assert "Former programme code “12345, up to 2017–2018”: added" in listed[0]


def programme_with_edits(count):
    """A programme edited `count` times (each a version), with imported figures."""
    programme = leiden_law_programme()
    enrolments_import(data=FIRST_YEARS_FILE, file_name=FILE_NAME)
    for number in range(count):
        programme.description_en = f"Version {number}"
        programme.save()
    return programme


@pytest.mark.django_db
@pytest.mark.parametrize("edits", [3, 30])
@pytest.mark.parametrize("url", [changes_url, feed_url])
def test_the_log_costs_the_same_queries_for_3_and_30_changes(
    client, django_assert_max_num_queries, edits, url
):
    programme = programme_with_edits(edits)
    # The programme; the versions of the programme and of each of its 5 kinds of
    # part; its cited figures; the catalogue imports' changes; its survey scores'
    # runs; its study's career outcomes' and judgements' runs. Nothing per change.
    with django_assert_max_num_queries(12):
        response = client.get(url(programme, "en"))
    assert response.status_code == 200
    assert response.content.decode().count("Changed: description") == edits


@pytest.mark.django_db
def test_an_old_slug_leads_to_the_changes_page_at_its_address(client):
    programme = leiden_law_programme()
    programme.slug_en = "law-in-leiden"
    programme.save()
    with translation.override("en"):
        moved = reverse("programmes:programme_changes", kwargs={"slug": programme.slug})
    response = client.get(moved)
    assert response.status_code == 301
    assert response["Location"] == changes_url(programme, "en")
    assert changes_url(programme, "nl").endswith(f"/{programme.slug}/wijzigingen/")


@pytest.mark.django_db
def test_a_part_change_is_named_by_its_part(client):
    programme = leiden_law_programme()
    track = SpecialisationFactory(
        programme=programme, name_en="Data Science", name_nl="Datawetenschap"
    )
    fee = TuitionFeeFactory(programme=programme, academic_year=2025, amount=2601)
    fee.amount = 2700
    fee.save()
    track.delete()
    listed = entries(client.get(changes_url(programme, "en")))
    whats = [entry.split(" — ", 1)[1] for entry in listed]
    assert whats[:4] == [
        "Specialisation “Data Science”: removed (source: Keuzewijzer editors)",
        "Tuition fee “2025–2026”: changed amount (EUR) (source: Keuzewijzer editors)",
        "Tuition fee “2025–2026”: added (source: Keuzewijzer editors)",
        "Specialisation “Data Science”: added (source: Keuzewijzer editors)",
    ]
    dutch = entries(client.get(changes_url(programme, "nl")))
    assert "Specialisatie “Datawetenschap”: verwijderd" in dutch[0]


@pytest.mark.django_db
def test_an_internal_edit_also_hides_the_parts_saved_with_it(client, editor):
    programme = leiden_law_programme()
    SpecialisationFactory(programme=programme, name_en="Data Science")
    url = admin_url(Programme, "change", programme.pk)
    with translation.override("en"):
        data = form_data(client.get(url))
    data["specialisations-0-description_en"] = "A typo fixed"
    data["internal_edit"] = "on"
    with translation.override("en"):
        assert client.post(url, data).status_code == 302
    assert programme.specialisations.get().description_en == "A typo fixed"
    client.logout()
    listed = entries(client.get(changes_url(programme, "en")))
    assert not [entry for entry in listed if "changed" in entry.lower()]


@pytest.mark.django_db
def test_staff_hide_an_edit_already_saved_and_show_it_again(client, editor):
    programme = leiden_law_programme()
    admin_edit(client, programme, description_en="Note for staff")
    version = programme.history.latest()
    changelist = admin_url(Programme.history.model, "changelist")

    def act(action):
        with translation.override("en"):
            response = client.post(
                changelist, {"action": action, "_selected_action": [version.pk]}
            )
        assert response.status_code == 302

    def listed():
        client.logout()
        found = entries(client.get(changes_url(programme, "en")))
        client.force_login(editor)
        return [entry for entry in found if "Changed: description" in entry]

    assert len(listed()) == 1
    act("hide_from_changelog")
    assert listed() == []
    act("show_in_changelog")
    assert len(listed()) == 1
