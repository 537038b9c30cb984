"""Who gets which report and which admin page: the permission matrix.

Assertions read the files themselves: a liaison of A must get no row about B.
"""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from programmes.models import ProgrammeCodeChange
from tests.programmes.admin_pages import form_data

pytestmark = pytest.mark.django_db


def reports_url():
    with translation.override("nl"):
        return reverse("reports:reports")


def client_for(client, users, who):
    if users[who] is not None:
        client.force_login(users[who])
    return client


def download(client, **data):
    payload = {"report": "overview", "file_format": "csv", **data}
    return client.post(reports_url(), payload)


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def brins(rows):
    return {row[0] for row in rows[1:]}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("no_role", 403),
        ("liaison_a", 200),
        ("liaison_b", 200),
        ("editor", 200),
        ("superuser", 200),
    ],
)
def test_reports_page_access(client, users, who, status):
    response = client_for(client, users, who).get(reports_url())
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith("/nl/rapportages/inloggen/")


@pytest.mark.parametrize(
    ("who", "institution", "expected"),
    [
        ("liaison_a", "21PB", {"21PB"}),
        ("liaison_a", "21PC", None),  # not theirs: a form error, no file
        ("liaison_b", "21PC", {"21PC"}),
        ("liaison_b", "21PB", None),
        ("editor", "21PB", {"21PB"}),
        ("editor", "21PC", {"21PC"}),
        ("editor", "", {"21PB", "21PC"}),
        ("superuser", "21PC", {"21PC"}),
        ("superuser", "", {"21PB", "21PC"}),
    ],
)
@pytest.mark.parametrize("report", ["overview", "survey"])
def test_each_role_gets_exactly_its_institutions_rows(
    client, users, who, institution, expected, report
):
    client = client_for(client, users, who)
    response = download(client, institution=institution, report=report)
    if expected is None:  # the form refuses it: a page with an error, no file
        assert response["Content-Type"].startswith("text/html")
        assert "Content-Disposition" not in response
        assert "Selecteer een geldige keuze" in response.content.decode()
        return
    assert brins(csv_rows(response)) == expected


def test_liaison_cannot_report_on_all_institutions(client, users):
    client.force_login(users["liaison_a"])
    response = download(client, institution="")
    assert response["Content-Type"].startswith("text/html")
    assert "Dit veld is verplicht." in response.content.decode()


def test_liaison_form_offers_only_their_institutions(client, users):
    client.force_login(users["liaison_a"])
    page = client.get(reports_url()).content.decode()
    assert "Universiteit Leiden" in page
    assert "Rijksuniversiteit Groningen" not in page


def test_careers_report_of_a_liaison_covers_their_studies_only(client, users):
    client.force_login(users["liaison_a"])
    header, *rows = csv_rows(download(client, institution="21PB", report="careers"))
    croho = header.index("CROHO-code")
    assert [(row[0], row[croho]) for row in rows] == [("21PB", "66990")]


# --- Admin --------------------------------------------------------------------


def admin_url(name, *args):
    with translation.override("nl"):
        return reverse(f"admin:{name}", args=args)


@pytest.mark.parametrize(
    ("who", "own", "other"),
    [
        ("liaison_a", 200, 302),  # B's programme: not in their queryset
        ("liaison_b", 302, 200),
        ("editor", 200, 200),
        ("superuser", 200, 200),
        ("no_role", 302, 302),  # not staff: sent to the login page
    ],
)
def test_programme_change_page_matrix(client, users, two_institutions, who, own, other):
    client = client_for(client, users, who)
    a = two_institutions["A"]["programme"]
    b = two_institutions["B"]["programme"]
    assert client.get(admin_url("programmes_programme_change", a.pk)).status_code == own
    assert (
        client.get(admin_url("programmes_programme_change", b.pk)).status_code == other
    )


def test_liaison_programme_list_shows_only_their_programmes(client, users):
    client.force_login(users["liaison_a"])
    page = client.get(admin_url("programmes_programme_changelist")).content.decode()
    assert "BMW Universiteit Leiden" in page
    assert "BMW Rijksuniversiteit Groningen" not in page


@pytest.mark.parametrize(
    "page",
    [
        ("programmes_institution_changelist",),
        ("programmes_enrolment_changelist",),
        ("reports_exportlog_changelist",),
        ("reports_institutionliaison_changelist",),
        ("programmes_programme_add",),
    ],
)
def test_liaison_sees_no_other_admin_pages(client, users, page):
    client.force_login(users["liaison_a"])
    assert client.get(admin_url(*page)).status_code == 403


def test_liaison_edits_only_texts_and_the_edit_is_attributed(
    client, users, two_institutions
):
    from django.contrib.admin.models import LogEntry

    from tests.programmes.admin_pages import form_data

    programme = two_institutions["A"]["programme"]
    client.force_login(users["liaison_a"])
    url = admin_url("programmes_programme_change", programme.pk)
    page = client.get(url)
    form = page.context["adminform"].form
    assert set(form.fields) >= {"description_nl", "description_en", "admission_nl"}
    assert "name_nl" not in form.fields and "is_published" not in form.fields
    data = form_data(page)
    data["description_nl"] = "Nieuwe beschrijving van de liaison."
    data["name_nl"] = "Gekaapte naam"  # read-only: ignored
    assert client.post(url, data).status_code == 302
    programme.refresh_from_db()
    assert programme.description_nl == "Nieuwe beschrijving van de liaison."
    assert programme.name_nl == "BMW Universiteit Leiden"
    entry = LogEntry.objects.get(object_id=str(programme.pk))
    assert entry.user == users["liaison_a"]
    assert programme.history.latest().history_user == users["liaison_a"]


def test_only_editors_record_a_programme_code_change_on_its_page(
    client, users, two_institutions
):
    """The former codes' inline is the editors': a liaison's page has none, and
    a code change posted with their own programme's texts is not saved."""
    programme = two_institutions["A"]["programme"]
    url = admin_url("programmes_programme_change", programme.pk)
    client.force_login(users["editor"])
    assert "code_changes-TOTAL_FORMS" in form_data(client.get(url))
    client.force_login(users["liaison_a"])
    data = form_data(client.get(url))
    assert "code_changes-TOTAL_FORMS" not in data
    data.update(
        {
            "code_changes-TOTAL_FORMS": "1",
            "code_changes-INITIAL_FORMS": "0",
            "code_changes-0-former_code": "12345",
            "code_changes-0-first_year": "2018",
        }
    )
    assert client.post(url, data).status_code == 302  # their texts saved
    assert not ProgrammeCodeChange.objects.exists()


def test_liaison_cannot_post_to_another_institutions_programme(
    client, users, two_institutions
):
    programme = two_institutions["B"]["programme"]
    client.force_login(users["liaison_a"])
    url = admin_url("programmes_programme_change", programme.pk)
    response = client.post(url, {"description_nl": "Overgenomen"})
    assert response.status_code == 302  # "does not exist" redirect, nothing saved
    programme.refresh_from_db()
    assert programme.description_nl != "Overgenomen"


def test_export_log_is_visible_to_superusers(client, users):
    client.force_login(users["liaison_a"])
    download(client, institution="21PB")
    admin = client.__class__()
    admin.force_login(users["superuser"])
    page = admin.get(admin_url("reports_exportlog_changelist")).content.decode()
    assert "liaison-a" in page and "overview" in page


@pytest.mark.parametrize(
    "permission",
    [
        "programmes.view_programme",
        "programmes.change_programme",
        "programmes.view_specialisation",
        "programmes.change_specialisation",
    ],
)
def test_a_liaisons_rights_need_an_object_of_their_own(
    users, two_institutions, permission
):
    liaison = users["liaison_a"]
    own = two_institutions["A"]["programme"]
    other = two_institutions["B"]["programme"]
    if permission.endswith("specialisation"):
        own, other = own.specialisations.get(), other.specialisations.get()
    assert liaison.has_perm(permission, own)
    assert not liaison.has_perm(permission, other)
    # "May they change programmes?" without saying which has no yes.
    assert not liaison.has_perm(permission)


def test_liaison_reads_who_changed_their_programme_but_opens_no_version(
    client, users, two_institutions
):
    programme = two_institutions["A"]["programme"]
    programme.save()
    client.force_login(users["liaison_a"])
    response = client.get(admin_url("programmes_programme_history", programme.pk))
    assert response.status_code == 200
    version_links = [
        link["href"]
        for link in BeautifulSoup(response.content, "html.parser").select(
            "#change-history a"
        )
        if "/history/" in link["href"]
    ]
    assert version_links == []
    version = programme.history.earliest()
    url = admin_url("programmes_programme_simple_history", programme.pk, version.pk)
    assert client.get(url).status_code == 403


def test_liaison_cannot_read_the_history_of_a_deleted_programme(
    client, users, two_institutions
):
    programme = two_institutions["A"]["programme"]
    programme_id = programme.pk
    programme.delete()
    client.force_login(users["liaison_a"])
    response = client.get(admin_url("programmes_programme_history", programme_id))
    assert response.status_code == 403


def test_view_only_staff_cannot_revert_by_posting_the_version_form(
    client, users, two_institutions
):
    from django.contrib.auth.models import Permission

    from tests.programmes.admin_pages import form_data

    study = two_institutions["A"]["programme"].study
    original = study.name_nl
    study.name_nl = "Nieuwe naam"
    study.save()
    viewer = users["staff"]
    viewer.user_permissions.add(Permission.objects.get(codename="view_study"))
    version = study.history.earliest()
    url = admin_url("programmes_study_simple_history", study.pk, version.pk)
    admin = client.__class__()
    admin.force_login(users["superuser"])
    data = form_data(admin.get(url))
    assert data["name_nl"] == original
    client.force_login(viewer)
    assert client.get(url).status_code == 200  # they may look
    assert client.post(url, data).status_code == 403
    study.refresh_from_db()
    assert study.name_nl == "Nieuwe naam"
