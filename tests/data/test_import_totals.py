"""Every shipped DUO file, imported once, rebuilt from its raw CSV with the
standard library alone: each data row is imported or listed as rejected, and for
every institution and year the rows not rejected add up to what the database
holds, by the rules of docs/IMPORT.md.

The expected figures never come from the importer: the files are read with the
csv module, and the only thing taken from the import is which lines it rejected
(the ImportRun's RejectedRow list), which the test checks against the file too.
"""

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Sum

from programmes.models import Enrolment, ImportRun, Institution, Programme

pytestmark = pytest.mark.django_db

DATA = Path(settings.OPENDATA_DIR)
# Written here from each file's PROVENANCE.md, not from the importer.
INSTITUTIONS = ("duo-adressen-ho/01.-instellingen-hbo-en-wo.csv", "cp1252", ";")
PROGRAMMES = ("duo-rio-ho-erkenningen/ho_erkenningen_rio.csv", "utf-8", ",")
DETAILS = ("duo-rio-ho-opleidingsoverzicht/ho_opleidingsoverzicht.csv", "utf-8", ",")
WIDE = ("duo-eerstejaars-wo-2013-2017/eerstejaars.csv", "latin-1", ";")
LONG = ("duo-eerstejaars-wo-2015-2019/wo_inscriptions_2019.csv", "utf-8", ";")
GRADUATES = ("duo-gediplomeerden-wo-2014-2018/wo_gediplomeerden_2019.csv", "utf-8", ";")
HBO = ("duo-ingeschrevenen-hbo-2020-2024/ingeschrevenenhbo.csv", "utf-8", ",")
STATISTICS = (WIDE, LONG, GRADUATES, HBO)
TOTALS_WORDS = {"totaal", "totalen", "total", "totals"}
FORMS = {
    "voltijd onderwijs": "full_time",
    "deeltijd onderwijs": "part_time",
    "duaal onderwijs": "dual",
    "VOLTIJD": "full_time",
    "DEELTIJD": "part_time",
    "DUAAL": "dual",
    "": "full_time",  # RIO's joint degrees without a form (docs/IMPORT.md)
}
GENDER_REJECTED = "unknown gender (man or vrouw)"


def data_rows(spec) -> dict[int, dict[str, str]]:
    """{line: row} for every data row: not the header, not a blank or artefact
    line (every value empty), not DUO's totals line."""
    relative, encoding, delimiter = spec
    rows = {}
    with (DATA / relative).open(encoding=encoding, newline="") as file:
        reader = csv.reader(file, delimiter=delimiter)
        header = [name.strip() for name in next(reader)]
        for record in reader:
            if not any(value.strip() for value in record):
                continue
            if any(value.strip().lower() in TOTALS_WORDS for value in record):
                continue
            # DUO's older files end every line with the separator: an empty
            # value under an unnamed last column, or one more than the header.
            if len(record) > len(header) and not any(record[len(header) :]):
                record = record[: len(header)]
            assert len(record) == len(header), (relative, reader.line_num)
            rows[reader.line_num] = dict(zip(header, record, strict=True))
    return rows


@pytest.fixture(scope="module")
def imported(shipped_import):
    """Every shipped file imported once (tests/data/conftest.py):
    {(file name, kind of run): ImportRun id}."""
    return {(name, run.kind): run.pk for name, run in shipped_import}


def run_of(imported, spec, kind) -> ImportRun:
    return ImportRun.objects.get(pk=imported[(Path(spec[0]).name, kind)])


def accepted_rows(imported, spec, kind) -> dict[int, dict[str, str]]:
    """The file's data rows the run did not reject, after checking that the run
    read every data row and that each rejected row is one of them, listed once,
    with its values as the file has them."""
    rows = data_rows(spec)
    run = run_of(imported, spec, kind)
    rejected = list(run.rejected_rows.values_list("line", "values", "reason"))
    lines = [line for line, _values, _reason in rejected]
    assert run.rows == len(rows)
    assert run.rejected == len(rejected) == len(set(lines))
    assert set(lines) <= set(rows)
    for line, values, _reason in rejected:
        assert json.loads(values) == rows[line], line
    gender = {line for line, _values, reason in rejected if reason == GENDER_REJECTED}
    return {line: row for line, row in rows.items() if line not in set(lines) - gender}


@pytest.mark.parametrize(
    ("spec", "kind"),
    [
        (INSTITUTIONS, "institutions"),
        (PROGRAMMES, "programmes"),
        (DETAILS, "programme details"),
        *((spec, "municipalities") for spec in STATISTICS),
        *((spec, "statistics") for spec in STATISTICS),
    ],
    ids=lambda value: value if isinstance(value, str) else Path(value[0]).name,
)
def test_every_data_row_is_imported_or_listed_as_rejected(imported, spec, kind):
    """rows == imported + rejected, and the rejected are rows of the file."""
    accepted = accepted_rows(imported, spec, kind)
    run = run_of(imported, spec, kind)
    gender = run.rejected_rows.filter(reason=GENDER_REJECTED).count()
    assert run.rows == len(accepted) - gender + run.rejected


def test_institutions_per_kind_are_the_address_file_and_rios_others(imported):
    """Each institution once with its kind: the addresses file's SOORT HO, and
    for an institution only RIO names, wo when all its programmes are at wo
    levels (docs/IMPORT.md)."""
    addresses = accepted_rows(imported, INSTITUTIONS, "institutions")
    expected = {
        row["INSTELLINGSCODE"].strip(): row["SOORT HO"].strip().lower()
        for row in addresses.values()
    }
    levels = defaultdict(set)
    for row in data_rows(PROGRAMMES).values():
        levels[row["INSTELLINGSCODE"].strip()].add(row["NIVEAU"].strip()[:2])
    others = {brin: kinds for brin, kinds in levels.items() if brin not in expected}
    # Four of them have hbo and wo programmes: hbo, whichever row comes first.
    assert sum(kinds == {"HB", "WO"} for kinds in others.values()) == 4
    expected |= {
        brin: "wo" if kinds == {"WO"} else "hbo" for brin, kinds in others.items()
    }
    assert dict(Institution.objects.values_list("brin", "kind")) == expected
    assert Counter(expected.values()) == Counter(
        Institution.objects.values_list("kind", flat=True)
    )


def test_programmes_per_institution_are_the_rows_not_rejected(imported):
    """One programme per (BRIN, CROHO code, level, location, form): the accepted
    rows name each once, and each institution has as many as its rows."""
    rows = accepted_rows(imported, PROGRAMMES, "programmes").values()
    keys = Counter(
        (
            row["INSTELLINGSCODE"].strip(),
            row["ERKENDEOPLEIDINGSCODE"].strip(),
            row["NIVEAU"].strip(),
            row["VESTIGINGSCODE"].strip(),
            FORMS[row["VORM"].strip()],
        )
        for row in rows
    )
    assert max(keys.values()) == 1
    stored = Counter(
        Programme.objects.values_list(
            "institution__brin",
            "study__croho_code",
            "study__level",
            "location_code",
            "form",
        )
    )
    assert stored == keys
    per_institution = Counter(key[0] for key in keys)
    assert per_institution == Counter(
        Programme.objects.values_list("institution__brin", flat=True)
    )


def count(value: str) -> int | None:
    """DUO's count: -1 is a figure it suppressed (unknown)."""
    return None if value.strip() == "-1" else int(value)


def known_sum(groups: dict) -> dict:
    """{(BRIN, year): sum} over groups of parts, leaving out a group with an
    unknown part: DUO's -1 makes a programme's sum unknown, never the sum of the
    parts it knows."""
    totals = defaultdict(int)
    for (brin, year, *_rest), parts in groups.items():
        totals[(brin, year)] += 0 if None in parts else sum(parts)
    return dict(totals)


def grouped(rows, *, brin, year_values, key, keep=lambda row: True, one=None):
    """Two groupings of the rows' counts per programme and year: by the columns
    that can only name one programme (`key` with the place), and by those that
    can name several (`key` alone). The programme a row goes to groups them
    somewhere between, so its known sums lie between the two. `one(row)`: the
    row can only name one programme, so the two are the same."""
    fine, coarse = defaultdict(list), defaultdict(list)
    for row in rows:
        if not keep(row):
            continue
        for year, value in year_values(row):
            ids = tuple(row[name].strip() for name in key)
            # Where the institution has one programme of the code, every row
            # of it goes there, whatever its place.
            place = "" if one and one(row) else row["GEMEENTENUMMER"].strip()
            fine[(row[brin].strip(), year, *ids, place)].append(value)
            coarse[(row[brin].strip(), year, *ids)].append(value)
    return known_sum(coarse), known_sum(fine)


def stored(field: str, years) -> dict:
    """{(BRIN, year): sum of the field} over the programmes' enrolments."""
    return {
        (brin, year): total
        for brin, year, total in Enrolment.objects.filter(academic_year__in=years)
        .values_list("programme__institution__brin", "academic_year")
        .annotate(total=Sum(field))
        .order_by()
        if total is not None
    }


def assert_within(actual: dict, bounds: tuple[dict, dict]) -> int:
    """Each institution and year within its bounds (equal where they agree, as
    for most); returns how many needed the bounds."""
    lower, upper = bounds
    keys = set(lower) | set(upper) | set(actual)
    outside = {
        key: (lower.get(key, 0), actual.get(key, 0), upper.get(key, 0))
        for key in sorted(keys)
        if not lower.get(key, 0) <= actual.get(key, 0) <= upper.get(key, 0)
    }
    assert outside == {}
    return sum(lower.get(key, 0) != upper.get(key, 0) for key in keys)


def long_years(row):
    return [(int(name), count(row[name])) for name in row if name.isdigit()]


def long_years_of_everyone(row):
    """A row that says neither man nor vrouw (rejected) leaves everyone's sum
    unknown."""
    if row["GESLACHT"].strip() in ("man", "vrouw"):
        return long_years(row)
    return [(year, None) for year, _value in long_years(row)]


def wide_years(sex, years):
    def year_values(row):
        return [(year, count(row[f"{year} {sex}"])) for year in years]

    return year_values


def is_gender(sex):
    # A row of another gender is part of no gender's sum, but leaves the
    # first-years unknown (docs/IMPORT.md).
    return lambda row: row["GESLACHT"].strip() == sex


LONG_KEY = ("OPLEIDINGSCODE ACTUEEL", "OPLEIDINGSVORM")


def test_hbo_students_per_institution_and_year(imported):
    """The hbo file counts all forms together: a row goes to one programme of its
    CROHO code, by its place; a suppressed place leaves that programme unknown."""
    rows = accepted_rows(imported, HBO, "statistics").values()
    programmes = Counter(
        (row["INSTELLINGSCODE"].strip(), row["ERKENDEOPLEIDINGSCODE"].strip())
        for row in accepted_rows(imported, PROGRAMMES, "programmes").values()
    )
    bounds = grouped(
        rows,
        brin="INSTELLINGSCODE_ACTUEEL",
        year_values=lambda row: [
            (int(row["STUDIEJAAR"]), count(row["AANTAL_INGESCHREVENEN"]))
        ],
        key=("OPLEIDINGSCODE_ACTUEEL",),
        one=lambda row: (
            programmes[(row["INSTELLINGSCODE_ACTUEEL"], row["OPLEIDINGSCODE_ACTUEEL"])]
            == 1
        ),
    )
    assert sum(bounds[1].values()) > 2_000_000
    bounded = assert_within(stored("students", range(2020, 2025)), bounds)
    # The other 165 of the 180 institutions and years are compared exactly;
    # a location rule that rejects more rows can only make them more.
    assert bounded <= 15


def test_wo_graduates_per_institution_and_year(imported):
    """Added up over diploma types and genders."""
    rows = accepted_rows(imported, GRADUATES, "statistics").values()
    lower, upper = grouped(
        rows, brin="BRIN NUMMER ACTUEEL", year_values=long_years, key=LONG_KEY
    )
    assert lower == upper  # DUO suppressed nothing in this file
    assert sum(upper.values()) > 300_000
    assert stored("graduates", range(2014, 2019)) == upper


def test_first_years_2015_to_2019_are_the_newer_series(imported):
    """For 2015–2017 two series overlap: the newer long one is in the database,
    for every institution and year; men and women compared apart."""
    rows = list(accepted_rows(imported, LONG, "statistics").values())
    assert {row["GESLACHT"] for row in rows} == {"man", "vrouw"}
    years = range(2015, 2020)
    for sex, field in (("man", "first_years_men"), ("vrouw", "first_years_women")):
        lower, upper = grouped(
            rows,
            brin="BRIN NUMMER ACTUEEL",
            year_values=long_years,
            key=LONG_KEY,
            keep=is_gender(sex),
        )
        assert lower == upper  # DUO suppressed nothing in this file
        assert stored(field, years) == upper, field
    everyone, _upper = grouped(
        rows,
        brin="BRIN NUMMER ACTUEEL",
        year_values=long_years_of_everyone,
        key=LONG_KEY,
    )
    assert sum(everyone.values()) > 450_000
    assert stored("first_years", years) == everyone


def test_first_years_2013_and_2014_are_the_wide_series(imported):
    """The older wide file alone covers 2013 and 2014: its phases added up."""
    rows = list(accepted_rows(imported, WIDE, "statistics").values())
    years = (2013, 2014)
    totals = {}
    for sex, field in (("MAN", "first_years_men"), ("VROUW", "first_years_women")):
        lower, upper = grouped(
            rows,
            brin="BRIN NUMMER ACTUEEL",
            year_values=wide_years(sex, years),
            key=LONG_KEY,
        )
        assert lower == upper  # DUO suppressed nothing in this file
        assert stored(field, years) == upper, field
        totals[sex] = upper
    everyone = {
        key: totals["MAN"].get(key, 0) + totals["VROUW"].get(key, 0)
        for key in totals["MAN"].keys() | totals["VROUW"].keys()
    }
    # PROVENANCE.md: 45,645 and 44,865 in all, before rows that map to nothing.
    assert 0 < sum(v for (_b, year), v in everyone.items() if year == 2013) <= 45_645
    assert stored("first_years", years) == everyone
