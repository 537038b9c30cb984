"""Staff upload a file in the admin, see a dry run, and confirm to apply it."""

import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.importing.uploads import UPLOAD_MAX_AGE_SECONDS
from programmes.models import DataSource, ImportRun, Institution, PendingUpload
from surveys.models import ProgrammeScore, SurveyRound
from tests.programmes.factories import (
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db

SURVEY_CSV = (
    "brin;croho_code;form;year;aspect;mean;respondents;std_dev;population\n"
    "21PB;66990;voltijd;2024;overall;3,9;143;0,80;300\n"
    "21PB;66990;voltijd;2024;atmosphere;4,0;143;0,80;300\n"
    "99XX;66990;voltijd;2024;overall;3,9;10;0,80;\n"
).encode("cp1252")


def upload_url():
    """In the active language: /nl/admin/… or, with the english fixture, /en/…."""
    return reverse("admin:programmes_importrun_upload")


def changelist_url():
    return reverse("admin:programmes_importrun_changelist")


@pytest.fixture(autouse=True)
def _upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def programme():
    return ProgrammeFactory(
        study=StudyFactory(croho_code="66990"),
        institution=InstitutionFactory(brin="21PB"),
    )


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def upload(client, data=SURVEY_CSV, *, kind="surveys", source_kind="demo"):
    return client.post(
        upload_url(),
        {
            "kind": kind,
            "source_kind": source_kind,
            "file": SimpleUploadedFile("nse-2024.csv", data, "text/csv"),
        },
    )


def preview_counts(response):
    soup = page(response)
    return {
        cell["data-count"]: int(cell.get_text()) for cell in soup.select("[data-count]")
    }


def checksum_of(response):
    return page(response).select_one('input[name="checksum"]')["value"]


def test_changelist_links_to_the_upload_page(admin_client):
    soup = page(admin_client.get(changelist_url()))
    link = soup.select_one(f'.object-tools a[href="{upload_url()}"]')
    assert link.get_text(strip=True) == "Bestand uploaden"


def test_upload_page_offers_every_kind_of_file(admin_client, english):
    soup = page(admin_client.get(upload_url()))
    options = [o["value"] for o in soup.select('select[name="kind"] option')]
    assert options == [
        "institutions",
        "programmes",
        "programme_details",
        "statistics",
        "surveys",
        "careers",
        "cbs_labour_market",
    ]
    assert soup.select_one('input[type="submit"]')["value"] == "Show what it would do"


def test_dry_run_shows_counts_and_changes_nothing(admin_client, programme):
    response = upload(admin_client)
    assert response.status_code == 200
    assert preview_counts(response) == {
        "rows": 3,
        "rows_imported": 2,
        "created": 2,
        "changed": 0,
        "unchanged": 0,
        "rejected": 1,
        "skipped": 0,
    }
    rows = page(response).select("#rejected-rows tbody tr")
    assert [r.get_text(" ", strip=True) for r in rows] == [
        "4 geen opleiding met deze BRIN- en CROHO-code"
    ]
    assert not ProgrammeScore.objects.exists()
    assert not SurveyRound.objects.exists()
    assert not ImportRun.objects.exists()
    assert not DataSource.objects.exists()


def test_confirming_applies_the_previewed_file(admin_client, admin_user, programme):
    checksum = checksum_of(upload(admin_client))
    response = admin_client.post(upload_url(), {"checksum": checksum}, follow=True)
    assert response.redirect_chain[-1][0] == changelist_url()
    assert (
        "3 rijen gelezen, 2 geïmporteerd, 1 afgewezen; records: 2 nieuw, "
        "0 gewijzigd, 0 ongewijzigd." in response.content.decode()
    )
    assert ProgrammeScore.objects.count() == 2
    run = ImportRun.objects.get()
    assert (run.user, run.checksum, run.created, run.rejected) == (
        admin_user,
        checksum,
        2,
        1,
    )
    assert run.dataset.kind == DataSource.Kind.DEMO


def test_confirming_twice_applies_once(admin_client, programme):
    checksum = checksum_of(upload(admin_client))
    admin_client.post(upload_url(), {"checksum": checksum})
    response = admin_client.post(upload_url(), {"checksum": checksum})
    assert response.status_code == 400
    assert ImportRun.objects.count() == 1


def test_a_file_altered_after_the_preview_is_refused(admin_client, programme):
    checksum = checksum_of(upload(admin_client))
    PendingUpload.objects.filter(checksum=checksum).update(
        data=SURVEY_CSV.replace(b"3,9", b"1,0")
    )
    response = admin_client.post(upload_url(), {"checksum": checksum})
    assert response.status_code == 400
    assert "verschilt" in page(response).select_one("[data-upload-error]").get_text()
    assert not ProgrammeScore.objects.exists()


def test_an_expired_upload_is_refused(admin_client, programme):
    checksum = checksum_of(upload(admin_client))
    session = admin_client.session
    session["pending_imports"][checksum]["uploaded_at"] = (
        time.time() - UPLOAD_MAX_AGE_SECONDS - 1
    )
    session.save()
    response = admin_client.post(upload_url(), {"checksum": checksum})
    assert response.status_code == 400
    assert "verlopen" in page(response).select_one("[data-upload-error]").get_text()
    assert not ProgrammeScore.objects.exists()


def test_a_checksum_not_previewed_in_this_session_is_refused(admin_client, programme):
    response = admin_client.post(upload_url(), {"checksum": "../../etc/passwd"})
    assert response.status_code == 400
    assert not ImportRun.objects.exists()


def test_a_bad_file_gets_a_message_naming_line_and_column(admin_client, english):
    data = SURVEY_CSV.replace(b"143", b"veel", 1)
    response = upload(admin_client, data)
    assert response.status_code == 400
    errors = page(response).select_one(".errorlist").get_text()
    assert "Line 2, column respondents: 'veel' is not a whole number." in errors
    assert not ImportRun.objects.exists()


def test_a_file_of_the_wrong_kind_is_explained(admin_client, english):
    response = upload(admin_client, kind="institutions")
    assert response.status_code == 400
    assert "the header lacks the column(s)" in page(response).get_text()


def test_a_binary_file_is_refused_without_a_server_error(admin_client):
    response = upload(admin_client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    assert response.status_code == 400
    assert not ImportRun.objects.exists()


def test_staff_without_the_import_permission_are_refused(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_importrun"))
    client.force_login(user)
    assert client.get(upload_url()).status_code == 403
    assert upload(client).status_code == 403
    changelist = page(client.get(changelist_url()))
    assert not changelist.select(f'a[href="{upload_url()}"]')


def test_staff_with_the_import_permission_may_upload(
    client, django_user_model, programme
):
    user = django_user_model.objects.create_user(
        "importer", password="x", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="add_importrun"))
    client.force_login(user)
    checksum = checksum_of(upload(client))
    client.post(upload_url(), {"checksum": checksum})
    assert ProgrammeScore.objects.count() == 2


def test_visitors_who_are_not_staff_are_sent_to_the_login(client, django_user_model):
    user = django_user_model.objects.create_user("student", password="x")
    client.force_login(user)
    response = upload(client)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not ImportRun.objects.exists()


def test_dry_run_of_a_real_duo_file_counts_like_the_import(admin_client, settings):
    """The preview runs the same service: its counts are what the import does."""
    path = settings.OPENDATA_DIR / "duo-adressen-ho" / "01.-instellingen-hbo-en-wo.csv"
    data = path.read_bytes()
    response = admin_client.post(
        upload_url(),
        {
            "kind": "institutions",
            "source_kind": "official",
            "file": SimpleUploadedFile(path.name, data, "text/csv"),
        },
    )
    counts = preview_counts(response)
    assert not Institution.objects.exists()
    checksum = checksum_of(response)
    admin_client.post(upload_url(), {"checksum": checksum})
    run = ImportRun.objects.get()
    assert counts["created"] == run.created == Institution.objects.count() > 50
    assert run.dataset.key == "duo-adressen-ho"
