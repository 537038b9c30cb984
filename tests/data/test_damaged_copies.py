"""Damaged copies of every shipped DUO file, made from its bytes here, against a
database that already holds the shipped import.

A damage that could let a wrong number in (a cut, UTF-16, a repeat, a renamed
column, a form written differently, a gender's rows lost) refuses the file with a
message naming the line, and leaves every table of the database as it was. A
damage that does not change what the file means (another separator written by a
CSV writer, another encoding) is read as the same rows; one that changes values
(genders written M/V, DUO's -1, rows left out) is imported with exactly the
rejections and unknowns docs/IMPORT.md describes. The expected values come from
the file itself, read with the csv module.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from programmes.importing.csvfile import ImportFileError
from programmes.importing.institutions import institutions_import
from programmes.importing.programme_details import programmes_enrich
from programmes.importing.programmes import programmes_import
from programmes.importing.runner import (
    dataset_file_check,
)
from programmes.importing.statistics import enrolments_import
from programmes.models import Enrolment, Programme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DATA = Path(settings.OPENDATA_DIR)
# (folder, file, encoding, separator, line end, import), from each PROVENANCE.md.
FILES = {
    "institutions": (
        "duo-adressen-ho/01.-instellingen-hbo-en-wo.csv",
        "cp1252",
        ";",
        "\n",
        institutions_import,
    ),
    "programmes": (
        "duo-rio-ho-erkenningen/ho_erkenningen_rio.csv",
        "utf-8",
        ",",
        "\n",
        programmes_import,
    ),
    "details": (
        "duo-rio-ho-opleidingsoverzicht/ho_opleidingsoverzicht.csv",
        "utf-8",
        ",",
        "\n",
        programmes_enrich,
    ),
    "wide": (
        "duo-eerstejaars-wo-2013-2017/eerstejaars.csv",
        "latin-1",
        ";",
        "\r\n",
        enrolments_import,
    ),
    "long": (
        "duo-eerstejaars-wo-2015-2019/wo_inscriptions_2019.csv",
        "utf-8",
        ";",
        "\r\n",
        enrolments_import,
    ),
    "graduates": (
        "duo-gediplomeerden-wo-2014-2018/wo_gediplomeerden_2019.csv",
        "utf-8",
        ";",
        "\r\n",
        enrolments_import,
    ),
    "hbo": (
        "duo-ingeschrevenen-hbo-2020-2024/ingeschrevenenhbo.csv",
        "utf-8",
        ",",
        "\n",
        enrolments_import,
    ),
}
STATISTICS = ("wide", "long", "graduates", "hbo")
CATALOGUE = ("institutions", "programmes", "details")
# A column each import needs, and what a spreadsheet user might rename it to.
RENAMED = {
    "institutions": ("INSTELLINGSCODE", "INSTELLINGS CODE"),
    "programmes": ("VESTIGINGSCODE", "VESTIGINGS_CODE"),
    "details": ("OPLEIDINGSEENHEIDCODE", "OPLEIDINGSEENHEID_CODE"),
    "wide": ("OPLEIDINGSVORM", "VORM"),
    "long": ("OPLEIDINGSVORM", "VORM"),
    "graduates": ("OPLEIDINGSVORM", "VORM"),
    "hbo": ("INSTELLINGSCODE_ACTUEEL", "INSTELLINGSCODE"),
}

NO_LINE_BREAK = (
    "Line {line}: the file does not end with a line break, as DUO's files do: its "
    "last value may be cut off, so it looks truncated. The file is refused."
)
MID_ROW = (
    "Line {line}: the file ends in the middle of a row ({found} of {width} "
    "columns); it looks truncated."
)
HEADER_AGAIN = (
    "Line {line} repeats the header of line 1: is this several files joined "
    "together? The file is refused."
)
ROW_AGAIN = (
    "Line {line} repeats line {first} (the same {columns}): its counts would be "
    "added up twice, so the file is refused."
)
LACKS = (
    "Line 1: the header lacks the column(s) {columns} (columns are separated by "
    "{delimiter!r}). Is this the right file, with the right separator?"
)
UTF_16 = (
    "The file cannot be read as text: expected UTF-8 (or Windows-1252, as in "
    "DUO's older files), found UTF-16. Save it as CSV in UTF-8 and try again. "
    "The file is refused."
)
# The columns that tell rows apart (docs/IMPORT.md, "Repeated rows").
ROW_KEYS = {
    "wide": "BRIN NUMMER ACTUEEL, OPLEIDINGSCODE ACTUEEL, OPLEIDINGSVORM, "
    "GEMEENTENUMMER, OPLEIDINGSFASE ACTUEEL",
    "long": "BRIN NUMMER ACTUEEL, OPLEIDINGSCODE ACTUEEL, OPLEIDINGSVORM, "
    "GEMEENTENUMMER, GESLACHT",
    "graduates": "BRIN NUMMER ACTUEEL, OPLEIDINGSCODE ACTUEEL, OPLEIDINGSVORM, "
    "GEMEENTENUMMER, SOORT DIPLOMA, GESLACHT",
    "hbo": "STUDIEJAAR, INSTELLINGSCODE_ACTUEEL, OPLEIDINGSCODE_ACTUEEL, "
    "GEMEENTENUMMER",
}
# The columns each import needs (docs/IMPORT.md, programmes/importing/*.py).
REQUIRED = {
    "institutions": "SOORT HO, INSTELLINGSCODE, INSTELLINGSNAAM, STRAATNAAM, "
    "HUISNUMMER-TOEVOEGING, POSTCODE, GEMEENTENUMMER, GEMEENTENAAM, INTERNETADRES",
    "programmes": "INSTELLINGSCODE, INSTELLINGSNAAM, VESTIGINGSCODE, GEMEENTENAAM, "
    "ERKENDEOPLEIDINGSCODE, OPLEIDINGSEENHEIDCODE, OPLEIDINGSEENHEID_NAAM, "
    "OPLEIDINGSEENHEID_INTERNATIONALE_NAAM, STUDIELAST, NIVEAU, GRAAD, "
    "GRAADTOEVOEGING, VORM, ONDERDEEL, BEKOSTIGINGSCODE",
    "details": "SOORT, OPLEIDINGSEENHEIDCODE, VARIANT_VAN, INTERNATIONALE_NAAM, "
    "BEGINDATUM, VORM, VOERTAAL, WEBSITE, OMSCHRIJVING",
}


def shipped(name: str) -> bytes:
    return (DATA / FILES[name][0]).read_bytes()


def text_of(name: str) -> str:
    return shipped(name).decode(FILES[name][1])


def encoded(name: str, text: str) -> bytes:
    return text.encode(FILES[name][1])


def records(name: str, text: str) -> list[tuple[int, list[str]]]:
    """(line, values) of every record after the header, blank ones included."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=FILES[name][2])
    next(reader)
    return [(reader.line_num, record) for record in reader]


def is_data(record: list[str]) -> bool:
    """Not blank, not an artefact (`""`), not DUO's totals row."""
    values = [value.strip().lower() for value in record]
    return any(values) and not {"totaal", "totalen"} & set(values)


def header_of(name: str) -> list[str]:
    line = text_of(name).split("\n", 1)[0].rstrip("\r")
    return [
        value.strip() for value in next(csv.reader([line], delimiter=FILES[name][2]))
    ]


def width(name: str) -> int:
    """Columns a row must have: the header's (an unnamed last one included)."""
    return len(header_of(name))


def data_lines(name: str) -> list[int]:
    return [line for line, record in records(name, text_of(name)) if is_data(record)]


@pytest.fixture(scope="module")
def baseline(shipped_import):
    """The shipped files imported (tests/data/conftest.py): {file name: its last
    ImportRun (statistics, or the catalogue's own kind)}."""
    return dict(shipped_import)


def database_rows() -> dict[str, list[tuple]]:
    """Every row of every table, in order: what a refused file must not change."""
    dump = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")
            dump[table] = cursor.fetchall()
    return dump


@pytest.fixture(scope="module")
def before(baseline, django_db_blocker):
    """The database holding the shipped import, as every refusal must leave it."""
    with django_db_blocker.unblock():
        return database_rows()


# Damages that refuse the file. Each returns the damaged bytes and the message.


def cut_in_last_number(name):
    """Cut after the first digit of the file's last number of two digits or more
    (`81` → `8`): every column may be there, only the line break is missing."""
    data = shipped(name)
    last = list(re.finditer(rb"[0-9]{2,}", data))[-1]
    cut = data[: last.start() + 1]
    text = cut.decode(FILES[name][1])
    rows = [(line, record) for line, record in records(name, text) if is_data(record)]
    line, record = rows[-1]
    found = len(record)
    if found > width(name) and not any(record[width(name) :]):
        found = width(name)
    if found < width(name) and header_of(name)[found:] != [""]:
        return cut, MID_ROW.format(line=line, found=found, width=width(name))
    # The line cut, the totals line in the 2013–2017 file.
    return cut, NO_LINE_BREAK.format(line=cut.count(b"\n") + 1)


def cut_in_header(name):
    """Half the header line, nothing after it."""
    text = text_of(name)
    header_line = text.split("\n", 1)[0]
    cut = header_line[: len(header_line) // 2]
    if name in REQUIRED and (missing := missing_columns(name, cut)):
        return encoded(name, cut), LACKS.format(
            columns=", ".join(missing), delimiter=FILES[name][2]
        )
    return encoded(name, cut), NO_LINE_BREAK.format(line=1)


def missing_columns(name, header_line):
    found = [
        v.strip() for v in next(csv.reader([header_line], delimiter=FILES[name][2]))
    ]
    return [c for c in REQUIRED[name].split(", ") if c not in found]


def saved_as_utf_16(name):
    return text_of(name).encode("utf-16"), UTF_16


def concatenated(name):
    """`cat file file`: the header comes back after the last line."""
    data = shipped(name)
    lines = data.count(b"\n")
    return data + data, HEADER_AGAIN.format(line=lines + 1)


def one_row_repeated(name):
    """The first data row once more at the end."""
    text = text_of(name)
    first = data_lines(name)[0]
    lines = text.splitlines(keepends=True)
    last = len(lines) + 1
    return encoded(name, text + lines[first - 1]), ROW_AGAIN.format(
        line=last, first=first, columns=ROW_KEYS[name]
    )


def women_left_out(name):
    """Every `vrouw` row left out: the men would be published as everyone."""
    text = text_of(name)
    lines = text.splitlines(keepends=True)
    header = header_of(name)
    kept, institutions = [lines[0]], set()
    for line, record in records(name, text):
        row = dict(zip(header, record, strict=False))
        if is_data(record) and row["GESLACHT"] == "vrouw":
            continue
        kept.append(lines[line - 1])
        if is_data(record):
            institutions.add(row["BRIN NUMMER ACTUEEL"])
    return encoded(name, "".join(kept)), (
        "The file has rows for man and none for vrouw, for "
        f"{len(institutions)} institutions: DUO's files by gender have both, so "
        "rows are missing and one gender would be counted as everyone. The file "
        "is refused."
    )


def form_respelled(name):
    """`Voltijd` for `voltijd onderwijs`: it names no programme, so its rows
    would withdraw the full-time figures of their programmes."""
    text = text_of(name).replace(";voltijd onderwijs;", ";Voltijd;")
    header = header_of(name)
    line = next(
        line
        for line, record in records(name, text)
        if is_data(record)
        and dict(zip(header, record, strict=False))["OPLEIDINGSVORM"] == "Voltijd"
    )
    return encoded(name, text), (
        f"Line {line}, column OPLEIDINGSVORM: 'Voltijd' is not one of DUO's forms "
        "(voltijd onderwijs, deeltijd onderwijs, duaal onderwijs). The file is "
        "refused."
    )


# Layouts as docs/IMPORT.md names them, with the columns each expects.
CLOSEST = {
    "wide": "first-years (wide, by gender), expects the columns GEMEENTENUMMER, "
    "GEMEENTENAAM, BRIN NUMMER ACTUEEL, OPLEIDINGSCODE ACTUEEL, OPLEIDINGSVORM, "
    "and one column per year such as 2017 MAN, 2017 VROUW",
    "long": "first-years (long, by gender), expects the columns GEMEENTENUMMER, "
    "GEMEENTENAAM, BRIN NUMMER ACTUEEL, OPLEIDINGSCODE ACTUEEL, OPLEIDINGSVORM, "
    "GESLACHT, and one column per year such as 2019",
    "graduates": "graduates (long, by gender), expects the columns GEMEENTENUMMER, "
    "GEMEENTENAAM, BRIN NUMMER ACTUEEL, OPLEIDINGSCODE ACTUEEL, OPLEIDINGSVORM, "
    "SOORT DIPLOMA, GESLACHT, and one column per year such as 2019",
    "hbo": "enrolled students (per year), expects the columns STUDIEJAAR, "
    "GEMEENTENUMMER, GEMEENTENAAM, INSTELLINGSCODE_ACTUEEL, "
    "OPLEIDINGSCODE_ACTUEEL, AANTAL_INGESCHREVENEN, and where the file has them "
    "OPLEIDINGSVORM, GESLACHT",
}


def header_renamed(name):
    """A column the import needs renamed, as a spreadsheet user might."""
    column, renamed = RENAMED[name]
    text = text_of(name)
    header_line, rest = text.split("\n", 1)
    header_line = header_line.replace(column, renamed, 1)
    data = encoded(name, header_line + "\n" + rest)
    if name in REQUIRED:
        return data, LACKS.format(columns=column, delimiter=FILES[name][2])
    found = [renamed if value == column else value for value in header_of(name)]
    return data, (
        "Line 1: the header matches none of the statistics layouts completely. "
        f"The closest, {CLOSEST[name]}; missing: {column}. Columns found: "
        f"{', '.join(value for value in found if value)}."
    )


def separator_replaced(name):
    """Every `;` replaced by `,` in a file whose names hold commas: a name with a
    comma becomes two values, and the row no longer fits the header."""
    text = text_of(name).replace(";", ",")
    header = header_of(name)
    misfits = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=",")
    next(reader)
    for record in reader:
        if not is_data(record):
            continue
        # An empty value more is a trailing separator only when the header
        # has none (docs/IMPORT.md).
        extra = record[len(header) :]
        if header[-1] and extra and not any(extra):
            record = record[: len(header)]
        if len(record) != len(header):
            misfits.append((reader.line_num, record))
    described = [
        f"line {line}: {len(record)} values, more than the columns (the last "
        f"column is {[value for value in header if value][-1]})"
        for line, record in misfits[:10]
    ]
    return encoded(name, text), (
        f"Rows whose values do not fit the header's {len(header)} columns "
        f"({len(misfits)} in all): {'; '.join(described)}. Is a value split by "
        "the separator ',', or was the separator changed? The file is refused; "
        "nothing was imported."
    )


REFUSALS = [
    (damage, name)
    for damage in (
        cut_in_last_number,
        cut_in_header,
        saved_as_utf_16,
        concatenated,
        header_renamed,
    )
    for name in FILES
] + [
    *((one_row_repeated, name) for name in STATISTICS),
    *((women_left_out, name) for name in ("long", "graduates")),
    *((form_respelled, name) for name in ("wide", "long", "graduates")),
    # The `;` files whose names hold a comma.
    *(
        (separator_replaced, name)
        for name in ("institutions", "wide", "long", "graduates")
    ),
]


@pytest.mark.parametrize(
    ("damage", "name"),
    REFUSALS,
    ids=[f"{damage.__name__}-{name}" for damage, name in REFUSALS],
)
def test_a_damaged_copy_is_refused_and_changes_nothing(baseline, before, damage, name):
    data, message = damage(name)
    service = FILES[name][4]
    with pytest.raises(ImportFileError) as error:
        service(data=data, file_name=Path(FILES[name][0]).name)
    assert str(error.value) == message
    assert database_rows() == before


# Damages that do not change what the file says: read as the very same rows.


def separator_rewritten(name):
    """Saved again by a CSV writer with the other separator (quoting what needs
    it), as a spreadsheet set to another list separator does."""
    other = "," if FILES[name][2] == ";" else ";"
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=other, lineterminator=FILES[name][3])
    reader = csv.reader(
        io.StringIO(text_of(name), newline=""), delimiter=FILES[name][2]
    )
    writer.writerows(reader)
    return encoded(name, out.getvalue())


def saved_as_utf_8(name):
    return text_of(name).encode("utf-8")


def saved_as_windows_1252(name):
    """As Excel saves "CSV" on a Dutch Windows: é and ë in one byte each."""
    return text_of(name).encode("cp1252")


SAME_ROWS = [
    *((separator_rewritten, name) for name in FILES),
    *((saved_as_utf_8, name) for name in ("institutions", "wide")),
    # The UTF-8 files with accented letters, all of them in Windows-1252.
    *((saved_as_windows_1252, name) for name in ("programmes", "details")),
]


@pytest.mark.parametrize(
    ("damage", "name"),
    SAME_ROWS,
    ids=[f"{damage.__name__}-{name}" for damage, name in SAME_ROWS],
)
def test_a_copy_in_another_separator_or_encoding_reads_as_the_same_rows(damage, name):
    """Read as the import reads it: the same header, lines and values, so the
    import does what it did with the shipped file."""
    folder = FILES[name][0].split("/")[0]
    shipped_table = dataset_file_check(dataset=folder, data=shipped(name))
    table = dataset_file_check(dataset=folder, data=damage(name))
    assert table.header == shipped_table.header
    assert [(row.line, row.values) for row in table] == [
        (row.line, row.values) for row in shipped_table
    ]
    assert len(table) == len(data_lines(name))


# Damages that change values: imported, with exactly the rejections and unknowns
# the rules give. Each takes one institution's rows of the file (its header and
# those rows, as a steward might cut them out), to keep the imports small.

GENDER = "unknown gender (man or vrouw)"
BRIN = dict.fromkeys(FILES, "BRIN NUMMER ACTUEEL") | {"hbo": "INSTELLINGSCODE_ACTUEEL"}
LEIDEN = "21PB"


def institution_copy(name, brin=LEIDEN, change=lambda row: row):
    """The header and the institution's rows, each passed through `change`
    (a dict of the row's values; None leaves the row out): the copy's bytes and,
    for each of its data lines, the shipped file's line."""
    text = text_of(name)
    header_line = text.splitlines(keepends=True)[0]
    header = header_of(name)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=FILES[name][2], lineterminator=FILES[name][3])
    origins = {}
    for line, record in records(name, text):
        if not is_data(record):
            continue
        row = change(dict(zip(header, record, strict=True)))
        if row is None or row.get(BRIN[name]) != brin:
            continue
        writer.writerow(row.values())
        origins[len(origins) + 2] = line
    return encoded(name, header_line + out.getvalue()), origins


def shipped_rejections(baseline, name) -> dict[int, str]:
    """{line: reason} of the shipped file's import."""
    run = baseline[Path(FILES[name][0]).name]
    return dict(run.rejected_rows.values_list("line", "reason"))


def imported_copy(name, data):
    result = FILES[name][4](data=data, file_name=Path(FILES[name][0]).name)
    rejections = {rejection.line: rejection.reason for rejection in result.rejections}
    assert result.rows == result.rows_imported + result.rejected
    assert len(rejections) == result.rejected
    return result, rejections


def enrolments(*, brin=LEIDEN, years, exclude=False) -> list[tuple]:
    rows = Enrolment.objects.filter(academic_year__in=years)
    rows = (
        rows.exclude(programme__institution__brin=brin)
        if exclude
        else rows.filter(programme__institution__brin=brin)
    )
    return sorted(
        rows.values_list(
            "programme_id",
            "academic_year",
            "students",
            "first_years",
            "first_years_men",
            "first_years_women",
            "graduates",
        )
    )


SERIES_YEARS = {
    "long": range(2015, 2020),
    "graduates": range(2014, 2019),
    "wide": range(2013, 2018),
}


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("long", ("first_years", "first_years_men", "first_years_women")),
        ("graduates", ("graduates",)),
    ],
)
def test_genders_written_m_and_v_reject_every_row_and_leave_the_figures_unknown(
    baseline, name, fields
):
    """M/V is not DUO's man/vrouw: every row is rejected (for its gender, or for
    what rejected it before), and nobody is counted: each figure of the
    institution's programmes in the file's years is unknown, and no other
    institution's changes."""
    years = SERIES_YEARS[name]
    others = enrolments(years=years, exclude=True)
    recoded = {"man": "M", "vrouw": "V"}
    data, origins = institution_copy(
        name, change=lambda row: row | {"GESLACHT": recoded[row["GESLACHT"]]}
    )
    before_rejected = shipped_rejections(baseline, name)
    result, rejections = imported_copy(name, data)
    assert result.rows == len(origins) > 100
    assert rejections == {
        line: before_rejected.get(origin, GENDER) for line, origin in origins.items()
    }
    leiden = Enrolment.objects.filter(
        programme__institution__brin=LEIDEN, academic_year__in=years
    )
    assert leiden.count() > 100
    for field in fields:
        assert not leiden.filter(**{f"{field}__isnull": False}).exists(), field
    assert enrolments(years=years, exclude=True) == others


FORMS_BY_NAME = {
    "voltijd onderwijs": "full_time",
    "deeltijd onderwijs": "part_time",
    "duaal onderwijs": "dual",
}


SUPPRESSED = {
    # file: (institution, count column made -1, the figures it leaves unknown)
    "wide": (LEIDEN, "2013 MAN", 2013, ("first_years", "first_years_men")),
    "long": (LEIDEN, "2019", 2019, ("first_years", "first_years_{gender}")),
    "graduates": (LEIDEN, "2018", 2018, ("graduates",)),
    "hbo": ("25BE", "AANTAL_INGESCHREVENEN", None, ("students",)),
}
FIGURES = ("students", "first_years", "first_years_men", "first_years_women")


@pytest.mark.parametrize("name", SUPPRESSED)
def test_a_count_made_minus_one_leaves_only_its_programme_unknown(baseline, name):
    """DUO's -1 in one row: that programme's figure for that year is unknown
    (and the first-years with it), every other figure stays as it was."""
    brin, column, year, unknown = SUPPRESSED[name]
    before_rejected = shipped_rejections(baseline, name)
    target = first_row_of_one_programme(name, brin, column, before_rejected)
    target_year = year or int(target["row"]["STUDIEJAAR"])
    fields = [
        field.format(gender=GENDER_FIELD.get(target["row"].get("GESLACHT"), ""))
        for field in unknown
    ]
    stored = enrolments(brin=brin, years=[target_year])
    data, origins = institution_copy(
        name,
        brin=brin,
        change=lambda row: row | {column: "-1"} if row == target["row"] else row,
    )
    result, rejections = imported_copy(name, data)
    assert rejections == {
        line: before_rejected[origin]
        for line, origin in origins.items()
        if origin in before_rejected
    }
    assert (result.created, result.changed) == (0, 1)
    expected = []
    for values in stored:
        if values[0] == target["programme"]:
            columns = ("programme", "year", *FIGURES, "graduates")
            named = dict(zip(columns, values, strict=True))
            named |= dict.fromkeys(fields)
            values = tuple(named.values())
        expected.append(values)
    assert enrolments(brin=brin, years=[target_year]) == expected
    assert expected != stored


GENDER_FIELD = {"man": "men", "vrouw": "women"}


def first_row_of_one_programme(name, brin, column, rejected) -> dict:
    """The institution's first accepted row with a count above 0 in `column`
    whose institution, CROHO code and form name one programme only."""
    header = header_of(name)
    for line, record in records(name, text_of(name)):
        row = dict(zip(header, record, strict=False))
        if line in rejected or row.get(BRIN[name]) != brin:
            continue
        if row[column] in ("0", "-1"):
            continue
        programmes = programmes_of(name, row)
        if len(programmes) == 1:
            return {"line": line, "programme": programmes[0], "row": row}
    raise AssertionError(f"no row of {brin} names one programme only")


def programmes_of(name, row) -> list[int]:
    """The programmes a row's institution, CROHO code (and form) can name."""
    programmes = Programme.objects.filter(
        institution__brin=row[BRIN[name]].strip(),
        study__croho_code=row.get(
            "OPLEIDINGSCODE ACTUEEL", row.get("OPLEIDINGSCODE_ACTUEEL")
        ).strip(),
    )
    if "OPLEIDINGSVORM" in row:
        programmes = programmes.filter(form=FORMS_BY_NAME[row["OPLEIDINGSVORM"]])
    return list(programmes.values_list("pk", flat=True))


# Damages the file cannot show: a copy without some of its rows is a smaller
# file of the same kind. Imported by the documented rules (a gender or a row
# DUO left out counts nobody); what they do is pinned here.


def test_a_copy_without_the_womens_rows_counts_the_men_alone(baseline):
    """Every `vrouw` row of one institution left out (of a whole file, it is
    refused: above): as for a programme DUO gives no women's row, the women are
    unknown and the first-years are the men. Not refused: one institution's
    file cannot tell rows left out from rows DUO never wrote (docs/IMPORT.md,
    "First-years = men + women"). A programme with women only is not in the
    copy, and keeps its figures."""
    years = SERIES_YEARS["long"]
    data, origins = institution_copy(
        "long", change=lambda row: row if row["GESLACHT"] == "man" else None
    )
    before_rejected = shipped_rejections(baseline, "long")
    _result, rejections = imported_copy("long", data)
    assert rejections == {
        line: before_rejected[origin]
        for line, origin in origins.items()
        if origin in before_rejected
    }
    with_men = Enrolment.objects.filter(
        programme__institution__brin=LEIDEN, academic_year__in=years
    ).exclude(first_years_men=None)
    assert with_men.count() > 100
    assert not with_men.exclude(first_years_women=None).exists()
    assert all(
        first_years == men
        for first_years, men in with_men.values_list("first_years", "first_years_men")
    )


@pytest.mark.parametrize("name", STATISTICS)
def test_a_copy_cut_after_a_line_break_imports_the_rows_before_the_cut(baseline, name):
    """Cut at the end of line 41: a file that ends as DUO's do, with 40 rows.
    Its rows are read and mapped as in the shipped file, and nothing new is
    made; the figures of a programme whose rows the cut split are then those
    of the rows before it."""
    text = text_of(name)
    lines = text.splitlines(keepends=True)
    data = encoded(name, "".join(lines[:41]))
    before_rejected = shipped_rejections(baseline, name)
    result, rejections = imported_copy(name, data)
    kept = [line for line in data_lines(name) if line <= 41]
    assert result.rows == len(kept) > 30
    assert rejections == {
        line: reason for line, reason in before_rejected.items() if line <= 41
    }
    assert result.created == 0


def test_a_repeated_institution_row_changes_nothing(baseline):
    """The addresses file with its first row once more: the same institution
    with the same values, read twice and left as it was."""
    text = text_of("institutions")
    first = data_lines("institutions")[0]
    data = encoded("institutions", text + text.splitlines(keepends=True)[first - 1])
    stored = database_rows()["programmes_institution"]
    result, rejections = imported_copy("institutions", data)
    assert result.rows == len(data_lines("institutions")) + 1
    assert rejections == shipped_rejections(baseline, "institutions") == {}
    assert (result.created, result.changed) == (0, 0)
    assert database_rows()["programmes_institution"] == stored


def test_a_repeated_programme_row_is_rejected_as_a_duplicate(baseline):
    """RIO's erkenningen, its first 30 rows and the first again: the repeat is
    rejected, nothing is made or changed."""
    lines = text_of("programmes").splitlines(keepends=True)
    data = encoded("programmes", "".join(lines[:31]) + lines[1])
    stored = database_rows()["programmes_programme"]
    result, rejections = imported_copy("programmes", data)
    before_rejected = shipped_rejections(baseline, "programmes")
    assert 2 not in before_rejected
    assert result.rows == 31
    assert rejections == {
        **{line: reason for line, reason in before_rejected.items() if line <= 31},
        32: "duplicate programme in the file",
    }
    assert (result.created, result.changed) == (0, 0)
    assert database_rows()["programmes_programme"] == stored
