"""2. Survey benchmark: each programme's NSE scores against the national figure."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from figures.derived import JUDGEMENTS, difference, judged_comparison
from figures.formatting import displayed
from figures.publication import Figure, survey_figure
from surveys.models import ProgrammeScore, SurveyRound
from surveys.selectors import pooled_averages

from . import labour_market
from .base import (
    Column,
    Report,
    ReportFilters,
    name_in,
    source_name,
    withheld_reason,
)


def survey_report(filters: ReportFilters) -> Report:
    """Each programme's score per aspect against the national average of its
    study: the figures, rounding and averages of the programme page; then CBS's
    national labour-market context of the study's sector and level."""
    scores = ProgrammeScore.objects.filter(
        filters.institutions("programme__institution_id"),
        filters.years("survey_round__year"),
    )
    if filters.level:
        scores = scores.filter(programme__study__level=filters.level)
    own = list(
        scores.order_by(
            "programme__institution__brin",
            "programme_id",
            "survey_round__year",
            "aspect__position",
        ).values_list(
            "survey_round_id",
            "programme__study_id",
            "aspect_id",
            "programme__institution__brin",
            "programme__name_nl",
            "programme__name_en",
            "programme__study__croho_code",
            "aspect__name_nl",
            "aspect__name_en",
            "mean",
            "respondents",
            "std_dev",
            "population",
        )
    )
    rounds = SurveyRound.objects.select_related("source").in_bulk(
        {row[0] for row in own}
    )
    national = pooled_averages(rounds.values(), {row[1] for row in own}, by="study")
    contexts = labour_market.study_contexts({row[1] for row in own})

    def rows():
        for round_id, study_id, aspect_id, brin, name_nl, name_en, croho, *rest in own:
            aspect_nl, aspect_en, mean, respondents, std_dev, population = rest
            survey_round = rounds[round_id]
            figure = survey_figure(
                mean=mean,
                respondents=respondents,
                std_dev=std_dev,
                population=population,
            )
            average = national.get((round_id, study_id, aspect_id), Figure.missing())
            yield (
                brin,
                name_in(name_nl, name_en, filters.language),
                croho,
                survey_round.year,
                name_in(aspect_nl, aspect_en, filters.language),
                displayed(figure.shown_value, "score"),
                respondents,
                displayed(average.shown_value, "score"),
                average.respondents if average.is_shown else None,
                difference(figure, average),
                str(JUDGEMENTS.get(judged_comparison(figure, average), "")),
                withheld_reason(figure),
                source_name(survey_round.source, filters.language),
                *labour_market.context_cells(contexts.get(study_id), filters.language),
            )

    return Report(
        key="survey",
        title=str(_("Survey benchmark")),
        columns=[
            Column(_("BRIN code")),
            Column(_("Programme")),
            Column(_("CROHO code")),
            Column(_("Survey year"), "year"),
            Column(_("Aspect")),
            Column(_("Score"), "score"),
            Column(_("Respondents"), "int"),
            Column(_("National average of the study"), "score"),
            Column(_("Respondents behind the national average"), "int"),
            Column(_("Difference"), "score"),
            Column(_("Beyond sampling noise")),
            Column(_("Withheld because")),
            Column(_("Source")),
            *labour_market.COLUMNS,
        ],
        rows=rows(),
        notes=[_judgement_note(), labour_market.note()],
    )


def _judgement_note() -> str:
    """What the column "Beyond sampling noise" says, for the "About" sheet."""
    return gettext(
        'The column "Beyond sampling noise" says "higher" or "lower" only when the '
        "%(level)s interval of the difference, from both scores' standard "
        'deviation, respondents and population, excludes 0; otherwise "comparable". '
        "Empty when either score is withheld."
    ) % {"level": "95%"}
