"""2. Survey benchmark: each programme's NSE scores against the national figure."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from figures.formatting import round_score
from figures.publication import pool_scores, survey_figure
from surveys.models import ProgrammeScore

from .base import CHUNK, Column, Report, ReportFilters, name_in, withheld_reason


def _national_scores(own_scores) -> dict:
    """Pooled score per (round, study, aspect) over all published programmes."""
    keys = {(s[0], s[1], s[2]) for s in own_scores}
    if not keys:
        return {}
    rounds = {k[0] for k in keys}
    studies = {k[1] for k in keys}
    groups = defaultdict(list)
    peers = ProgrammeScore.objects.filter(
        survey_round_id__in=rounds,
        programme__study_id__in=studies,
        programme__is_published=True,
    ).values_list(
        "survey_round_id",
        "programme__study_id",
        "aspect_id",
        "mean",
        "respondents",
        "std_dev",
        "population",
    )
    for round_id, study_id, aspect_id, *group in peers.iterator(chunk_size=CHUNK):
        if (round_id, study_id, aspect_id) in keys:
            groups[round_id, study_id, aspect_id].append(tuple(group))
    national = {}
    for key, group in groups.items():
        pooled = pool_scores(group)
        national[key] = survey_figure(
            mean=pooled.mean,
            respondents=pooled.respondents,
            std_dev=pooled.std_dev,
            population=pooled.population,
        )
    return national


def survey_report(filters: ReportFilters) -> Report:
    """Each programme's score per aspect against the national average of its study."""
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
            "survey_round__year",
            "aspect__name_nl",
            "aspect__name_en",
            "mean",
            "respondents",
            "std_dev",
            "population",
        )
    )
    national = _national_scores(own)

    def rows():
        for (
            round_id,
            study_id,
            aspect_id,
            brin,
            name_nl,
            name_en,
            croho,
            year,
            *rest,
        ) in own:
            aspect_nl, aspect_en, mean, respondents, std_dev, population = rest
            figure = survey_figure(
                mean=mean,
                respondents=respondents,
                std_dev=std_dev,
                population=population,
            )
            average = national.get((round_id, study_id, aspect_id))
            shown = round_score(figure.value) if figure.is_shown else None
            benchmark = (
                round_score(average.value) if average and average.is_shown else None
            )
            difference = (
                shown - benchmark
                if shown is not None and benchmark is not None
                else None
            )
            yield (
                brin,
                name_in(name_nl, name_en, filters.language),
                croho,
                year,
                name_in(aspect_nl, aspect_en, filters.language),
                shown,
                respondents,
                benchmark,
                difference,
                withheld_reason(figure),
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
            Column(_("Difference"), "score"),
            Column(_("Withheld because")),
        ],
        rows=rows(),
    )
