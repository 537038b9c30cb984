"""DUO's counts of students, first-years and graduates, in each of its layouts."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from programmes.models import Enrolment, Form, Programme

from . import base
from .csvfile import CsvTable, ImportFileError, Row, read_csv
from .normalise import FORMS
from .sources import data_source_for_file
from .statistics_layouts import (
    WIDE_YEAR,
    YEAR,
    StatisticsLayout,
    check_years,
    statistics_layout,
)

NEWER_FIRST_YEAR_SERIES = ("duo-eerstejaars-wo-2015-2019",)

GENDERS = {"man": "first_years_men", "vrouw": "first_years_women"}
GENDER_FIELDS = tuple(GENDERS.values())
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


def _first_years(counts: dict[str, int | None]) -> dict[str, int | None]:
    """Men, women and their sum, the sum only when neither part is unknown.

    A gender without a row is one DUO left out because it had no first-years: it
    stays empty and adds nothing. A gender suppressed (-1), or a row that said
    neither man nor vrouw, leaves the total unknown: one gender is never
    published as everyone.
    """
    if not any(name in counts for name in GENDER_FIELDS):
        # A file without genders counts everyone in one figure (unknown when a
        # row said neither man nor vrouw): there are no men's and women's counts.
        return {
            "first_years_men": None,
            "first_years_women": None,
            "first_years": counts.get("first_years"),
        }
    unknown = "first_years" in counts or any(
        name in counts and counts[name] is None for name in GENDER_FIELDS
    )
    men, women = (counts.get(name) for name in GENDER_FIELDS)
    return {
        "first_years_men": men,
        "first_years_women": women,
        "first_years": None if unknown else (men or 0) + (women or 0),
    }


def statistics_read(data: bytes) -> tuple[CsvTable, StatisticsLayout]:
    """The file's rows and layout; ImportFileError when its header lacks a column
    the layout needs."""
    table = read_csv(data, final_line_break=True)
    layout = statistics_layout(table.header)
    check_years(table, layout)
    _check_no_repeated_rows(table, layout)
    _check_both_genders(table, layout)
    _check_counts(table, layout)
    return table, layout


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
    """Import first-years, graduates or enrolled students, whatever the layout."""
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
    candidates = _programme_candidates()
    totals: dict[tuple[int, int], dict[str, int | None]] = defaultdict(dict)
    for row in base.tracked(table.rows, progress):
        counts = _statistics_counts(row, layout, table.header)
        programme_id = _map_row(row, layout, candidates, result)
        if programme_id is None:
            continue
        if _gender_unknown(row, table.header):
            result.reject(gettext_noop("unknown gender (man or vrouw)"), row=row)
        for year, values in counts.items():
            _add(totals[(programme_id, year)], values)
    _write_enrolments(totals, layout, source, result)
    base.import_run_log(result, data=data, source=source, kind="statistics", user=user)
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
    """The one programme a statistics row is about, or None (counted as rejected)."""
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
    if len(options) > 1:
        # By CBS code: names are spelled differently from file to file.
        place = row["GEMEENTENUMMER"].strip()
        options = [o for o in options if o[2] == place] or options
    if len(options) > 1 and not layout.form:
        # The hbo file counts all forms together; it belongs to the full-time
        # programme when there is one (documented in docs/IMPORT.md).
        options = [o for o in options if o[1] == Form.FULL_TIME] or options
    if len({o[0] for o in options}) > 1:
        result.reject(
            gettext_noop("several programmes match (location unclear)"), row=row
        )
        return None
    return options[0][0]


def _write_enrolments(totals, layout, source, result) -> None:
    existing = {(e.programme_id, e.academic_year): e for e in Enrolment.objects.all()}
    linked = set(
        Enrolment.sources.through.objects.filter(datasource=source).values_list(
            "enrolment_id", flat=True
        )
    )
    superseded = set(
        Enrolment.sources.through.objects.filter(
            datasource__key__in=NEWER_FIRST_YEAR_SERIES
        ).values_list("enrolment_id", flat=True)
    )
    new, updated, fields = [], [], set()
    for (programme_id, year), counts in totals.items():
        values = dict(counts)
        if "first_years" in values or any(name in values for name in GENDER_FIELDS):
            values.update(_first_years(values))
        enrolment = existing.get((programme_id, year))
        if enrolment is None:
            if all(value is None for value in values.values()):
                continue  # nothing known: no record, as for a year without rows
            enrolment = Enrolment(programme_id=programme_id, academic_year=year)
            base.assign_changed(enrolment, values)
            new.append(enrolment)
            result.created += 1
            continue
        if layout.fill_only and enrolment.pk in superseded:
            result.unchanged += 1
            continue
        protected = set()
        if changed := base.assign_changed(enrolment, values, protected=protected):
            updated.append(enrolment)
            fields.update(changed)
            result.changed += 1
        else:
            result.unchanged += 1
    Enrolment.objects.bulk_create(new, batch_size=500)
    if updated:
        Enrolment.objects.bulk_update(updated, sorted(fields), batch_size=500)
    through = Enrolment.sources.through
    through.objects.bulk_create(
        [
            through(enrolment_id=e.pk, datasource_id=source.pk)
            for e in [*new, *updated]
            if e.pk not in linked
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
