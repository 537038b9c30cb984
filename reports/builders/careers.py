"""3. Career outcomes: each study's figures against its level's average."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from careers.models import CareerFigure, CareerMetric
from figures.publication import career_figure
from programmes.models import Programme

from .base import CHUNK, Column, Report, ReportFilters, name_in, withheld_reason


def _level_benchmarks(figures) -> dict:
    """Respondent-weighted mean of the shown figures per (level, year, metric)."""
    keys = {(f[0], f[1]) for f in figures}
    if not keys:
        return {}
    totals = defaultdict(lambda: [0.0, 0])
    rows = CareerFigure.objects.filter(
        outcome__study__level__in={k[0] for k in keys},
        outcome__year__in={k[1] for k in keys},
    ).values_list(
        "outcome__study__level", "outcome__year", "metric", "value", "respondents"
    )
    for level, year, metric, value, respondents in rows.iterator(chunk_size=CHUNK):
        if career_figure(value=value, respondents=respondents).is_shown:
            total = totals[level, year, metric]
            total[0] += float(value) * respondents
            total[1] += respondents
    return {key: weighted / n for key, (weighted, n) in totals.items() if n}


def careers_report(filters: ReportFilters) -> Report:
    """Career outcomes of the studies the institutions offer, with the level's average."""
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
        )
    )
    benchmarks = _level_benchmarks(figures)
    labels = dict(CareerMetric.choices)

    def rows():
        for level, year, croho, name_nl, name_en, metric, value, respondents in figures:
            figure = career_figure(value=value, respondents=respondents)
            benchmark = benchmarks.get((level, year, metric))
            yield (
                croho,
                name_in(name_nl, name_en, filters.language),
                level,
                year,
                str(labels.get(metric, metric)),
                figure.value if figure.is_shown else None,
                respondents,
                round(benchmark, 1) if benchmark is not None else None,
                withheld_reason(figure),
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
            Column(_("Withheld because")),
        ],
        rows=rows(),
    )
