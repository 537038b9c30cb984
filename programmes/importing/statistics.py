"""DUO's counts of students, first-years and graduates, in each of its layouts."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from programmes.models import Form, Programme

from . import base
from .csvfile import CsvTable, ImportFileError, Row, read_csv
from .normalise import FORMS
from .sources import data_source_for_file
from .statistics_layouts import (
    GENDERS,
    WIDE_YEAR,
    YEAR,
    StatisticsLayout,
    check_years,
    statistics_layout,
)
from .statistics_writing import enrolments_write

Counts = dict[int, dict[str, int | None]]
"""{year: {field: count}}; None is a count DUO suppressed (-1), or a sum with an
unknown part."""


def _statistics_counts(row: Row, layout: StatisticsLayout, header) -> Counts:
    """{year: {field: count}} for one row of any layout; a row whose gender is not
    man or vrouw counts nothing and leaves its sum unknown."""
    counts: Counts = defaultdict(dict)
    if layout.value_column is WIDE_YEAR:
        for name in header:
            if match := WIDE_YEAR.match(name):
                year, sex = int(match[1]), match[2]
                key = "first_years_men" if sex == "MAN" else "first_years_women"
                counts[year][key] = row.count(name)
        return counts
    by_gender = "GESLACHT" in header
    gender = GENDERS.get(row["GESLACHT"].strip().lower()) if by_gender else None
    for year, value in _year_counts(row, layout, header):
        if by_gender and gender is None:
            # Whoever this row counts is missing from the total.
            counts[year][layout.series] = None
        elif gender and layout.series == "first_years":
            counts[year][gender] = value
        else:
            counts[year][layout.series] = value
    return counts


def _year_counts(
    row: Row, layout: StatisticsLayout, header
) -> list[tuple[int, int | None]]:
    """(year, count) for each year a row counts: one in a per-year file (its
    year checked by check_years), one per year column in a long one."""
    if layout.year_column:
        return [(int(row[layout.year_column]), row.count(layout.count_column))]
    return [(int(name), row.count(name)) for name in header if YEAR.match(name)]


def _gender_unknown(row: Row, header) -> bool:
    return "GESLACHT" in header and row["GESLACHT"].strip().lower() not in GENDERS


def _add(total: dict[str, int | None], counts: dict[str, int | None]) -> None:
    """Add one row's counts to a programme's year: a sum with an unknown part is
    unknown, whatever the other parts say."""
    for name, value in counts.items():
        if value is None or (name in total and total[name] is None):
            total[name] = None
        else:
            total[name] = total.get(name, 0) + value


def statistics_read(data: bytes) -> tuple[CsvTable, StatisticsLayout]:
    """The file's rows and layout; ImportFileError when its header lacks a column
    the layout needs."""
    table = read_csv(data, final_line_break=True)
    layout = statistics_layout(table.header)
    check_years(table, layout)
    _check_no_repeated_rows(table, layout)
    _check_both_genders(table, layout)
    _check_forms(table, layout)
    _check_counts(table, layout)
    return table, layout


def _check_forms(table: CsvTable, layout: StatisticsLayout) -> None:
    """Every row's form is one DUO writes: a form written otherwise (`Voltijd`)
    names no programme, and its rows would leave the figures of every offering
    of their programmes unknown (docs/IMPORT.md, "withdrawn")."""
    if not layout.form:
        return
    for row in table:
        value = row[layout.form].strip()
        if value in FORMS:
            continue
        raise ImportFileError(
            _(
                "Line %(line)s, column %(column)s: %(value)r is not one of DUO's "
                "forms (%(forms)s). The file is refused."
            )
            % {
                "line": row.line,
                "column": layout.form,
                "value": value[:40],
                "forms": ", ".join(
                    ("voltijd onderwijs", "deeltijd onderwijs", "duaal onderwijs")
                ),
            },
            line=row.line,
            column=layout.form,
        )


def _check_both_genders(table: CsvTable, layout: StatisticsLayout) -> None:
    """A file by gender for several institutions has rows of both: one without
    any row of women (or men) has lost them, and since a gender without a row
    counts nobody, the other would be published as everyone. Genders written
    otherwise (M, V) are rejected row by row instead."""
    if "GESLACHT" not in table.header:
        return
    genders = {row["GESLACHT"].strip().lower() for row in table}
    institutions = {row[layout.brin].strip() for row in table}
    missing = [gender for gender in GENDERS if gender not in genders]
    if len(missing) != 1 or len(institutions) < 2:
        return
    raise ImportFileError(
        _(
            "The file has rows for %(present)s and none for %(missing)s, for "
            "%(count)s institutions: DUO's files by gender have both, so rows "
            "are missing and one gender would be counted as everyone. The file "
            "is refused."
        )
        % {
            "present": next(gender for gender in GENDERS if gender in genders),
            "missing": missing[0],
            "count": len(institutions),
        },
        line=1,
        column="GESLACHT",
    )


def _check_counts(table: CsvTable, layout: StatisticsLayout) -> None:
    """Every count is a whole number or DUO's -1 (ImportFileError naming the
    line and column otherwise), so that a file refused for a count is refused
    before anything is written from it, its municipalities included."""
    for row in table:
        _statistics_counts(row, layout, table.header)


def _check_no_repeated_rows(table: CsvTable, layout: StatisticsLayout) -> None:
    """Rows are added up per programme and year, so a row that comes twice would
    count its people twice: the whole file is refused, naming both lines."""
    columns = [name for name in layout.key if name in table.header]
    first_lines: dict[tuple[str, ...], int] = {}
    for row in table:
        first = first_lines.setdefault(
            tuple(row[name].strip() for name in columns), row.line
        )
        if first != row.line:
            raise ImportFileError(
                _(
                    "Line %(line)s repeats line %(first)s (the same %(columns)s): "
                    "its counts would be added up twice, so the file is refused."
                )
                % {"line": row.line, "first": first, "columns": ", ".join(columns)},
                line=row.line,
            )


@transaction.atomic
def enrolments_import(
    *, data: bytes, file_name: str, user=None, progress: base.Progress | None = None
) -> base.ImportResult:
    """Import first-years, graduates or enrolled students, whatever the layout.

    Every figure written cites this file's series and this run
    (EnrolmentFigureSource), unless a series that wins over it gave the figure.
    """
    started_at = timezone.now()
    table, layout = statistics_read(data)
    result = base.ImportResult(
        file_name=file_name,
        rows=len(table),
        skipped_lines=table.skipped_lines,
        layout=layout.name,
        started_at=started_at,
    )
    source = data_source_for_file(file_name=file_name)
    run = base.import_run_start(
        result, data=data, source=source, kind="statistics", user=user
    )
    candidates = _programme_candidates()
    totals: dict[tuple[int, int], dict[str, int | None]] = defaultdict(dict)
    # The programmes and years the file speaks of, whether their rows map or not.
    covered: set[tuple[int, int]] = set()
    for row in base.tracked(table.rows, progress):
        counts = _statistics_counts(row, layout, table.header)
        named = candidates.get((row[layout.brin].strip(), row[layout.croho].strip()))
        covered.update((o[0], year) for o in named or () for year in counts)
        programme_id = _map_row(row, layout, candidates, result)
        if programme_id is None:
            continue
        if _gender_unknown(row, table.header):
            result.reject(gettext_noop("unknown gender (man or vrouw)"), row=row)
        for year, values in counts.items():
            _add(totals[(programme_id, year)], values)
    enrolments_write(totals, covered, source, run, result)
    base.import_run_finish(run, result)
    return result


def _programme_candidates() -> dict[tuple[str, str], list[tuple[int, str, str]]]:
    rows = Programme.objects.values_list(
        "pk", "institution__brin", "study__croho_code", "form", "municipality__code"
    )
    candidates = defaultdict(list)
    for pk, brin, croho, form, municipality in rows:
        candidates[(brin, croho)].append((pk, form, municipality or ""))
    return candidates


def _map_row(row, layout, candidates, result) -> int | None:
    """The one offering a statistics row is about, or None (rejected, with why).

    An offering of the row's programme (BRIN + CROHO code, and form where the
    layout has one) in the row's municipality, by CBS code: names are spelled
    differently from file to file. A row is never counted for an offering in
    another city, nor for one whose municipality is unknown (docs/IMPORT.md,
    "Location").
    """
    options = candidates.get((row[layout.brin].strip(), row[layout.croho].strip()))
    if not options:
        result.reject(
            gettext_noop("no programme with this BRIN and CROHO code"), row=row
        )
        return None
    if layout.form:
        form = FORMS.get(row[layout.form].strip())
        options = [o for o in options if o[1] == form]
        if not options:
            result.reject(gettext_noop("no programme in this form"), row=row)
            return None
    place = row["GEMEENTENUMMER"].strip()
    if not place:
        result.reject(
            gettext_noop("no municipality code"), row=row, column="GEMEENTENUMMER"
        )
        return None
    here = [o for o in options if o[2] == place]
    if not here:
        result.reject(_no_offering_here(options), row=row, column="GEMEENTENUMMER")
        return None
    if len(here) > 1 and not layout.form:
        # The hbo file counts all forms together; it belongs to the full-time
        # programme when there is one (documented in docs/IMPORT.md).
        here = [o for o in here if o[1] == Form.FULL_TIME] or here
    if len({o[0] for o in here}) > 1:
        result.reject(
            gettext_noop("several programmes match (location unclear)"), row=row
        )
        return None
    return here[0][0]


def _no_offering_here(options) -> str:
    """Why a row whose municipality (GEMEENTENUMMER, kept with the row) has none
    of the programme's offerings is rejected."""
    if any(not municipality for _pk, _form, municipality in options):
        return gettext_noop(
            "no offering of this programme known in this municipality: the "
            "municipality of an offering is unknown"
        )
    return gettext_noop("no offering of this programme in this municipality")
