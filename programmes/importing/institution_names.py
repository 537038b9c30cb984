"""The English names of institutions, from the reviewed list shipped with the
code (programmes/data/institution_names_en.csv): DUO's addresses have none."""

import csv
from functools import cache
from pathlib import Path

ENGLISH_NAMES_FILE = (
    Path(__file__).resolve().parents[1] / "data" / "institution_names_en.csv"
)


@cache
def english_institution_names(path: Path = ENGLISH_NAMES_FILE) -> dict[str, str]:
    """{BRIN: English name}; lines starting with # are comments."""
    with path.open(encoding="utf-8", newline="") as lines:
        rows = csv.reader(
            (line for line in lines if not line.startswith("#")), delimiter=";"
        )
        return {brin.strip(): english.strip() for brin, _dutch, english in rows}
