"""3. Career outcomes: each programme's study's figures against its level's average.

Career outcomes are surveyed per study, nationally; a row per programme still
says which of the institution's programmes (form, city) the study's figure is
shown for, as on its page.
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from careers.models import CareerFigure, CareerMetric
from careers.selectors import level_averages
from exports.writers import Typed
from figures.formatting import displayed
from figures.publication import Figure, career_figure
from programmes.models import DataSource, Programme

from . import labour_market
from .base import (
    PROGRAMME_COLUMNS,
    PROVENANCE_COLUMNS,
    Column,
    Report,
    ReportFilters,
    demo_cell,
    ordered,
    programme_cells,
    programme_facts,
    publication_status,
    source_name,
    withheld_reason,
)

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

COLUMNS = [
    *PROGRAMME_COLUMNS,
    Column(_("Year"), "year", key="year"),
    Column(_("Figure"), key="figure"),
    Column(_("Value"), "number", key="value"),
    Column(_("Withheld because"), key="withheld"),
    Column(_("Respondents"), "int", key="respondents"),
    Column(_("Publication status"), key="status"),
    Column(_("Average of the level"), "number", key="average"),
    Column(_("Respondents behind the level average"), "int", key="average_respondents"),
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
    averages = level_averages({(row[0], row[1]) for row in figures})
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
                average = averages.get((level, year, metric), Figure.missing())
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
                    "average": Typed(displayed(average.shown_value, kind), sheet_kind),
                    "average_respondents": average.respondents,
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
        notes=[labour_market.note()],
    )
