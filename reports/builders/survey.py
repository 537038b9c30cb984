"""2. Survey benchmark: each programme's NSE scores against the national figure."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from figures.derived import JUDGEMENTS, difference, judged_comparison
from figures.formatting import displayed
from figures.publication import Figure, survey_figure
from programmes.models import Programme
from surveys.models import ProgrammeScore, SurveyRound
from surveys.selectors import pooled_averages

from . import labour_market
from .base import (
    PROGRAMME_COLUMNS,
    PROVENANCE_COLUMNS,
    Column,
    Report,
    ReportFilters,
    demo_cell,
    name_in,
    ordered,
    programme_cells,
    programme_facts,
    publication_status,
    source_name,
    withheld_reason,
)

COLUMNS = [
    *PROGRAMME_COLUMNS,
    Column(_("Survey year"), "year", key="year"),
    Column(_("Aspect"), key="aspect"),
    Column(_("Score"), "score", key="score"),
    Column(_("Withheld because"), key="withheld"),
    Column(_("Respondents"), "int", key="respondents"),
    Column(_("Publication status"), key="status"),
    Column(_("National average of the study"), "score", key="national"),
    Column(
        _("Respondents behind the national average"), "int", key="national_respondents"
    ),
    Column(_("Difference"), "score", key="difference"),
    Column(_("Beyond sampling noise"), key="beyond_noise"),
    *PROVENANCE_COLUMNS,
    *labour_market.COLUMNS,
]


def survey_report(filters: ReportFilters) -> Report:
    """Each programme's score per aspect against the national average of its
    study: the figures, rounding and averages of the programme page; then CBS's
    national labour-market context of the study's sector and level."""
    programmes = Programme.objects.filter(filters.institutions("institution_id"))
    if filters.level:
        programmes = programmes.filter(study__level=filters.level)
    scores = ProgrammeScore.objects.filter(
        filters.years("survey_round__year"), programme__in=programmes
    )
    own = list(
        scores.order_by(
            "programme__institution__brin",
            "programme_id",
            "survey_round__year",
            "aspect__position",
        ).values_list(
            "survey_round_id",
            "programme_id",
            "programme__study_id",
            "aspect_id",
            "aspect__name_nl",
            "aspect__name_en",
            "mean",
            "respondents",
            "std_dev",
            "population",
        )
    )
    facts = programme_facts(programmes, filters.language)
    rounds = SurveyRound.objects.select_related("source").in_bulk(
        {row[0] for row in own}
    )
    national = pooled_averages(rounds.values(), {row[2] for row in own}, by="study")
    contexts = labour_market.study_contexts({row[2] for row in own})

    def rows():
        for round_id, programme_id, study_id, aspect_id, *rest in own:
            aspect_nl, aspect_en, mean, respondents, std_dev, population = rest
            survey_round = rounds[round_id]
            programme = facts[programme_id]
            source = survey_round.source
            figure = survey_figure(
                mean=mean,
                respondents=respondents,
                std_dev=std_dev,
                population=population,
            )
            average = national.get((round_id, study_id, aspect_id), Figure.missing())
            is_demo = programme["is_demo"] or (
                source is not None and not source.is_real
            )
            cells = {
                **programme_cells(programme),
                "year": survey_round.year,
                "aspect": name_in(aspect_nl, aspect_en, filters.language),
                "score": displayed(figure.shown_value, "score"),
                "withheld": withheld_reason(figure),
                "respondents": respondents,
                "status": publication_status(figure),
                "national": displayed(average.shown_value, "score"),
                "national_respondents": (
                    average.respondents if average.is_shown else None
                ),
                "difference": difference(figure, average),
                "beyond_noise": str(
                    JUDGEMENTS.get(judged_comparison(figure, average), "")
                ),
                "source": source_name(source, filters.language),
                "demo": demo_cell(is_demo),
                **labour_market.context_by_column(
                    contexts.get(study_id), filters.language
                ),
            }
            yield ordered(COLUMNS, cells)

    return Report(
        key="survey",
        title=str(_("Survey benchmark")),
        columns=COLUMNS,
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
