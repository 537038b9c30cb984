"""CBS's rows written as StatLine exports them, in the files the repository ships.

data/cbs-arbeidsmarkt-ho-2015-16/ holds StatLine's CSV exports: UTF-8 with BOM,
`;`-separated, every field quoted, CRLF, the value right-aligned in eight
characters ("    1240", "   18.18") and a suppressed cell written "       .".
A fetched table is written in exactly that form and split into the same five
files, so that a fetched folder reads like the shipped one (and a diff between
them shows figures, not formatting). Each file is read back with the importer's
own reader before it may replace anything.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from programmes.importing.csvfile import ImportFileError, read_csv, read_header
from programmes.importing.fetching import FetchError

from . import vocabulary
from .importing import GENDER, POSITIONS, SECTOR, WAGES, CbsTable, cbs_table_for
from .models import ALL_SECTORS, Gender
from .odata import FetchedTable

VALUE_WIDTH = 8
SUPPRESSED = "."
BOM = "\ufeff"


@dataclass(frozen=True)
class CbsFile:
    """One shipped file: its name, table, genders and whether it is CBS's total of
    the sectors (else the ten CROHO sectors)."""

    name: str
    table: CbsTable
    genders: frozenset[str]
    all_sectors: bool = False

    def holds(self, gender: str | None, sector: str | None) -> bool:
        return gender in self.genders and (sector == ALL_SECTORS) == self.all_sectors


TOTAL = frozenset({Gender.TOTAL})
MEN_AND_WOMEN = frozenset({Gender.MEN, Gender.WOMEN})
FILES = (
    CbsFile("85776NED-arbeidsmarktpositie-totaal.csv", POSITIONS, TOTAL),
    CbsFile("85776NED-arbeidsmarktpositie-geslacht.csv", POSITIONS, MEN_AND_WOMEN),
    CbsFile("83815NED-uurloon-studierichting.csv", WAGES, TOTAL),
    CbsFile("83815NED-uurloon-geslacht.csv", WAGES, MEN_AND_WOMEN),
    CbsFile("83815NED-uurloon-totaal.csv", WAGES, TOTAL, all_sectors=True),
)


def statline_value(value, decimals: int) -> str:
    """A value as StatLine writes it: "    1240", "   18.18", or "       ." for a
    cell CBS publishes no figure for."""
    if value is None:
        return SUPPRESSED.rjust(VALUE_WIDTH)
    text = f"{Decimal(str(value)):.{decimals}f}"
    return text.rjust(VALUE_WIDTH)


def statline_csv(header, rows, *, decimals: int) -> bytes:
    """The rows as StatLine's CSV export: BOM, `;`, all quoted, CRLF."""
    out = io.StringIO(newline="")
    writer = csv.writer(
        out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n"
    )
    writer.writerow(header)
    for cells, value in rows:
        writer.writerow([*cells, statline_value(value, decimals)])
    return (BOM + out.getvalue()).encode("utf-8")


def file_contents(fetched: FetchedTable) -> dict[str, bytes]:
    """{file name: bytes} of the shipped files a table is split into."""
    gender_at = fetched.header.index(GENDER)
    sector_at = fetched.header.index(SECTOR)
    contents = {}
    for file in FILES:
        if file.table is not fetched.table:
            continue
        rows = [
            (cells, value)
            for cells, value in fetched.rows
            if file.holds(
                vocabulary.gender(cells[gender_at]), vocabulary.sector(cells[sector_at])
            )
        ]
        if not rows:
            raise FetchError(
                _("%(file)s: CBS's answer has no rows for this file.")
                % {"file": file.name}
            )
        contents[file.name] = statline_csv(
            fetched.header, rows, decimals=fetched.decimals
        )
    return contents


def file_check(name: str, data: bytes, table: CbsTable) -> int:
    """The file's number of rows, read as the import reads it; FetchError if it
    cannot be read or is another table's."""
    try:
        if cbs_table_for(read_header(data)) is not table:
            raise ImportFileError(_("The header is another CBS table's."), line=1)
        rows = read_csv(
            data, required=table.columns, final_line_break=True, totals_rows=False
        )
    except ImportFileError as error:
        raise FetchError(f"{name}: {error}") from None
    return len(rows)
