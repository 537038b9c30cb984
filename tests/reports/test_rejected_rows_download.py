"""An import run's rejected rows, downloaded as CSV by whoever may see the run."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from programmes.models import ImportRun, RejectedRow

pytestmark = pytest.mark.django_db


@pytest.fixture
def run():
    run = ImportRun.objects.create(
        file_name="ingeschrevenenhbo.csv",
        checksum="0" * 64,
        kind="statistics",
        rows=3,
        rejected=2,
        started_at="2026-12-01T10:00:00Z",
        finished_at="2026-12-01T10:00:05Z",
    )
    RejectedRow.objects.create(
        import_run=run,
        line=7,
        reason="no programme with this BRIN and CROHO code",
        values='{"INSTELLINGSCODE_ACTUEEL": "25BE", "OPLEIDINGSCODE_ACTUEEL": "34267"}',
    )
    RejectedRow.objects.create(
        import_run=run,
        line=3,
        column="AANTAL_INGESCHREVENEN",
        reason="several programmes match (location unclear)",
        values='{"INSTELLINGSCODE_ACTUEEL": "=HYPERLINK(1)", "GEMEENTENUMMER": "0518"}',
    )
    return run


def url(run):
    with translation.override("nl"):
        return reverse("reports:rejected_rows", kwargs={"pk": run.pk})


def rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("no_role", 302),
        ("staff", 403),
        ("liaison_a", 403),
        ("liaison_b", 403),
        ("editor", 200),
        ("superuser", 200),
    ],
)
def test_only_those_who_may_see_import_runs_download_their_rejected_rows(
    client, users, run, who, status
):
    if users[who] is not None:
        client.force_login(users[who])
    response = client.get(url(run))
    assert response.status_code == status
    if status == 302:
        assert "/admin/login/" in response["Location"]


def test_the_download_lists_line_column_reason_and_the_row_in_its_own_columns(
    client, users, run
):
    client.force_login(users["editor"])
    response = client.get(url(run))

    assert response["Content-Disposition"] == (
        f'attachment; filename="rejected-rows-{run.pk}.csv"'
    )
    assert rows(response) == [
        [
            "Regel",
            "Kolom",
            "Reden",
            "INSTELLINGSCODE_ACTUEEL",
            "GEMEENTENUMMER",
            "OPLEIDINGSCODE_ACTUEEL",
        ],
        [
            "3",
            "AANTAL_INGESCHREVENEN",
            "meerdere opleidingen passen (locatie onduidelijk)",
            # A cell a spreadsheet would run as a formula is shown as text.
            "'=HYPERLINK(1)",
            "0518",
            "",
        ],
        ["7", "", "geen opleiding met deze BRIN- en CROHO-code", "25BE", "", "34267"],
    ]


def test_an_unknown_run_is_not_found(client, users, run):
    client.force_login(users["editor"])
    with translation.override("nl"):
        missing = reverse("reports:rejected_rows", kwargs={"pk": run.pk + 1})
    assert client.get(missing).status_code == 404
