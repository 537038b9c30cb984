"""A previewed upload waits in a folder only the portal's user can read."""

import stat
import tempfile

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.importing import uploads
from programmes.importing.uploads import upload_dir, upload_store
from surveys.models import ProgrammeScore
from tests.programmes.factories import (
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)

SURVEY_CSV = (
    b"brin;croho_code;form;year;aspect;mean;respondents;std_dev;population\n"
    b"21PB;66990;voltijd;2024;overall;3,9;143;0,80;300\n"
)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def system_temp(monkeypatch, settings, tmp_path):
    """The default folder, under a system temp folder of this test's own."""
    settings.IMPORT_UPLOAD_DIR = ""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_by_default_uploads_wait_in_a_private_folder_of_the_system_temp(
    system_temp,
):
    checksum = upload_store(data=SURVEY_CSV)
    directory = upload_dir()
    assert directory.parent == system_temp
    assert mode(directory) == 0o700
    assert mode(directory / f"{checksum}.csv") == 0o600


def test_a_configured_folder_that_others_could_read_is_tightened(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "imports")
    (tmp_path / "imports").mkdir(mode=0o755)
    (tmp_path / "imports").chmod(0o755)
    upload_store(data=SURVEY_CSV)
    assert mode(tmp_path / "imports") == 0o700


def test_a_file_kept_from_an_earlier_upload_becomes_private(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path)
    checksum = upload_store(data=SURVEY_CSV)
    (tmp_path / f"{checksum}.csv").chmod(0o644)
    upload_store(data=SURVEY_CSV)
    assert mode(tmp_path / f"{checksum}.csv") == 0o600


@pytest.mark.django_db
def test_a_folder_of_another_user_is_refused_in_the_admin(
    admin_client, settings, tmp_path, monkeypatch
):
    """Someone else created the folder first: nothing is written into it."""
    directory = tmp_path / "squatted"
    directory.mkdir(mode=0o777)
    settings.IMPORT_UPLOAD_DIR = str(directory)
    owner = directory.stat().st_uid
    monkeypatch.setattr(uploads.os, "geteuid", lambda: owner + 1)
    response = admin_client.post(
        reverse("admin:programmes_importrun_upload"),
        {
            "kind": "surveys",
            "source_kind": "demo",
            "file": SimpleUploadedFile("nse.csv", SURVEY_CSV, "text/csv"),
        },
    )
    assert response.status_code == 400
    errors = BeautifulSoup(response.content, "html.parser").select_one(".errorlist")
    assert str(directory) in errors.get_text()
    assert not list(directory.iterdir())


@pytest.mark.django_db
def test_preview_stores_the_file_privately_and_confirmation_removes_it(
    admin_client, system_temp
):
    ProgrammeFactory(
        study=StudyFactory(croho_code="66990"),
        institution=InstitutionFactory(brin="21PB"),
    )
    url = reverse("admin:programmes_importrun_upload")
    preview = admin_client.post(
        url,
        {
            "kind": "surveys",
            "source_kind": "demo",
            "file": SimpleUploadedFile("nse.csv", SURVEY_CSV, "text/csv"),
        },
    )
    checksum = BeautifulSoup(preview.content, "html.parser").select_one(
        'input[name="checksum"]'
    )["value"]
    stored = upload_dir() / f"{checksum}.csv"
    assert (mode(upload_dir()), mode(stored)) == (0o700, 0o600)
    response = admin_client.post(url, {"checksum": checksum})
    assert response.status_code == 302
    assert ProgrammeScore.objects.count() == 1
    assert not stored.exists()
