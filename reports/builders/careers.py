"""3. Career outcomes: each study's figures against its level's average."""

from django.utils.translation import gettext_lazy as _

from careers.models import CareerFigure, CareerMetric
from careers.selectors import level_averages
from figures.formatting import displayed
from figures.publication import Figure, career_figure
from programmes.models import DataSource, Programme

from . import labour_market
from .base import Column, Report, ReportFilters, name_in, source_name, withheld_reason

# How each metric is printed (figures.formatting), as on the programme page.
METRIC_KINDS = {
    CareerMetric.STARTING_SALARY: "salary",
    CareerMetric.JOB_SATISFACTION: "score",
    CareerMetric.CAREER_PROSPECTS: "score",
    CareerMetric.MONTHS_TO_JOB: "number",
    CareerMetric.WEEKLY_HOURS: "number",
}


def careers_report(filters: ReportFilters) -> Report:
    """Career outcomes of the studies the institutions offer, with the level's
    average and CBS's national labour-market context of the study's sector and level."""
    studies = Programme.objects.filter(filters.institutions("institution_id"))
    if filters.level:
        studies = studies.filter(study__level=filters.level)
    figures = list(
        CareerFigure.objects.filter(
            filters.years("outcome__year"),
            outcome__study_id__in=studies.values("study_id"),
        )
        .order_by(
            "outcome__study__croho_code",
            "outcome__study__level",
            "outcome__year",
            "metric",
        )
        .values_list(
            "outcome__study__level",
            "outcome__year",
            "outcome__study__croho_code",
            "outcome__study__name_nl",
            "outcome__study__name_en",
            "metric",
            "value",
            "respondents",
            "outcome__source_id",
            "outcome__study_id",
        )
    )
    averages = level_averages({(row[0], row[1]) for row in figures})
    sources = DataSource.objects.in_bulk({row[-2] for row in figures})
    contexts = labour_market.study_contexts({row[-1] for row in figures})
    labels = dict(CareerMetric.choices)

    def rows():
        for level, year, croho, name_nl, name_en, metric, *rest in figures:
            value, respondents, source_id, study_id = rest
            kind = METRIC_KINDS.get(metric, "percent")
            figure = career_figure(value=value, respondents=respondents)
            average = averages.get((level, year, metric), Figure.missing())
            yield (
                croho,
                name_in(name_nl, name_en, filters.language),
                level,
                year,
                str(labels.get(metric, metric)),
                displayed(figure.shown_value, kind),
                respondents,
                displayed(average.shown_value, kind),
                average.respondents,
                withheld_reason(figure),
                source_name(sources.get(source_id), filters.language),
                *labour_market.context_cells(contexts.get(study_id), filters.language),
            )

    return Report(
        key="careers",
        title=str(_("Career outcomes")),
        columns=[
            Column(_("CROHO code")),
            Column(_("Study")),
            Column(_("Level")),
            Column(_("Year"), "year"),
            Column(_("Figure")),
            Column(_("Value"), "number"),
            Column(_("Respondents"), "int"),
            Column(_("Average of the level"), "number"),
            Column(_("Respondents behind the level average"), "int"),
            Column(_("Withheld because")),
            Column(_("Source")),
            *labour_market.COLUMNS,
        ],
        rows=rows(),
        notes=[labour_market.note()],
    )
