"""The writer reproduces CBS's own StatLine exports byte for byte: each shipped
file, read and written again, is the same file.

One difference is known and accepted: StatLine leaves a cell that cannot occur
empty (back in education directly after leaving) where it writes "." for one it
suppresses; CBS's TypedDataSet gives null for both, so fetch_cbs writes both as
"       .". The importer stores either as no value.
"""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from labour_market.statline_csv import FILES, statline_csv, statline_value

SHIPPED = Path(settings.BASE_DIR) / "data" / "cbs-arbeidsmarkt-ho-2015-16"
EMPTY_CELLS = {  # back in education directly after leaving: 4 levels x 10 sectors
    "85776NED-arbeidsmarktpositie-totaal.csv": 40,
    "85776NED-arbeidsmarktpositie-geslacht.csv": 80,
}


def read(data: bytes):
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, rows = records[0], records[1:]
    values = [row[-1].strip() for row in rows]
    return header, [
        (tuple(row[:-1]), None if value in {".", ""} else Decimal(value))
        for row, value in zip(rows, values, strict=True)
    ]


@pytest.mark.parametrize("file", FILES, ids=lambda file: file.name)
def test_a_shipped_export_written_again_is_byte_for_byte_the_same(file):
    shipped = (SHIPPED / file.name).read_bytes()
    header, rows = read(shipped)
    decimals = 2 if file.table.code == "83815NED" else 0

    as_fetched = shipped.replace(b';""\r\n', b';"       ."\r\n')
    assert statline_csv(header, rows, decimals=decimals) == as_fetched
    assert shipped.count(b';""\r\n') == EMPTY_CELLS.get(file.name, 0)


@pytest.mark.parametrize(
    "value, decimals, written",
    [
        (1240, 0, "    1240"),
        (0, 0, "       0"),
        (18.1, 2, "   18.10"),
        (Decimal("25.46"), 2, "   25.46"),
        (None, 2, "       ."),
        (123456789, 0, "123456789"),
    ],
)
def test_values_are_right_aligned_in_eight_characters(value, decimals, written):
    assert statline_value(value, decimals) == written
