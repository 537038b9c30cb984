"""A previewed upload waits in the database, which every app server reads, and
is gone once confirmed or an hour old."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from programmes.importing.uploads import upload_store
from programmes.models import PendingUpload
from surveys.models import ProgrammeScore
from tests.programmes.factories import (
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db

SURVEY_CSV = (
    b"brin;croho_code;form;year;aspect;mean;respondents;std_dev;population\n"
    b"21PB;66990;voltijd;2024;overall;3,9;143;0,80;300\n"
)
# sha256 of SURVEY_CSV, computed with `sha256sum`.
SURVEY_CSV_SHA256 = "edec247f809fdd4cc6efd105704525d095ad50fccf47d039307c195b5e4761c7"


def _age(checksum: str, minutes: int) -> None:
    PendingUpload.objects.filter(checksum=checksum).update(
        uploaded_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_an_upload_is_kept_in_the_database_under_its_checksum():
    checksum = upload_store(data=SURVEY_CSV)
    stored = PendingUpload.objects.get()
    assert (stored.checksum, bytes(stored.data)) == (checksum, SURVEY_CSV)
    assert checksum == SURVEY_CSV_SHA256


def test_storing_an_upload_removes_those_older_than_an_hour():
    old = upload_store(data=b"a;b\n1;2\n")
    recent = upload_store(data=b"a;b\n3;4\n")
    _age(old, 61)
    _age(recent, 59)
    upload_store(data=SURVEY_CSV)
    assert set(PendingUpload.objects.values_list("checksum", flat=True)) == {
        recent,
        SURVEY_CSV_SHA256,
    }


def test_the_command_removes_expired_uploads_and_says_how_many(capsys):
    old = upload_store(data=b"a;b\n1;2\n")
    upload_store(data=SURVEY_CSV)
    _age(old, 90)
    with translation.override("en"):
        call_command("remove_expired_uploads")
    assert capsys.readouterr().out.strip() == "1 expired upload removed."
    assert list(PendingUpload.objects.values_list("checksum", flat=True)) == [
        SURVEY_CSV_SHA256
    ]


def test_preview_stores_the_file_and_confirmation_removes_it(admin_client):
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
    assert bytes(PendingUpload.objects.get(checksum=checksum).data) == SURVEY_CSV
    assert not ProgrammeScore.objects.exists()
    response = admin_client.post(url, {"checksum": checksum})
    assert response.status_code == 302
    assert ProgrammeScore.objects.count() == 1
    assert not PendingUpload.objects.exists()
