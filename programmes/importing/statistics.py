"""DUO's counts of students, first-years and graduates, in each of its layouts."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from programmes.models import (
    DataSource,
    Enrolment,
    EnrolmentFigureSource,
    Form,
    Programme,
)

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

# Series that give the same figure for the same years, the one that wins first:
# where both cover a programme's year, a series listed later neither replaces the
# figure nor becomes its source, whatever the order of the imports. The newer wo
# first-years (2015-2019) count as DUO does now; the older wide series (2013-2017)
# by an older definition (its PROVENANCE.md). A series not listed is not ranked:
# its import replaces the figure it gives, as a re-import of the same series does.
SERIES_PRECEDENCE = (
    "duo-eerstejaars-wo-2015-2019",
    "duo-eerstejaars-wo-2013-2017",
)

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
    _check_counts(table, layout)
    return table, layout


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
    _write_enrolments(totals, covered, source, run, result)
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


Figure = EnrolmentFigureSource.Figure
FIGURE_OF_FIELD = {
    "students": Figure.STUDENTS,
    "first_years": Figure.FIRST_YEARS,
    "first_years_men": Figure.FIRST_YEARS,
    "first_years_women": Figure.FIRST_YEARS,
    "graduates": Figure.GRADUATES,
}


def series_outranks(current: str, incoming: str) -> bool:
    """Whether the series that gave a figure wins over the one now importing it
    (SERIES_PRECEDENCE); a series that is not ranked wins over none."""
    if current not in SERIES_PRECEDENCE or incoming not in SERIES_PRECEDENCE:
        return False
    return SERIES_PRECEDENCE.index(current) < SERIES_PRECEDENCE.index(incoming)


FIELDS_OF_FIGURE = {
    figure: tuple(n for n, f in FIGURE_OF_FIELD.items() if f == figure)
    for figure in Figure
}


def _write_enrolments(totals, covered, source: DataSource, run, result) -> None:
    """Write each programme's year, figure by figure: a figure whose source wins
    over this file's series is left as it is (and not cited).

    A figure this series gave before to a programme and year the file still
    speaks of, but no longer gives it (its rows now map elsewhere or nowhere, e.g.
    a row from another city), is withdrawn: left unknown and no longer cited.
    """
    existing = {(e.programme_id, e.academic_year): e for e in Enrolment.objects.all()}
    cited = {
        (f.enrolment_id, f.figure): f
        for f in EnrolmentFigureSource.objects.only(
            "enrolment_id", "figure", "source_id", "import_run_id"
        )
    }
    keys = dict(DataSource.objects.values_list("pk", "key"))
    new, updated, fields = [], [], set()
    written: list[tuple[Enrolment, str]] = []
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
            written += [(enrolment, f) for f in {FIGURE_OF_FIELD[n] for n in values}]
            result.created += 1
            continue
        figures = {}
        for figure in {FIGURE_OF_FIELD[name] for name in values}:
            current = cited.get((enrolment.pk, figure))
            if current is None or not series_outranks(
                keys[current.source_id], source.key
            ):
                figures[figure] = current
        values = {n: v for n, v in values.items() if FIGURE_OF_FIELD[n] in figures}
        changed = base.assign_changed(enrolment, values)
        for figure, current in figures.items():
            if (
                current is None
                or current.source_id != source.pk
                or any(FIGURE_OF_FIELD[name] == figure for name in changed)
            ):
                written.append((enrolment, figure))
        if changed:
            updated.append(enrolment)
            fields.update(changed)
            result.changed += 1
        else:
            result.unchanged += 1
    withdrawn = _figures_withdrawn(existing, cited, totals, covered, source)
    for enrolment, figure in withdrawn:
        if changed := base.assign_changed(
            enrolment, dict.fromkeys(FIELDS_OF_FIGURE[figure])
        ):
            updated.append(enrolment)
            fields.update(changed)
            result.changed += 1
    Enrolment.objects.bulk_create(new, batch_size=500)
    if updated:
        Enrolment.objects.bulk_update(updated, sorted(fields), batch_size=500)
    _figure_sources_write(written, withdrawn, cited, source, run)


def _figures_withdrawn(existing, cited, totals, covered, source) -> list:
    """The (enrolment, figure) pairs this series gave that the file, speaking of
    their programme and year, no longer gives."""
    by_pk = {e.pk: e for e in existing.values()}
    withdrawn = []
    for (enrolment_id, figure), current in cited.items():
        enrolment = by_pk[enrolment_id]
        key = (enrolment.programme_id, enrolment.academic_year)
        if current.source_id == source.pk and key in covered and key not in totals:
            withdrawn.append((enrolment, figure))
    return withdrawn


def _figure_sources_write(written, withdrawn, cited, source: DataSource, run) -> None:
    """Cite this source and run for the figures written, cite nothing for those
    withdrawn, and keep each enrolment's sources the set of its figures'
    sources: a source that no longer gives one of its figures is no longer cited
    (the public pages and exports cite Enrolment.sources)."""
    new, updated = [], []
    displaced = {(enrolment.pk, source.pk) for enrolment, _figure in withdrawn}
    EnrolmentFigureSource.objects.filter(
        pk__in=[cited.pop((e.pk, figure)).pk for e, figure in withdrawn]
    ).delete()
    for enrolment, figure in written:
        current = cited.get((enrolment.pk, figure))
        if current is None:
            current = EnrolmentFigureSource(enrolment_id=enrolment.pk, figure=figure)
            cited[(enrolment.pk, figure)] = current
            new.append(current)
        else:
            if current.source_id != source.pk:
                displaced.add((enrolment.pk, current.source_id))
            updated.append(current)
        current.source_id, current.import_run_id = source.pk, run.pk
    EnrolmentFigureSource.objects.bulk_create(new, batch_size=500)
    EnrolmentFigureSource.objects.bulk_update(
        updated, ["source", "import_run"], batch_size=500
    )
    through = Enrolment.sources.through
    through.objects.bulk_create(
        [
            through(enrolment_id=pk, datasource_id=source.pk)
            for pk in {enrolment.pk for enrolment, _figure in written}
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    still = {(f.enrolment_id, f.source_id) for f in cited.values()}
    uncited = defaultdict(list)
    for enrolment_id, source_id in displaced - still:
        uncited[source_id].append(enrolment_id)
    for source_id, enrolment_ids in uncited.items():
        through.objects.filter(
            datasource_id=source_id, enrolment_id__in=enrolment_ids
        ).delete()
    # A year left with no figure and no source is removed, as if never imported.
    Enrolment.objects.filter(
        pk__in={enrolment.pk for enrolment, _figure in withdrawn},
        sources=None,
        figure_sources=None,
        **dict.fromkeys(FIGURE_OF_FIELD),
    ).delete()
