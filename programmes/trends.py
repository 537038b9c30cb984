"""Students, first-years (women, men) and graduates year by year, for a programme
or summed over the published programmes of an institution or a study: each count
a trend with its gaps and its series breaks (`figures.trends`). Three queries,
whatever the number of programmes or years; a programme's from the records its
page reads anyway (`programme_enrolments`). A study's and an institution's page
read the same sums stored by `public.enrolment_sums` (`trends_from_sums` turns
them into the section)."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import (
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
)
from django.utils.translation import gettext_lazy as _

from figures.formatting import whole
from figures.shares import gender_counts
from figures.trends import SeriesBreak, Trend, YearValue, trend

from .models import (
    DataSource,
    Enrolment,
    EnrolmentFigureSource,
    Institution,
    Programme,
    ProgrammeCodeChange,
    Study,
    academic_year_label,
)

FigureKind = EnrolmentFigureSource.Figure
# The annotation of a programme's record with the former code its year was
# counted under (None: the current code).
COUNTED_UNDER = "counted_under_code"
# In enrolment_trends' rows of figures' sources, a row only saying a source is
# cited by the records (no figure is "").
CITED = ""


@dataclass(frozen=True)
class Measure:
    field: str  # the Enrolment field counted
    figure: str  # the EnrolmentFigureSource.Figure whose source gives its series
    label: str
    part_of: str = ""  # a gender's count is part of the first-years


MEASURES = (
    Measure("students", FigureKind.STUDENTS, _("Students")),
    Measure("first_years", FigureKind.FIRST_YEARS, _("First-year students")),
    Measure(
        "first_years_women",
        FigureKind.FIRST_YEARS,
        _("First-year women"),
        part_of="first_years",
    ),
    Measure(
        "first_years_men",
        FigureKind.FIRST_YEARS,
        _("First-year men"),
        part_of="first_years",
    ),
    Measure("graduates", FigureKind.GRADUATES, _("Graduates")),
)
MEASURES_BY_FIELD = {measure.field: measure for measure in MEASURES}
# The charts: one per count, the first-years' with its women and men.
CHARTS = (("students",), ("first_years", "first_years_women", "first_years_men"))
CHARTS += (("graduates",),)


@dataclass(frozen=True)
class BreakNote:
    """What changed at a break, for the note under the chart: the series before
    and after, each as the sources that gave it, and the programme codes before
    and after (`series_break.code_changed`)."""

    number: int
    measure: Measure
    series_break: SeriesBreak
    sources_before: list[DataSource]
    sources_after: list[DataSource]

    @property
    def before_label(self) -> str:
        return academic_year_label(self.series_break.before)

    @property
    def after_label(self) -> str:
        return academic_year_label(self.series_break.after)


@dataclass(frozen=True)
class TrendCell:
    measure: Measure
    point: YearValue
    # (records whose count is not published, left out of a sum; records cited)
    incomplete: tuple[int, int] | None = None
    # The measure's label in the page's language and the value as shown ("" when
    # not published): the table's cells read these, one lookup each instead of
    # a translation and a filter per cell.
    label: str = ""
    text: str = ""


@dataclass(frozen=True)
class TrendRow:
    year: int
    cells: list[TrendCell]

    @property
    def label(self) -> str:
        return academic_year_label(self.year)


@dataclass(frozen=True)
class EnrolmentTrends:
    trends: dict[str, Trend]  # by Measure.field
    sources: dict[str, DataSource]  # by key: the sources of the figures' series
    # (field, year) → (records whose count is not published, left out of a
    # sum; the records that gave the figure that year).
    incomplete: dict[tuple[str, int], tuple[int, int]]
    # Every source the records cite (Enrolment.sources): demo and synthetic
    # records cite only these, and the section must say so.
    cited: list[DataSource] = field(default_factory=list)
    # What a sum is over ("institution", "study"); empty for one programme.
    summed_over: str = ""

    @cached_property
    def measures(self) -> list[Measure]:
        """The counts with at least one published year, in MEASURES order (read
        by every part of the section: decided once)."""
        return [m for m in MEASURES if self.trends[m.field].is_shown]

    @property
    def is_shown(self) -> bool:
        return bool(self.measures)

    @property
    def charts(self) -> list[list[tuple[Measure, Trend]]]:
        shown = {m.field for m in self.measures}
        return [
            [(MEASURES_BY_FIELD[f], self.trends[f]) for f in fields if f in shown]
            for fields in CHARTS
            if fields[0] in shown
        ]

    @property
    def rows(self) -> list[TrendRow]:
        measures = self.measures
        if not measures:
            return []
        points = {m.field: self.trends[m.field].points for m in measures}
        labels = {m.field: str(m.label) for m in measures}
        years = [point.year for point in points[measures[0].field]]
        return [
            TrendRow(
                year,
                [
                    TrendCell(
                        m,
                        point := points[m.field][i],
                        self.incomplete.get((m.field, year)),
                        labels[m.field],
                        whole(point.value),
                    )
                    for m in measures
                ],
            )
            for i, year in enumerate(years)
        ]

    @cached_property
    def notes(self) -> list[BreakNote]:
        """Each break once, numbered in the order the page shows the counts; a
        gender's break is its first-years' break, not noted again."""
        notes = []
        for measure in self.measures:
            if measure.part_of:
                continue
            for series_break in self.trends[measure.field].breaks:
                notes.append(
                    BreakNote(
                        len(notes) + 1,
                        measure,
                        series_break,
                        self._sources_of(series_break.from_series),
                        self._sources_of(series_break.to_series),
                    )
                )
        return notes

    def note_numbers(self, field: str) -> dict[tuple[int, int], int]:
        """A break's note number by its years, for the chart of `field`."""
        measure = MEASURES_BY_FIELD[field]
        owner = measure.part_of or measure.field
        return {
            (note.series_break.before, note.series_break.after): note.number
            for note in self.notes
            if note.measure.field == owner
        }

    @property
    def cited_sources(self) -> list[DataSource]:
        return sorted(self.cited, key=lambda source: source.pk)

    @property
    def is_demo(self) -> bool:
        return any(not source.is_real for source in self.cited)

    @property
    def is_synthetic(self) -> bool:
        return any(source.is_synthetic for source in self.cited)

    def _sources_of(self, series: str) -> list[DataSource]:
        return [self.sources[key] for key in series.split("+") if key in self.sources]


@dataclass(frozen=True)
class ProgrammeRecords:
    """A programme's enrolment records with what their trends and the latest
    year's counts cite: each figure's source and the sources each record cites."""

    enrolments: list[Enrolment]
    # (record id, figure) -> the source of that figure of that record
    figure_sources: dict[tuple[int, str], DataSource]
    # record id -> the sources the record cites (Enrolment.sources), by name
    cited: dict[int, list[DataSource]]

    @property
    def latest(self) -> Enrolment | None:
        """The record of the latest academic year (None without records)."""
        return max(
            self.enrolments, key=lambda enrolment: enrolment.academic_year, default=None
        )

    def cited_by(self, enrolment: Enrolment | None) -> list[DataSource]:
        """The sources a record cites (none for no record)."""
        return self.cited.get(enrolment.pk, []) if enrolment else []


def programme_enrolments(programme: Programme) -> ProgrammeRecords:
    """A programme's records, each with the former code its year was counted
    under (`COUNTED_UNDER`: the code of the first recorded change after it; None
    for the current code), its figures' sources and the sources it cites: all
    its trends need, and its latest record too (the page reads them once).

    Three queries: the records; the ids of their figures' and cited sources,
    one union of two index walks; those sources. (A correlated subquery per
    figure and a prefetch of the cited sources cost twice the time, most of it
    Django building and compiling the subqueries.)"""
    later_changes = ProgrammeCodeChange.objects.filter(
        programme=OuterRef("programme"), first_year__gt=OuterRef("academic_year")
    ).order_by("first_year")
    enrolments = list(
        Enrolment.objects.filter(programme=programme).annotate(
            **{COUNTED_UNDER: Subquery(later_changes.values("former_code")[:1])}
        )
    )
    figure_rows = (
        EnrolmentFigureSource.objects.filter(enrolment__programme=programme)
        .order_by()
        .values_list("enrolment", "figure", "source")
    )
    cited_rows = (
        Enrolment.sources.through.objects.filter(enrolment__programme=programme)
        .order_by()
        .values_list("enrolment", Value(CITED, CharField()), "datasource")
    )
    rows = list(figure_rows.union(cited_rows, all=True))
    sources = _sources_by_pk({source for *_, source in rows})
    figure_sources, cited = {}, defaultdict(list)
    for record, figure, source in rows:
        if figure == CITED:
            cited[record].append(sources[source])
        else:
            figure_sources[record, figure] = sources[source]
    for record_sources in cited.values():
        record_sources.sort(key=lambda source: (str(source.name), source.pk))
    return ProgrammeRecords(enrolments, figure_sources, dict(cited))


def programme_enrolment_trends(
    programme: Programme, records: ProgrammeRecords | None = None
) -> EnrolmentTrends:
    """A programme's counts year by year, from its records as
    `programme_enrolments` reads them (read here when not given): one record
    per year, so each year's "sum" is the record's own count. Each year is
    counted under a programme code, so that the trends break where a recorded
    code change lies (`ProgrammeCodeChange`)."""
    if records is None:
        records = programme_enrolments(programme)
    sums, figures, cited, codes = {}, [], {}, {}
    for enrolment in records.enrolments:
        year = enrolment.academic_year
        codes[year] = getattr(enrolment, COUNTED_UNDER) or programme.croho_code
        row = {"academic_year": year}
        for m in MEASURES:
            value = getattr(enrolment, m.field)
            row[f"{m.field}_total"] = value
            row[f"{m.field}_counted"] = int(value is not None)
        sums[year] = row
        for figure in FigureKind.values:
            source = records.figure_sources.get((enrolment.pk, figure))
            if source is not None:
                figures.append((year, figure, source, 1))
        cited.update((source.pk, source) for source in records.cited_by(enrolment))
    return trends_from_sums(sums, figures, list(cited.values()), codes=codes)


def _sources_by_pk(pks: set[int]) -> dict[int, DataSource]:
    """The sources by id; none read for none."""
    if not pks:
        return {}
    return {
        source.pk: source for source in DataSource.objects.filter(pk__in=pks).order_by()
    }


def institution_enrolment_trends(institution: Institution) -> EnrolmentTrends:
    """The counts of the institution's published programmes, summed per year."""
    return enrolment_trends(
        {"institution": institution, "is_published": True}, summed_over="institution"
    )


def study_enrolment_trends(study: Study) -> EnrolmentTrends:
    """The counts of the study's published programmes across the country, summed
    per year."""
    return enrolment_trends({"study": study, "is_published": True}, summed_over="study")


def _on(path: str, programmes: dict) -> dict:
    """`programmes`' lookups (on Programme) from a model that reaches the
    programme by `path`."""
    return {f"{path}__{lookup}": value for lookup, value in programmes.items()}


def _year_totals(row) -> dict[str, int | None]:
    """A year's sums, None where no count was published (a gap, never 0); a
    gender DUO left out is 0 when the other one is all the first-years, as the
    gender split has it (`figures.shares.gender_counts`)."""
    totals = {
        m.field: row[f"{m.field}_total"] if row[f"{m.field}_counted"] else None
        for m in MEASURES
    }
    totals["first_years_men"], totals["first_years_women"] = gender_counts(
        total=totals["first_years"],
        men=totals["first_years_men"],
        women=totals["first_years_women"],
    )
    return totals


def enrolment_trends(programmes: dict, *, summed_over: str = "") -> EnrolmentTrends:
    """The counts of the records of the programmes that `programmes` (lookups on
    Programme) chooses, summed per academic year, each with its series.

    A year's value is the sum of the published counts (None when there is none:
    a gap, never 0). Its series is the set of datasets that gave the figure that
    year (`EnrolmentFigureSource`), so the trend breaks where DUO's series
    changes. A sum that leaves out records whose figure was given (cited) but not
    published (suppressed) counts them in `incomplete`.

    Three queries, the first two walked from the programmes' index (programme
    → its records → their figures' sources or cited sources) and grouped on
    numbers only: the sums per year; the records per year, figure and source,
    with the sources the records cite (best of 20 on SQLite for Leiden's
    figures: 9.3 → 1.8 ms against an IN list of the records grouped on the
    sources' names, a source row built per group); then those sources, each
    read once by its id (a figure's source is named even where
    Enrolment.sources lags). A study's and an institution's page read the same
    rows stored per study and institution (`public.enrolment_sums`: the first
    two queries grouped by them too).
    """
    sums = {row["academic_year"]: row for row in year_sum_rows(programmes)}
    rows = list(figure_source_rows(programmes))
    sources = _sources_by_pk({pk for _year, _figure, pk, _records in rows})
    figures = [
        (year, figure, sources[pk], records)
        for year, figure, pk, records in rows
        if figure != CITED
    ]
    cited = [sources[pk] for _year, figure, pk, _records in rows if figure == CITED]
    return trends_from_sums(sums, figures, cited, summed_over=summed_over)


def year_sum_rows(programmes: dict, *, by: str = ""):
    """The sums and counts of each measure per academic year over the records of
    the programmes that `programmes` chooses (`<field>_total`, `<field>_counted`;
    a total None where no count was published), also per Programme field `by`
    (its value under "programme__<by>") when given."""
    grouped = [f"programme__{by}"] if by else []
    return (
        Enrolment.objects.filter(**_on("programme", programmes))
        .order_by()
        .values(*grouped, "academic_year")
        .annotate(
            **{f"{m.field}_total": Sum(m.field) for m in MEASURES},
            **{f"{m.field}_counted": Count(m.field) for m in MEASURES},
        )
    )


def figure_source_rows(programmes: dict, *, by: str = ""):
    """(year, figure, source id, records) per academic year, figure and source
    of the records of the programmes that `programmes` chooses, and (0, CITED,
    source id, 0) once per source the records cite; each with the Programme
    field `by` first when given."""
    grouped = [f"enrolment__programme__{by}"] if by else []
    figure_rows = (
        EnrolmentFigureSource.objects.filter(**_on("enrolment__programme", programmes))
        .order_by()
        .values_list(*grouped, "enrolment__academic_year", "figure", "source")
        .annotate(records=Count("pk"))
    )
    # The sources the records cite, read from the records themselves (an index
    # walk over their programmes' records: asking each source whether any of
    # these records cites it scanned every record of a source they do not
    # cite, the whole country's), as rows of figure CITED in the same query.
    cited_rows = (
        Enrolment.sources.through.objects.filter(
            **_on("enrolment__programme", programmes)
        )
        .order_by()
        .values_list(
            *grouped,
            Value(0, IntegerField()),  # no year (NULL is text to PostgreSQL)
            Value(CITED, CharField()),
            "datasource",
            Value(0, IntegerField()),
        )
        .distinct()
    )
    return figure_rows.union(cited_rows, all=True)


def trends_from_sums(
    sums: dict,
    figures: list,
    cited: list[DataSource],
    *,
    summed_over: str = "",
    codes: dict[int, str] | None = None,
) -> EnrolmentTrends:
    """The trends from the sums per year (`year_sum_rows`' rows by year), the
    figures' sources, (year, figure, source, records that cite it) each, and
    the sources the records cite; and for one programme, the code each year
    was counted under (a sum has none: DUO counts a programme's former years
    under its current code, so the sum counts the same records across a code
    change)."""
    codes = codes or {}
    series_ids = defaultdict(set)
    cited_records = defaultdict(int)
    sources = {}
    for year, figure, source, records in figures:
        key = (year, figure)
        series_ids[key].add(source.pk)
        cited_records[key] += records
        sources[source.pk] = source
    first, last = min(sums, default=0), max(sums, default=-1)
    totals = {year: _year_totals(row) for year, row in sums.items()}
    trends, incomplete = {}, {}
    for measure in MEASURES:
        values = []
        for year, row in sums.items():
            counted = row[f"{measure.field}_counted"]
            figure_key = (year, measure.figure)
            series = "+".join(
                sorted(sources[pk].key for pk in series_ids.get(figure_key, ()))
            )
            values.append(
                YearValue(
                    year, totals[year][measure.field], series, codes.get(year, "")
                )
            )
            missing = cited_records.get(figure_key, 0) - counted
            if summed_over and not measure.part_of and counted and missing > 0:
                incomplete[(measure.field, year)] = (missing, cited_records[figure_key])
        trends[measure.field] = trend(values, first=first, last=last)
    return EnrolmentTrends(
        trends=trends,
        sources={source.key: source for source in sources.values()},
        cited=sorted(cited, key=lambda source: source.pk),
        incomplete=incomplete,
        summed_over=summed_over,
    )
