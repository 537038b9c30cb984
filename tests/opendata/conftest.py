import csv
import io

import pytest

from opendata.services import open_data_export


@pytest.fixture
def open_data_root(settings, tmp_path):
    """STORAGES["opendata"] in a folder of this test's own."""
    settings.OPEN_DATA_ROOT = tmp_path / "opendata"
    settings.STORAGES = {
        **settings.STORAGES,
        "opendata": {
            **settings.STORAGES["opendata"],
            "OPTIONS": {"location": str(settings.OPEN_DATA_ROOT)},
        },
    }
    return settings.OPEN_DATA_ROOT


def read_csv(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


@pytest.fixture
def exported(open_data_root):
    """Write the files now and read programmes.csv, by the programme's id."""

    def export() -> dict[str, dict]:
        open_data_export()
        rows = read_csv(open_data_root / "programmes.csv")
        return {row["id"]: row for row in rows}

    return export
