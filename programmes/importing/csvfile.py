"""Reading DUO's CSV files, whatever their era's quirks.

DUO has published the same kind of data in cp1252/latin-1 with `;` and in UTF-8 with
`,` and quotes; copies in the wild add artefact lines (`""`), empty and totals rows
and a trailing `;` on every line. This module turns bytes into rows of text keyed by
column name, and fails with a message naming the line and column when a file cannot
be what it claims to be.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from figures.numbers import NotAnInteger, TooManyDigits, parse_int

DELIMITERS = (";", ",", "\t")
# A decimal number as people type it: 3.9, 3,9 (Dutch Excel), 2909, -0.5; ASCII
# digits only, like every whole number (figures.numbers).
DECIMAL = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
# Counts of people and years: nine digits fit every integer column, on PostgreSQL too.
MAX_WHOLE_DIGITS = 9
SUPPRESSED = "-1"
TOTALS_MARKERS = frozenset({"totaal", "totalen", "total", "totals"})


class ImportFileError(ValueError):
    """A file that cannot be imported; the message says where and why."""

    def __init__(self, message: str, *, line: int | None = None, column: str = ""):
        self.line = line
        self.column = column
        super().__init__(message)


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column, default)

    def count(self, column: str) -> int | None:
        """A whole, non-negative number of people; anything else is a bad file.

        DUO writes -1 where it suppresses a figure: that is unknown (None), not an
        error.
        """
        value = self.values[column].strip()
        if value == SUPPRESSED:
            return None
        return self._whole(column, value, MAX_WHOLE_DIGITS)

    def whole(
        self, column: str, *, optional: bool = False, max_digits: int = MAX_WHOLE_DIGITS
    ) -> int | None:
        """A whole number without the DUO -1 convention (our own formats, ECTS)."""
        value = self.values[column].strip()
        if optional and not value:
            return None
        return self._whole(column, value, max_digits)

    def decimal(self, column: str, *, optional: bool = False) -> Decimal | None:
        """A decimal number written with a point or a (Dutch) comma."""
        value = self.values[column].strip()
        if optional and not value:
            return None
        if not DECIMAL.fullmatch(value):
            raise self._not_a_number(column, value, _("a number"))
        return Decimal(value.replace(",", "."))

    def _whole(self, column: str, value: str, max_digits: int) -> int:
        try:
            return parse_int(value, max_digits=max_digits)
        except TooManyDigits:
            raise self._too_many_digits(column, value, max_digits) from None
        except NotAnInteger:
            raise self._not_a_number(column, value, _("a whole number")) from None

    def _not_a_number(
        self, column: str, value: str, expected: str
    ) -> "ImportFileError":
        message = _("Line %(line)s, column %(column)s: %(value)r is not %(expected)s.")
        return self._cell_error(message, column, value, expected=expected)

    def _too_many_digits(
        self, column: str, value: str, max_digits: int
    ) -> "ImportFileError":
        message = _(
            "Line %(line)s, column %(column)s: %(value)s has more than "
            "%(digits)s digits."
        )
        return self._cell_error(message, column, value, digits=max_digits)

    def _cell_error(
        self, message: str, column: str, value: str, **details
    ) -> "ImportFileError":
        """The error naming this line, the column and (the start of) its value."""
        values = {"line": self.line, "column": column, "value": value[:40], **details}
        return ImportFileError(message % values, line=self.line, column=column)


@dataclass
class CsvTable:
    header: list[str]
    rows: list[Row]
    encoding: str
    delimiter: str
    skipped_lines: int = 0
    totals_lines: list[int] = field(default_factory=list)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


UTF_16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# How much of a file is looked at for NUL bytes: UTF-16 has one in every other
# byte of Latin text, so a few kilobytes tell.
ENCODING_SAMPLE = 4096


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) when it is valid UTF-8, else Windows-1252.

    cp1252 is a superset of latin-1's printable range, so it also reads DUO's older
    latin-1 files correctly; bytes it leaves undefined fall back to latin-1.
    Either would read UTF-16 (Excel's "Unicode text") or a binary file as
    gibberish with NUL characters, which then fails as a truncated or malformed
    file: those are refused here, for what they are.
    """
    _check_text_encoding(data)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _check_text_encoding(data: bytes) -> None:
    sample = data[:ENCODING_SAMPLE]
    half = len(sample) // 4  # a quarter of the bytes: half of one parity's
    line = 1
    if data.startswith(UTF_16_BOMS) or max(
        sample[0::2].count(0), sample[1::2].count(0)
    ) > max(half, 1):
        found = "UTF-16"
    elif b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        found = _("binary data (NUL bytes, line %(line)s)") % {"line": line}
    else:
        return
    raise ImportFileError(
        _(
            "The file cannot be read as text: expected UTF-8 (or Windows-1252, as "
            "in DUO's older files), found %(found)s. Save it as CSV in UTF-8 and "
            "try again. The file is refused."
        )
        % {"found": found},
        line=line,
    )


def detect_delimiter(header_line: str) -> str:
    """The candidate that splits the header into the most columns."""
    return max(DELIMITERS, key=header_line.count)


def is_totals_row(values: Iterable[str]) -> bool:
    return any(value.strip().lower() in TOTALS_MARKERS for value in values)


def read_csv(
    data: bytes,
    *,
    required: Iterable[str] = (),
    final_line_break: bool = False,
    totals_rows: bool = True,
) -> CsvTable:
    """Parse a DUO CSV file; raise ImportFileError when it is not importable.

    `final_line_break`: the file must end with a line break, as every one of DUO's
    does (our own formats need not: a spreadsheet's export may end without one).
    `totals_rows`: a row with a cell "Totaal" is a totals line and skipped (DUO);
    CBS's tables use "Totaal" as a category of their own, so they say False.
    """
    text, encoding, delimiter = _text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[Row] = []
    skipped = 0
    totals: list[int] = []
    malformed: list[tuple[int, list[str]]] = []
    last: tuple[int, int] | None = None  # the last row's line and its values
    try:
        for record in reader:
            line = reader.line_num
            if header is None:
                if not any(value.strip() for value in record):
                    continue
                header = [name.strip() for name in record]
                header_line = line
                _check_required(header, required, delimiter)
                width = len(header)
                continue
            if not any(value.strip() for value in record):
                skipped += 1  # a blank line, an artefact (`""`), an empty row
                continue
            if [value.strip() for value in record] == header:
                raise ImportFileError(
                    _(
                        "Line %(line)s repeats the header of line %(header)s: is "
                        "this several files joined together? The file is refused."
                    )
                    % {"line": line, "header": header_line},
                    line=line,
                )
            if totals_rows and is_totals_row(record):
                totals.append(line)
                skipped += 1
                continue
            record = _fitted(record, header)
            last = (line, len(record))
            if len(record) != width:
                malformed.append((line, record))
                continue
            rows.append(Row(line, dict(zip(header, record, strict=True))))
    except csv.Error as error:
        raise ImportFileError(
            _("Line %(line)s: %(error)s") % {"line": reader.line_num, "error": error},
            line=reader.line_num,
        ) from None
    if header is None:
        raise ImportFileError(_("The file has no header line."), line=1)
    _check_not_truncated(text, last, width, final_line_break)
    _check_no_malformed_rows(malformed, header, delimiter)
    return CsvTable(header, rows, encoding, delimiter, skipped, totals)


def read_header(data: bytes) -> list[str]:
    """The header read_csv would find, without reading the rows: enough to tell
    which import a file is for. ImportFileError when the file has none."""
    text, _encoding, delimiter = _text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if any(value.strip() for value in record):
                return [name.strip() for name in record]
    except csv.Error as error:
        raise ImportFileError(
            _("Line %(line)s: %(error)s") % {"line": reader.line_num, "error": error},
            line=reader.line_num,
        ) from None
    raise ImportFileError(_("The file has no header line."), line=1)


def _text(data: bytes) -> tuple[str, str, str]:
    """The file as text, its encoding and its separator."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."), line=1)
    text, encoding = decode(data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    return text, encoding, detect_delimiter(first_line)


# How many malformed rows a refusal names (it counts them all).
MALFORMED_ROWS_NAMED = 10


def _check_no_malformed_rows(
    malformed: list[tuple[int, list[str]]], header: list[str], delimiter: str
) -> None:
    """A row with more or fewer values than the header has columns cannot be read
    (which value belongs to which column?): skipping it would lose its people
    without a word, so the file is refused, naming the rows."""
    if not malformed:
        return
    descriptions = []
    for line, record in malformed[:MALFORMED_ROWS_NAMED]:
        if len(record) > len(header):
            description = _(
                "line %(line)s: %(found)s values, more than the columns (the last "
                "column is %(column)s)"
            )
        else:
            description = _(
                "line %(line)s: %(found)s values, no value for column %(column)s"
            )
        values = {"line": line, "found": len(record), "column": _column(header, record)}
        descriptions.append(description % values)
    first_line, first_record = malformed[0]
    raise ImportFileError(
        _(
            "Rows whose values do not fit the header's %(expected)s columns "
            "(%(count)s in all): %(rows)s. Is a value split by the separator "
            "%(delimiter)r, or was the separator changed? The file is refused; "
            "nothing was imported."
        )
        % {
            "expected": len(header),
            "count": len(malformed),
            "rows": "; ".join(descriptions),
            "delimiter": delimiter,
        },
        line=first_line,
        column=_column(header, first_record),
    )


def _fitted(record: list[str], header: list[str]) -> list[str]:
    """The row with a trailing separator more or less than the header (an empty
    value after the last column, or none for an unnamed last column) made to fit:
    nothing is lost either way."""
    width = len(header)
    # Only when the header has no trailing separator of its own: beyond an
    # unnamed last column, another value means one was split in two (the 2013
    # file with `;` turned into `,`), which would shift every count after it.
    extra = record[width:]
    if header[-1] and extra and not any(value.strip() for value in extra):
        return record[:width]
    if len(record) < width and not any(header[len(record) :]):
        return record + [""] * (width - len(record))
    return record


def _column(header: list[str], record: list[str]) -> str:
    """The column a malformed row goes wrong at: the first without a value, or the
    last named one, after which it has more."""
    if len(record) < len(header):
        return header[len(record)]
    return next(name for name in reversed(header) if name)


def _check_required(header: list[str], required: Iterable[str], delimiter: str):
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFileError(
            _(
                "Line 1: the header lacks the column(s) %(columns)s (columns are "
                "separated by %(delimiter)r). Is this the right file, with the "
                "right separator?"
            )
            % {"columns": ", ".join(missing), "delimiter": delimiter},
            line=1,
            column=missing[0],
        )


def _check_not_truncated(
    text: str, last: tuple[int, int] | None, width: int, final_line_break: bool
) -> None:
    """A file cut short, by an interrupted download or an editor, is incomplete.

    Its last row has fewer values than the header has columns (a line break
    after the cut does not make it whole), or, for DUO's files, which all end
    with a line break (CR LF when their lines end so), it ends without one: the
    last value may then be cut (2 for 22) with every column present.
    """
    if last and last[1] < width:
        line, found = last
        raise ImportFileError(
            _(
                "Line %(line)s: the file ends in the middle of a row (%(found)s of "
                "%(expected)s columns); it looks truncated."
            )
            % {"line": line, "found": found, "expected": width},
            line=line,
        )
    if final_line_break and not text.endswith(_line_end(text)):
        # The line the file ends in, which may be a totals line after the rows.
        line = text.rstrip("\r").count("\n") + 1
        raise ImportFileError(
            _(
                "Line %(line)s: the file does not end with a line break, as DUO's "
                "files do: its last value may be cut off, so it looks truncated. "
                "The file is refused."
            )
            % {"line": line},
            line=line,
        )


def _line_end(text: str) -> str:
    """How the file ends its lines, judged by its first line."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    return "\r\n" if first.endswith("\r") else "\n"
