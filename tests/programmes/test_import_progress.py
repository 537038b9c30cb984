"""The import commands show how far they are, on a terminal and in a log."""

import io

import pytest
from django.core.management import call_command

from programmes.importing.base import tracked
from programmes.importing.csvfile import Row
from programmes.importing.progress import ProgressBar
from tests.programmes.factories import (
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)

ROWS = [Row(line, {}) for line in range(2, 202)]


def test_a_terminal_sees_one_bar_redrawn_in_place():
    stream = io.StringIO()
    for _row in tracked(ROWS, ProgressBar(stream, interactive=True)):
        pass
    frames = stream.getvalue().split("\r")[1:]
    assert len(frames) == 100
    assert frames[49] == "[###############               ]  50% 100/200 rows"
    assert frames[-1] == "[##############################] 100% 200/200 rows\n"


def test_a_log_gets_a_line_at_every_tenth():
    stream = io.StringIO()
    for _row in tracked(ROWS, ProgressBar(stream)):
        pass
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert lines[0] == "  1% 2/200 rows"
    assert lines[1:] == [f"{p:3d}% {p * 2}/200 rows" for p in range(10, 101, 10)]


@pytest.mark.django_db
def test_import_command_reports_progress_on_standard_error(tmp_path):
    ProgrammeFactory(
        study=StudyFactory(croho_code="66990"),
        institution=InstitutionFactory(brin="21PB"),
    )
    path = tmp_path / "nse.csv"
    path.write_text(
        "brin;croho_code;form;year;aspect;mean;respondents;std_dev;population\n"
        "21PB;66990;voltijd;2024;overall;3.9;143;0.80;300\n"
    )
    stderr, stdout = io.StringIO(), io.StringIO()
    call_command("import_surveys", str(path), stderr=stderr, stdout=stdout)
    assert stderr.getvalue() == "100% 1/1 rows\n"
    assert "records: 1 nieuw" in stdout.getvalue()
    quiet = io.StringIO()
    call_command(
        "import_surveys", str(path), "--no-progress", stderr=quiet, stdout=stdout
    )
    assert quiet.getvalue() == ""
