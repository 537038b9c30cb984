"""2. Survey benchmark: each programme's NSE scores against the national average
of its study and the institution's own average."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exports.writers import Chart
from figures.derived import difference, response_rate
from figures.formatting import displayed
from figures.publication import Figure, survey_figure
from programmes.models import Programme
from surveys.models import ProgrammeScore, SurveyRound
from surveys.selectors import PooledAverage, pooled_benchmarks

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
    name_in,
    ordered,
    programme_cells,
    programme_facts,
    publication_status,
    source_name,
    withheld_reason,
)
from .benchmarks import Benchmark

NATIONAL = Benchmark(
    "national",
    _("National average of the study"),
    _("Programmes behind the national average"),
    _("Respondents behind the national average"),
    _("Difference from the national average"),
    _("Beyond sampling noise (national)"),
)
INSTITUTION = Benchmark(
    "institution_average",
    _("Average of the institution"),
    _("Programmes behind the institution's average"),
    _("Respondents behind the institution's average"),
    _("Difference from the institution's average"),
    _("Beyond sampling noise (institution)"),
)

COLUMNS = [
    *PROGRAMME_COLUMNS,
    Column(_("Survey year"), "year", key="year"),
    Column(_("Aspect"), key="aspect"),
    Column(_("Score"), "score", key="score"),
    Column(_("Withheld because"), key="withheld"),
    Column(_("Respondents"), "int", key="respondents"),
    Column(_("Margin of error (95%)"), "margin", key="margin"),
    Column(_("Response rate (%)"), "percent", key="response_rate"),
    Column(_("Publication status"), key="status"),
    *NATIONAL.columns,
    *INSTITUTION.columns,
    *PROVENANCE_COLUMNS,
    *labour_market.COLUMNS,
]
MISSING = PooledAverage(Figure.missing(), 0)


def survey_report(filters: ReportFilters) -> Report:
    """Each programme's score per aspect against the national average of its
    study and the average of its institution: the figures, rounding, averages
    and noise test of the programme page; then CBS's national labour-market
    context of the study's sector and level."""
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
            "programme__institution_id",
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
    national = pooled_benchmarks(rounds.values(), {row[2] for row in own}, by="study")
    own_average = pooled_benchmarks(
        rounds.values(), {row[3] for row in own}, by="institution"
    )
    contexts = labour_market.study_contexts({row[2] for row in own})

    def scored():
        """Each score with its figure and both averages, in report order."""
        for round_id, programme_id, study_id, institution_id, aspect_id, *rest in own:
            aspect_nl, aspect_en, mean, respondents, std_dev, population = rest
            figure = survey_figure(
                mean=mean,
                respondents=respondents,
                std_dev=std_dev,
                population=population,
            )
            yield (
                rounds[round_id],
                facts[programme_id],
                name_in(aspect_nl, aspect_en, filters.language),
                figure,
                population,
                national.get((round_id, study_id, aspect_id), MISSING),
                own_average.get((round_id, institution_id, aspect_id), MISSING),
            )

    def rows():
        for scored_row in scored():
            survey_round, programme, aspect, figure, population, *averages = scored_row
            country, institution = averages
            source = survey_round.source
            is_demo = programme["is_demo"] or (
                source is not None and not source.is_real
            )
            cells = {
                **programme_cells(programme),
                "year": survey_round.year,
                "aspect": aspect,
                "score": displayed(figure.shown_value, "score"),
                "withheld": withheld_reason(figure),
                "respondents": figure.respondents,
                "margin": displayed(
                    figure.margin if figure.is_shown else None, "margin"
                ),
                "response_rate": response_rate(figure.respondents, population),
                "status": publication_status(figure),
                **NATIONAL.cells(figure, country.figure, country.programmes),
                **INSTITUTION.cells(figure, institution.figure, institution.programmes),
                "source": source_name(source, filters.language),
                "demo": demo_cell(is_demo),
                **labour_market.context_by_column(
                    contexts.get(programme["study_id"]), filters.language
                ),
            }
            yield ordered(COLUMNS, cells)

    def chart() -> Chart | None:
        """The programmes' difference from their study's national average, one
        series per aspect, in the latest survey year of the report."""
        if not own:
            return None
        latest = max(survey_round.year for survey_round in rounds.values())
        differences: dict[str, dict[str, object]] = {}
        aspects: list[str] = []
        for survey_round, programme, aspect, figure, _n, country, _i in scored():
            if survey_round.year != latest:
                continue
            label = chart_label(programme)
            differences.setdefault(label, {})[aspect] = difference(
                figure, country.figure
            )
            if aspect not in aspects:
                aspects.append(aspect)
        return Chart(
            title=gettext(
                "Difference from the national average of the study, per aspect "
                "(survey %(year)s)"
            )
            % {"year": latest},
            categories=list(differences),
            series=[
                (aspect, [row.get(aspect) for row in differences.values()])
                for aspect in aspects
            ],
            axis_title=gettext("Difference from the national average"),
            number_format="0.0",
            limit=CHART_PROGRAMMES,
        )

    return Report(
        key="survey",
        title=str(_("Survey benchmark")),
        columns=COLUMNS,
        rows=rows(),
        notes=[_judgement_note(), labour_market.note()],
        chart=chart,
    )


def _judgement_note() -> str:
    """What the "Beyond sampling noise" columns say, for the "About" sheet."""
    return gettext(
        'The columns "Beyond sampling noise" say "higher" or "lower" only when the '
        "%(level)s interval of the difference, from both scores' standard "
        'deviation, respondents and population, excludes 0; otherwise "comparable". '
        "Empty when either score is withheld. The national average pools the "
        "answers of every published programme of the study, the institution's "
        "average those of every published programme of the institution, as on "
        "the programme pages."
    ) % {"level": "95%"}
