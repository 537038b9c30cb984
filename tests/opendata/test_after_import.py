"""After an import commits, the files are written again (OPEN_DATA_ON_IMPORT)."""

import csv
import io

import pytest
from django.core.management import call_command

from programmes.models import Form
from tests.programmes.test_import_per_year_layouts import HBO_FIRST_YEARS
from tests.programmes.test_import_per_year_layouts import (
    programmes as programmes,  # the fixture
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_import_writes_the_files_again(
    programmes, open_data_root, settings, tmp_path
):
    settings.OPEN_DATA_ON_IMPORT = "sync"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "eerstejaarshbo.csv").write_bytes(HBO_FIRST_YEARS)
    assert not (open_data_root / "programmes.csv").exists()

    call_command("import_opendata", dir=str(tmp_path / "in"), no_progress=True)

    data = (open_data_root / "programmes.csv").read_bytes().decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(data))}
    # The file's 2024 count of first-years (131), on the full-time programme.
    assert rows[programmes[Form.FULL_TIME].slug]["first_years_value"] == "131"


def test_off_writes_nothing(programmes, open_data_root, settings, tmp_path):
    settings.OPEN_DATA_ON_IMPORT = "off"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "eerstejaarshbo.csv").write_bytes(HBO_FIRST_YEARS)
    call_command("import_opendata", dir=str(tmp_path / "in"), no_progress=True)
    assert not (open_data_root / "programmes.csv").exists()
