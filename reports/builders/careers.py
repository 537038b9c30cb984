"""3. Career outcomes: each programme's study's figures against its level's average.

Career outcomes are surveyed per study, nationally; a row per programme still
says which of the institution's programmes (form, city) the study's figure is
shown for, as on its page.
"""

from collections import defaultdict

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from careers.models import CareerFigure, CareerMetric
from careers.selectors import LevelAverage, level_benchmarks
from exports.writers import NUMBER_FORMATS, Chart, Typed
from figures.formatting import displayed
from figures.publication import Figure, career_figure
from programmes.models import DataSource, Programme

from . import labour_market
from .base import (
    CHART_PROGRAMMES,
    PROGRAMME_COLUMNS,
    PROVENANCE_COLUMNS,
    Column,
    Report,
    ReportFilters,
    chart_label,
    demo_cell,
    ordered,
    programme_cells,
    programme_facts,
    publication_status,
    source_name,
    withheld_reason,
)
from .benchmarks import Benchmark

# How each metric is printed (figures.formatting), as on the programme page,
# and its spreadsheet format (exports.writers.NUMBER_FORMATS).
SHEET_KINDS = {
    "salary": "euro_whole",
    "score": "score",
    "number": "number",
    "percent": "percent",
}
METRIC_KINDS = {
    CareerMetric.STARTING_SALARY: "salary",
    CareerMetric.JOB_SATISFACTION: "score",
    CareerMetric.CAREER_PROSPECTS: "score",
    CareerMetric.MONTHS_TO_JOB: "number",
    CareerMetric.WEEKLY_HOURS: "number",
}

LEVEL = Benchmark(
    "level_average",
    _("Average of the level"),
    _("Studies behind the level average"),
    _("Respondents behind the level average"),
    _("Difference from the level average"),
    _("Beyond sampling noise (level)"),
    kind="number",
)
MISSING = LevelAverage(Figure.missing(), 0)

COLUMNS = [
    *PROGRAMME_COLUMNS,
    Column(_("Year"), "year", key="year"),
    Column(_("Figure"), key="figure"),
    Column(_("Value"), "number", key="value"),
    Column(_("Withheld because"), key="withheld"),
    Column(_("Respondents"), "int", key="respondents"),
    Column(_("Publication status"), key="status"),
    *LEVEL.columns,
    *PROVENANCE_COLUMNS,
    *labour_market.COLUMNS,
]


def careers_report(filters: ReportFilters) -> Report:
    """Career outcomes of the studies the institutions' programmes belong to,
    with the level's average and CBS's national labour-market context of the
    study's sector and level."""
    programmes = Programme.objects.filter(filters.institutions("institution_id"))
    if filters.level:
        programmes = programmes.filter(study__level=filters.level)
    figures = list(
        CareerFigure.objects.filter(
            filters.years("outcome__year"),
            outcome__study_id__in=programmes.values("study_id"),
        )
        .order_by("outcome__year", "metric")
        .values_list(
            "outcome__study__level",
            "outcome__year",
            "metric",
            "value",
            "respondents",
            "outcome__source_id",
            "outcome__study_id",
        )
    )
    by_study = defaultdict(list)
    for figure in figures:
        by_study[figure[-1]].append(figure)
    # Only the programmes of studies with figures: a national report stays small.
    facts = programme_facts(
        programmes.filter(study_id__in=set(by_study)), filters.language
    )
    averages = level_benchmarks({(row[0], row[1]) for row in figures})
    sources = DataSource.objects.in_bulk({row[-2] for row in figures})
    contexts = labour_market.study_contexts(set(by_study))
    labels = dict(CareerMetric.choices)

    def rows():
        for programme in facts.values():
            study_id = programme["study_id"]
            context = labour_market.context_by_column(
                contexts.get(study_id), filters.language
            )
            for level, year, metric, value, respondents, source_id, _s in by_study[
                study_id
            ]:
                kind = METRIC_KINDS.get(metric, "percent")
                sheet_kind = SHEET_KINDS[kind]
                figure = career_figure(value=value, respondents=respondents)
                average = averages.get((level, year, metric), MISSING)
                source = sources.get(source_id)
                is_demo = programme["is_demo"] or (
                    source is not None and not source.is_real
                )
                cells = {
                    **programme_cells(programme),
                    "year": year,
                    "figure": str(labels.get(metric, metric)),
                    "value": Typed(displayed(figure.shown_value, kind), sheet_kind),
                    "withheld": withheld_reason(figure),
                    "respondents": respondents,
                    "status": publication_status(figure),
                    **LEVEL.cells(
                        figure,
                        average.figure,
                        average.studies,
                        kind=kind,
                        sheet_kind=sheet_kind,
                    ),
                    "source": source_name(source, filters.language),
                    "demo": demo_cell(is_demo),
                    **context,
                }
                yield ordered(COLUMNS, cells)

    return Report(
        key="careers",
        title=str(_("Career outcomes")),
        columns=COLUMNS,
        rows=rows(),
        notes=[_level_note(), labour_market.note()],
        chart=lambda: _salary_chart(facts, by_study, averages, labels),
    )


def _level_note() -> str:
    return gettext(
        "The average of the level weighs every study of the level by its "
        "respondents, over the figures that may be published. A difference is "
        'judged beyond sampling noise only for percentages ("higher", "lower" or '
        '"comparable"); salaries, months and hours are published without a '
        "spread, so that column stays empty for them."
    )


def _salary_chart(facts, by_study, averages, labels) -> Chart | None:
    """Each programme's study's starting salary against the level's average,
    in the latest year with salaries in the report."""
    metric = CareerMetric.STARTING_SALARY
    salaries = {
        study_id: (year, value, respondents)
        for study_id, rows in by_study.items()
        for level, year, wanted, value, respondents, *_rest in rows
        if wanted == metric
    }
    if not salaries:
        return None
    latest = max(year for year, _value, _n in salaries.values())
    categories, own, level_average = [], [], []
    for programme in facts.values():
        year, value, respondents = salaries.get(programme["study_id"], (None,) * 3)
        if year != latest:
            continue
        figure = career_figure(value=value, respondents=respondents)
        average = averages.get((programme["level_code"], year, metric), MISSING)
        categories.append(chart_label(programme))
        own.append(displayed(figure.shown_value, "salary"))
        level_average.append(displayed(average.figure.shown_value, "salary"))
    return Chart(
        title=gettext("%(figure)s against the average of the level (%(year)s)")
        % {"figure": labels[metric], "year": latest},
        categories=categories,
        series=[
            (gettext("The study"), own),
            (str(LEVEL.average), level_average),
        ],
        axis_title=str(labels[metric]),
        number_format=NUMBER_FORMATS["euro_whole"],
        limit=CHART_PROGRAMMES,
    )
