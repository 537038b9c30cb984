"""A survey or career upload changes only what its accepted rows describe.

Rejected rows name years, studies and files too; before issue 12 a file whose rows
were all rejected still pointed the demo survey round at a new "official" source
named after the file, and the reference programme's demo scores lost their label.
"""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from careers.importing import career_outcomes_import
from demo.loader import DEMO_DIR, demo_load
from programmes.models import DataSource, ImportRun
from surveys.importing import survey_scores_import
from surveys.models import SurveyRound
from tests.programmes.factories import (
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db

DEMO_LABEL = "Demo data — not real figures"
SURVEY_HEADER = "brin;croho_code;form;year;aspect;mean;respondents;std_dev;population\n"
# Every row names an institution that does not exist, for the demo round's year.
REJECTED_SURVEY = (
    SURVEY_HEADER
    + "99XX;66990;voltijd;2024;overall;3,1;50;0,80;\n"
    + "99XX;66990;voltijd;2024;atmosphere;3,2;50;0,80;\n"
).encode()
CAREER_HEADER = "croho_code;level;year;record;code;value;respondents;name_nl;name_en\n"
# Every row names a study that does not exist (the demo study is 66990 WO-MA).
REJECTED_CAREERS = (
    CAREER_HEADER
    + "11111;WO-MA;2023;outcome;;;150;;\n"
    + "11111;WO-MA;2023;judgement;good_basis;70;100;;\n"
).encode()


@pytest.fixture(autouse=True)
def _upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def reference(english):
    return demo_load().reference_programme


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def section_text(client, programme, section_id):
    page = soup(client.get(programme.get_absolute_url()))
    return page.select_one(f"section#{section_id}").get_text(" ", strip=True)


def round_rows(admin_client):
    """The survey-round changelist as {round name: row text}."""
    page = soup(admin_client.get(reverse("admin:surveys_surveyround_changelist")))
    return {
        row.select_one("th").get_text(strip=True): row.get_text(" ", strip=True)
        for row in page.select("#result_list tbody tr")
    }


def admin_upload(admin_client, data, *, kind, file_name, source_kind="official"):
    """Preview the file, confirm it; return the preview's source sentence."""
    url = reverse("admin:programmes_importrun_upload")
    preview = soup(
        admin_client.post(
            url,
            {
                "kind": kind,
                "source_kind": source_kind,
                "file": SimpleUploadedFile(file_name, data, "text/csv"),
            },
        )
    )
    checksum = preview.select_one('input[name="checksum"]')["value"]
    response = admin_client.post(url, {"checksum": checksum})
    assert response.status_code == 302
    sentence = preview.select_one("[data-upload-source]")
    return " ".join(sentence.get_text().split()) if sentence else ""


def round_state():
    return [
        (r.year, r.name_en, r.source.key, r.source.kind, r.source.name_en)
        for r in SurveyRound.objects.select_related("source")
    ]


def test_an_all_rejected_survey_upload_keeps_the_demo_round(
    admin_client, client, reference
):
    before = round_state()
    sources = DataSource.objects.count()
    assert DEMO_LABEL in section_text(client, reference, "satisfaction")

    said = admin_upload(
        admin_client, REJECTED_SURVEY, kind="surveys", file_name="nse-2024.csv"
    )

    assert round_state() == before
    assert DataSource.objects.count() == sources
    assert DEMO_LABEL in section_text(client, reference, "satisfaction")
    assert "Demo data" in round_rows(admin_client)["NSE 2024"]
    run = ImportRun.objects.get(file_name="nse-2024.csv")
    assert (run.rejected, run.created, run.dataset) == (2, 0, None)
    assert said == "No row is accepted: no source, survey round or demo label changes."


def test_an_all_rejected_survey_file_through_the_command_keeps_the_demo_round(
    client, reference, tmp_path
):
    before = round_state()
    path = tmp_path / "nse-2024.csv"
    path.write_bytes(REJECTED_SURVEY)

    call_command("import_surveys", str(path), "--no-progress", stdout=io.StringIO())

    assert round_state() == before
    assert DEMO_LABEL in section_text(client, reference, "satisfaction")


@pytest.fixture
def demo_careers_upload(reference):
    """The demo career figures once uploaded as careers.csv, labelled demo."""
    career_outcomes_import(
        data=(DEMO_DIR / "careers.csv").read_bytes(),
        file_name="careers.csv",
        source_kind=DataSource.Kind.DEMO,
    )
    return DataSource.objects.get(key="careers-careers-csv")


def test_an_all_rejected_career_upload_keeps_the_demo_label(
    admin_client, client, reference, demo_careers_upload
):
    sources = DataSource.objects.count()
    assert DEMO_LABEL in section_text(client, reference, "careers")

    said = admin_upload(
        admin_client, REJECTED_CAREERS, kind="careers", file_name="careers.csv"
    )

    demo_careers_upload.refresh_from_db()
    assert demo_careers_upload.kind == DataSource.Kind.DEMO
    assert demo_careers_upload.name_en == "careers.csv"
    assert DataSource.objects.count() == sources
    assert DEMO_LABEL in section_text(client, reference, "careers")
    assert DEMO_LABEL in section_text(client, reference, "judgement")
    assert said == "No row is accepted: no source, survey round or demo label changes."


def test_an_all_rejected_career_file_through_the_command_keeps_the_demo_label(
    client, reference, demo_careers_upload, tmp_path
):
    path = tmp_path / "careers.csv"
    path.write_bytes(REJECTED_CAREERS)

    call_command("import_careers", str(path), "--no-progress", stdout=io.StringIO())

    demo_careers_upload.refresh_from_db()
    assert demo_careers_upload.kind == DataSource.Kind.DEMO
    assert DEMO_LABEL in section_text(client, reference, "careers")


def survey_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(SURVEY_HEADER.strip().split(";"))
    writer.writerows(rows)
    return out.getvalue().encode()


def test_a_partly_rejected_upload_changes_only_the_accepted_rows_round(
    admin_client, english
):
    study = StudyFactory(croho_code="66990")
    ProgrammeFactory(study=study, institution=InstitutionFactory(brin="21PB"))
    leiden = ("21PB", "66990", "voltijd")
    survey_scores_import(
        data=survey_csv(
            [
                (*leiden, "2023", "overall", "3.5", "100", "0.8", ""),
                (*leiden, "2024", "overall", "3.6", "100", "0.8", ""),
            ]
        ),
        file_name="nse.csv",
        source_kind=DataSource.Kind.DEMO,
    )
    rows = [
        ("99XX", "66990", "voltijd", "2023", "overall", "3.9", "10", "0.8", ""),
        (*leiden, "2024", "overall", "3.9", "100", "0.8", ""),
    ]

    said = admin_upload(
        admin_client, survey_csv(rows), kind="surveys", file_name="nse.csv"
    )

    shown = round_rows(admin_client)
    assert "Demo data" in shown["NSE 2023"]
    assert "Demo data" not in shown["NSE 2024"]
    kinds = {r.year: r.source.kind for r in SurveyRound.objects.all()}
    assert kinds == {2023: DataSource.Kind.DEMO, 2024: DataSource.Kind.OFFICIAL}
    assert said == (
        "The accepted rows will cite the source nse.csv (Official open data). "
        "Survey rounds that will cite it: NSE 2024."
    )
