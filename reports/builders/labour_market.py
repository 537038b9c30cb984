"""CBS's national labour-market context as columns next to a report's programmes.

The figures are Statistics Netherlands' for all graduates of a study's level and
CROHO sector (`labour_market.selectors`), never the programme's own: every column
title says "CBS national context". Builders read the selector's Figures once per
report, for every study at once, and print them as the programme page does; they
compute no share themselves. CBS's licence (CC BY 4.0) asks that the source is
named, so every row names it.
"""

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from figures.formatting import displayed
from figures.publication import Figure
from labour_market.selectors import LabourMarketContext, labour_market_contexts
from programmes.models import Study

from .base import Column, source_name

CBS_LICENCE = "CC BY 4.0"

COLUMNS = [
    Column(_("CBS national context: group (level, sector, cohort)"), key="cbs_group"),
    Column(
        _("CBS national context: share with work 1 year after (%)"),
        "percent",
        key="cbs_work_1",
    ),
    Column(
        _("CBS national context: share with work 5 years after (%)"),
        "percent",
        key="cbs_work_5",
    ),
    Column(
        _("CBS national context: share with benefits 1 year after (%)"),
        "percent",
        key="cbs_benefits_1",
    ),
    Column(
        _("CBS national context: share back in education 1 year after (%)"),
        "percent",
        key="cbs_education_1",
    ),
    Column(
        _("CBS national context: hourly wage 1 year after (EUR)"),
        "euro",
        key="cbs_wage_1",
    ),
    Column(
        _("CBS national context: graduates in the cohort 1 year after"),
        "int",
        key="cbs_graduates_1",
    ),
    Column(_("CBS national context withheld because"), key="cbs_withheld"),
    Column(_("CBS national context: source"), key="cbs_source"),
]

# The figures in the order of the columns, with the name a withheld reason gives them.
FIGURE_NAMES = {
    "work_1": _("share with work 1 year after"),
    "work_5": _("share with work 5 years after"),
    "benefits_1": _("share with benefits 1 year after"),
    "education_1": _("share back in education 1 year after"),
    "wage_1": _("hourly wage 1 year after"),
}


def note() -> str:
    """What the context columns are, for the XLSX's "About this data" sheet."""
    return gettext(
        'The columns "CBS national context" are national figures of Statistics '
        "Netherlands (CBS) for all graduates of the study's level and CROHO sector, "
        "not figures of the programme itself. A share is shown only when every "
        "count it rests on is published and the cohort has at least %(cohort)s "
        "graduates. Source: CBS, StatLine 85776NED and 83815NED, licence %(licence)s."
    ) % {"cohort": settings.LABOUR_MARKET_MIN_COHORT, "licence": CBS_LICENCE}


def study_contexts(study_ids) -> dict[int, LabourMarketContext]:
    """{study id: context} for study ids (a set or a subquery): one query for
    the studies and the selector's bounded few, however many rows follow."""
    studies = Study.objects.filter(pk__in=study_ids).only("pk", "level", "sector")
    return labour_market_contexts(studies)


def context_by_column(context: LabourMarketContext | None, language: str) -> dict:
    """The context's cells named by their columns' keys."""
    cells = context_cells(context, language)
    return dict(zip((column.key for column in COLUMNS), cells, strict=True))


def context_cells(context: LabourMarketContext | None, language: str) -> tuple:
    """The context's cells, in the order of COLUMNS; empty with a reason when
    CBS has no figures for the study's level and sector."""
    if context is None or not context.is_shown:
        reason = context.reason if context is not None else ""
        return ("", None, None, None, None, None, None, str(reason), "")
    figures = _figures(context)
    withheld = [
        f"{FIGURE_NAMES[name]}: {figure.reason}"
        for name, figure in figures.items()
        if not figure.is_shown
    ]
    first = _moment(context, 1)
    return (
        context.description,
        *(
            displayed(figures[name].shown_value, "number")
            for name in ("work_1", "work_5", "benefits_1", "education_1")
        ),
        displayed(figures["wage_1"].shown_value, "euro"),
        first.graduates if first is not None else None,
        "; ".join(withheld),
        _source(context, language),
    )


def _moment(context: LabourMarketContext, years: int):
    return next((m for m in context.moments if m.years_after == years), None)


def _figures(context: LabourMarketContext) -> dict:
    first = _moment(context, 1)
    fifth = _moment(context, 5)
    missing = Figure.missing()
    return {
        "work_1": first.work if first else missing,
        "work_5": fifth.work if fifth else missing,
        "benefits_1": first.benefits if first else missing,
        "education_1": first.education if first else missing,
        "wage_1": context.wage if context.wage_years == 1 else missing,
    }


def _source(context: LabourMarketContext, language: str) -> str:
    """E.g. "CBS, StatLine 85776NED; CBS, StatLine 83815NED (licence CC BY 4.0)";
    a demo or synthetic source says it is not real."""
    names = list(
        dict.fromkeys(source_name(source, language) for source in context.sources)
    )
    if not names:
        return ""
    return gettext("%(sources)s (licence %(licence)s)") % {
        "sources": "; ".join(names),
        "licence": CBS_LICENCE,
    }
