"""Students, first-years (women, men) and graduates year by year, for a programme
or summed over the published programmes of an institution or a study: each count
a trend with its gaps and its series breaks (`figures.trends`). Three queries,
whatever the number of programmes or years; a programme's from the records its
page reads anyway (`programme_enrolments`)."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Prefetch, QuerySet, Sum
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
    Study,
    academic_year_label,
)

FigureKind = EnrolmentFigureSource.Figure


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
    and after, each as the sources that gave it."""

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


def programme_enrolments(programme: Programme) -> list[Enrolment]:
    """A programme's records, each with the sources it cites and the source of
    each figure: all its trends need, and its latest record too (the page reads
    them once). Three queries."""
    return list(
        Enrolment.objects.filter(programme=programme).prefetch_related(
            "sources",
            Prefetch(
                "figure_sources",
                EnrolmentFigureSource.objects.select_related("source"),
            ),
        )
    )


def programme_enrolment_trends(
    programme: Programme, enrolments: list[Enrolment] | None = None
) -> EnrolmentTrends:
    """A programme's counts year by year, from its records as
    `programme_enrolments` reads them (read here when not given): one record
    per year, so each year's "sum" is the record's own count."""
    if enrolments is None:
        enrolments = programme_enrolments(programme)
    sums, figures, cited = {}, [], {}
    for enrolment in enrolments:
        year = enrolment.academic_year
        row = {"academic_year": year}
        for m in MEASURES:
            value = getattr(enrolment, m.field)
            row[f"{m.field}_total"] = value
            row[f"{m.field}_counted"] = int(value is not None)
        sums[year] = row
        figures += [
            (year, fs.figure, fs.source, 1) for fs in enrolment.figure_sources.all()
        ]
        cited.update((source.pk, source) for source in enrolment.sources.all())
    return _trends(sums, figures, list(cited.values()))


def institution_enrolment_trends(institution: Institution) -> EnrolmentTrends:
    """The counts of the institution's published programmes, summed per year."""
    return enrolment_trends(
        Enrolment.objects.filter(
            programme__institution=institution, programme__is_published=True
        ),
        summed_over="institution",
    )


def study_enrolment_trends(study: Study) -> EnrolmentTrends:
    """The counts of the study's published programmes across the country, summed
    per year."""
    return enrolment_trends(
        Enrolment.objects.filter(programme__study=study, programme__is_published=True),
        summed_over="study",
    )


def _cited_sources(enrolments: QuerySet) -> list[DataSource]:
    """The sources the records cite, read from the records themselves (an index
    walk over their programmes' records): asking each source whether any of
    these records cites it scanned every record of a source they do not cite,
    the whole country's (best of 5 × 20 on SQLite: Leiden 2.1 → 1.1 ms, a
    study 1.2 → 0.7 ms)."""
    cited = Enrolment.sources.through.objects.filter(
        enrolment__in=enrolments.order_by()
    ).values("datasource")
    return list(DataSource.objects.filter(pk__in=cited))


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


def enrolment_trends(enrolments: QuerySet, *, summed_over: str = "") -> EnrolmentTrends:
    """The counts of `enrolments` summed per academic year, each with its series.

    A year's value is the sum of the published counts (None when there is none:
    a gap, never 0). Its series is the set of datasets that gave the figure that
    year (`EnrolmentFigureSource`), so the trend breaks where DUO's series
    changes. A sum that leaves out records whose figure was given (cited) but not
    published (suppressed) counts them in `incomplete`.

    Three queries: the sums per year; the sources per year and figure; the
    sources the records cite.
    """
    sums = {
        row["academic_year"]: row
        for row in enrolments.order_by()
        .values("academic_year")
        .annotate(
            **{f"{m.field}_total": Sum(m.field) for m in MEASURES},
            **{f"{m.field}_counted": Count(m.field) for m in MEASURES},
        )
    }
    # Each series' source read with its rows (the notes name it): no query per
    # source, and a figure's source is named even where Enrolment.sources lags.
    source_fields = ("key", "name_nl", "name_en", "url", "kind")
    cited = (
        EnrolmentFigureSource.objects.filter(enrolment__in=enrolments.order_by())
        .order_by()
        .values(
            "enrolment__academic_year",
            "figure",
            "source",
            *(f"source__{name}" for name in source_fields),
        )
        .annotate(records=Count("pk"))
    )
    figures = [
        (
            row["enrolment__academic_year"],
            row["figure"],
            DataSource(
                pk=row["source"],
                **{name: row[f"source__{name}"] for name in source_fields},
            ),
            row["records"],
        )
        for row in cited
    ]
    return _trends(sums, figures, _cited_sources(enrolments), summed_over=summed_over)


def _trends(
    sums: dict, figures: list, cited: list[DataSource], *, summed_over: str = ""
) -> EnrolmentTrends:
    """The trends from the sums per year (`enrolment_trends`' rows) and the
    figures' sources: (year, figure, source, records that cite it) each."""
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
            values.append(YearValue(year, totals[year][measure.field], series))
            missing = cited_records.get(figure_key, 0) - counted
            if summed_over and not measure.part_of and counted and missing > 0:
                incomplete[(measure.field, year)] = (missing, cited_records[figure_key])
        trends[measure.field] = trend(values, first=first, last=last)
    return EnrolmentTrends(
        trends=trends,
        sources={source.key: source for source in sources.values()},
        cited=cited,
        incomplete=incomplete,
        summed_over=summed_over,
    )
