"""1. Programme overview: facts, students and graduates per programme and year."""

import functools
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exports.writers import NUMBER_FORMATS, Chart
from figures.publication import count_figure
from figures.trends import YearValue, trend
from programmes.models import (
    DataSource,
    Enrolment,
    EnrolmentFigureSource,
    Language,
    Programme,
    academic_year_label,
)
from programmes.trends import MEASURES_BY_FIELD, enrolment_trends

from . import labour_market
from .base import (
    CHUNK,
    PROGRAMME_COLUMNS,
    PROGRAMME_FIELDS,
    PROVENANCE_COLUMNS,
    Column,
    ProgrammeFacts,
    Report,
    ReportFilters,
    demo_cell,
    ordered,
    programme_cells,
    programme_fields,
    publication_status,
    real_sources,
    source_name,
    withheld_label,
    withheld_reason,
)

# The yearly counts, each followed by the reason it is missing.
COUNTS = {
    "students": _("Students"),
    "first_years": _("First-year students"),
    "first_years_men": _("First-year men"),
    "first_years_women": _("First-year women"),
    "graduates": _("Graduates"),
}

COLUMNS = [
    *PROGRAMME_COLUMNS,
    Column(_("Language of instruction"), key="language"),
    Column(_("ECTS"), "int", key="ects"),
    Column(_("Academic year"), key="year"),
    Column(_("Years without figures before this one"), key="gap"),
    Column(_("Series break"), key="series_break", width=30),
    *(
        column
        for key, label in COUNTS.items()
        for column in (
            Column(label, "int", key=key),
            Column(withheld_label(label), key=f"{key}_withheld"),
        )
    ),
    Column(_("Publication status"), key="status"),
    *PROVENANCE_COLUMNS,
    *labour_market.COLUMNS,
]


def _sources_of(enrolments, language: str) -> dict[int, tuple[str, bool]]:
    """{enrolment id: (its sources' names, whether any is demo data)}, in two
    queries."""
    links = Enrolment.sources.through.objects.filter(
        enrolment__in=enrolments
    ).values_list("enrolment_id", "datasource_id")
    names = {
        source.pk: source_name(source, language) for source in DataSource.objects.all()
    }
    real = real_sources()
    sources = defaultdict(list)
    for enrolment_id, source_id in links.iterator(chunk_size=CHUNK):
        sources[enrolment_id].append(source_id)
    return {
        pk: (
            "; ".join(sorted(names[source_id] for source_id in found)),
            not all(real[source_id] for source_id in found),
        )
        for pk, found in sources.items()
    }


def overview_report(filters: ReportFilters) -> Report:
    """Each programme's facts with its enrolment, first-years and graduates per
    year, and CBS's national labour-market context of its study's sector and level."""
    programmes = Programme.objects.filter(filters.institutions("institution_id"))
    if filters.level:
        programmes = programmes.filter(study__level=filters.level)
    enrolments = Enrolment.objects.filter(
        filters.years("academic_year"), programme__in=programmes
    )

    def rows():
        identity = ProgrammeFacts(filters.language)
        sources = _sources_of(enrolments, filters.language)
        contexts = labour_market.study_contexts(programmes.values("study_id"))
        languages = dict(Language.choices)
        yearly = (
            enrolments.annotate(**_series_columns())
            .order_by("programme__institution__brin", "programme_id", "academic_year")
            .values_list(
                *programme_fields("programme__"),
                "programme__language",
                "programme__ects",
                "pk",
                "academic_year",
                *COUNTS,
                *(f"{key}_series" for key in SERIES_COUNTS),
            )
        )
        width = len(PROGRAMME_FIELDS)
        # A programme's rows (one per year) are adjacent and share its cells and
        # its study's CBS context: worked out once, not per year.
        context_of = functools.cache(
            lambda study_id: labour_market.context_by_column(
                contexts.get(study_id), filters.language
            )
        )
        last = programme = None
        years = []  # one programme's rows, held until its gaps and breaks are known
        for row in yearly.iterator(chunk_size=CHUNK):
            if row[:width] != last:
                yield from _marked(years)
                last, programme, years = row[:width], identity(row[:width]), []
            language, ects, pk, year, *counts = row[width:]
            counts, cited = counts[: len(COUNTS)], counts[len(COUNTS) :]
            figures = {
                key: count_figure(value)
                for key, value in zip(COUNTS, counts, strict=True)
            }
            source, source_is_demo = sources.get(pk, ("", False))
            cells = {
                **programme_cells(programme),
                "language": str(languages.get(language, language or "")),
                "ects": ects,
                "year": academic_year_label(year),
                **{key: figure.shown_value for key, figure in figures.items()},
                **{
                    f"{key}_withheld": withheld_reason(figure)
                    for key, figure in figures.items()
                },
                "status": publication_status(*figures.values()),
                "source": source,
                "demo": demo_cell(programme["is_demo"] or source_is_demo),
                **context_of(programme["study_id"]),
            }
            years.append(
                (
                    year,
                    dict(zip(COUNTS, counts, strict=True)),
                    dict(zip(SERIES_COUNTS, cited, strict=True)),
                    cells,
                )
            )
        yield from _marked(years)

    return Report(
        key="overview",
        title=str(_("Programme overview")),
        columns=COLUMNS,
        rows=rows(),
        notes=[labour_market.note()],
        chart=lambda: _counts_chart(programmes, filters),
    )


# The counts whose series (the dataset cited for them) can break a programme's
# line; the first-years' gender split is part of the first-years' series.
SERIES_COUNTS = {
    "students": EnrolmentFigureSource.Figure.STUDENTS,
    "first_years": EnrolmentFigureSource.Figure.FIRST_YEARS,
    "graduates": EnrolmentFigureSource.Figure.GRADUATES,
}


def _series_columns() -> dict:
    """The dataset each count was cited from, read with the row (a subquery on
    the one (enrolment, figure) row each): no map of every enrolment is kept,
    so the report's memory stays flat."""
    return {
        f"{key}_series": Subquery(
            EnrolmentFigureSource.objects.filter(
                enrolment_id=OuterRef("pk"), figure=figure
            ).values("source_id")[:1]
        )
        for key, figure in SERIES_COUNTS.items()
    }


def _marked(years: list[tuple]) -> Iterator[tuple]:
    """One programme's rows with its gaps and series breaks marked, as the
    pages' "Over the years" draws them (`figures.trends.trend`): a year
    without a record before a row, and each count counted in another series
    than in its previous published year."""
    breaks = defaultdict(list)
    for key in SERIES_COUNTS:
        line = trend(
            YearValue(year, counts[key], str(cited[key] or ""))
            for year, counts, cited, _cells in years
        )
        for series_break in line.breaks:
            breaks[series_break.after].append(
                gettext("%(count)s: another series than in %(year)s")
                % {
                    "count": COUNTS[key],
                    "year": academic_year_label(series_break.before),
                }
            )
    previous = None
    for year, _counts, _cited, cells in years:
        gap = ""
        if previous is not None and year > previous + 1:
            gap = academic_year_label(previous + 1)
            if year > previous + 2:
                gap = gettext("%(first)s to %(last)s") % {
                    "first": gap,
                    "last": academic_year_label(year - 1),
                }
        previous = year
        yield ordered(
            COLUMNS, {**cells, "gap": gap, "series_break": "; ".join(breaks[year])}
        )


# The counts the chart draws: the first-years' gender split would only crowd it.
CHARTED = ("students", "first_years", "graduates")


def _counts_chart(programmes, filters: ReportFilters) -> Chart | None:
    """The report's students, first-years and graduates summed per academic
    year of its range, as the institution page's "Over the years" sums them (a
    year without a published count is a gap, never 0)."""
    trends = enrolment_trends({"pk__in": programmes})

    def in_range(measure) -> list:
        return [
            point
            for point in trends.trends[measure.field].points
            if (filters.year_from or point.year) <= point.year
            and point.year <= (filters.year_to or point.year)
        ]

    measures = [MEASURES_BY_FIELD[key] for key in CHARTED]
    shown = [m for m in measures if any(p.value is not None for p in in_range(m))]
    if not shown:
        return None
    return Chart(
        title=gettext("Students, first-years and graduates per academic year"),
        categories=[academic_year_label(point.year) for point in in_range(shown[0])],
        series=[
            (str(measure.label), [point.value for point in in_range(measure)])
            for measure in shown
        ],
        axis_title=gettext("Number of students"),
        number_format=NUMBER_FORMATS["int"],
        kind="line",
    )
