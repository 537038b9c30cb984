"""Writing a statistics file's counts: each figure of a programme's year, its
source and import run (EnrolmentFigureSource), and which series wins when two
give the same figure (docs/IMPORT.md, "Which series wins", "Provenance per
figure")."""

from collections import defaultdict

from programmes.models import DataSource, Enrolment, EnrolmentFigureSource

from . import base
from .statistics_layouts import GENDER_FIELDS

# Series that give the same figure for the same years, the one that wins first:
# where both cover a programme's year, a series listed later neither replaces the
# figure nor becomes its source, whatever the order of the imports. The newer wo
# first-years (2015-2019) count as DUO does now; the older wide series (2013-2017)
# by an older definition (its PROVENANCE.md). A series not listed is not ranked:
# its import replaces the figure it gives, as a re-import of the same series does.
# Ids per `pk__in` query: within SQLite's oldest limit of 999 parameters.
ID_BATCH = 900

SERIES_PRECEDENCE = (
    "duo-eerstejaars-wo-2015-2019",
    "duo-eerstejaars-wo-2013-2017",
)


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


def enrolments_write(totals, covered, source: DataSource, run, result) -> None:
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
    # Every figure written cites the same source and run: one UPDATE per batch,
    # not bulk_update's CASE per record.
    ids = [current.pk for current in updated]
    for start in range(0, len(ids), ID_BATCH):
        EnrolmentFigureSource.objects.filter(
            pk__in=ids[start : start + ID_BATCH]
        ).update(source_id=source.pk, import_run_id=run.pk)
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
