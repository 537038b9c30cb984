"""What the API writes of a programme, an institution and a study.

No figure is read or derived here: the programme's come from
`public.presenters.programme_page` (the programme page's one read), the
study's from the selectors its page uses. This module only names them and
writes each with `api.figures.figure_data`.
"""

from careers.models import PERCENT_METRICS, SCORE_METRICS, CareerMetric
from careers.selectors import CareerSummary, JudgementSummary
from programmes.models import DataSource, Institution, Programme, Study
from public.presenters import PROGRESS_SHARES, ProgrammePage
from surveys.models import Aspect, SurveyRound
from surveys.selectors import ScoreTable, StudyAverages

from .figures import figure_data, source_data
from .licences import source_licence


def both_languages(obj, field: str) -> dict:
    return {"nl": getattr(obj, f"{field}_nl"), "en": getattr(obj, f"{field}_en")}


def slugs(obj) -> dict:
    return {"nl": obj.slug_in("nl"), "en": obj.slug_in("en")}


def institution_data(institution: Institution) -> dict:
    return {
        "id": institution.slug,
        "brin": institution.brin,
        "slug": slugs(institution),
        "name": both_languages(institution, "name"),
        "kind": institution.kind,
    }


def study_data(study: Study) -> dict:
    return {
        "id": study.slug,
        "croho_code": study.croho_code,
        "level": study.level,
        "sector": study.sector,
        "slug": slugs(study),
        "name": both_languages(study, "name"),
    }


def city_data(municipality) -> dict | None:
    if municipality is None:
        return None
    return {
        "code": municipality.code,
        "slug": slugs(municipality),
        "name": both_languages(municipality, "name"),
        "province": municipality.province,
    }


def programme_data(programme: Programme) -> dict:
    """A programme's identity: what the listing and the detail both write.
    `id` is its Dutch slug; the stable key is (brin, croho_code, form,
    location_code), DUO's own identification of an offer."""
    return {
        "id": programme.slug,
        "identifiers": {
            "brin": programme.institution.brin,
            "croho_code": programme.study.croho_code,
            "form": programme.form,
            "location_code": programme.location_code,
        },
        "slug": slugs(programme),
        "name": both_languages(programme, "name"),
        "level": programme.study.level,
        "form": programme.form,
        "language": programme.language,
        "ects": programme.ects,
        "institution": {
            "brin": programme.institution.brin,
            "slug": slugs(programme.institution),
            "name": both_languages(programme.institution, "name"),
        },
        "city": None
        if programme.municipality is None
        else {
            "slug": slugs(programme.municipality),
            "name": both_languages(programme.municipality, "name"),
        },
    }


def listing_figures(summary) -> dict:
    """The figures a listing row shows, from the listing's read model (its
    `*_figure` properties apply the publication rule)."""
    return {
        "students": figure_data(summary.students_figure, "count"),
        "overall_score": figure_data(summary.score_figure, "score"),
        "starting_salary": figure_data(summary.salary_figure, "salary"),
    }


def career_kind(metric: str) -> str:
    """How the page prints a career figure of this metric."""
    if metric in PERCENT_METRICS:
        return "percent"
    if metric in SCORE_METRICS:
        return "score"
    if metric == CareerMetric.STARTING_SALARY:
        return "salary"
    return "number"


def career_figures(careers: CareerSummary | None) -> dict:
    if careers is None:
        return {}
    figures = {
        metric: figure_data(figure, career_kind(metric))
        for metric, figure in careers.figures.items()
    }
    figures["starting_salary_level_average"] = figure_data(
        careers.salary.average, "salary"
    )
    return figures


def judgement_figures(judgement: JudgementSummary | None) -> dict:
    if judgement is None:
        return {}
    return {
        "good_basis": figure_data(judgement.good_basis, "percent"),
        "would_choose_again": figure_data(judgement.would_choose_again, "percent"),
    }


def survey_data(scores: ScoreTable | None) -> dict | None:
    """The programme's scores in its latest round, each aspect against its
    institution and the study nationally, as the satisfaction table has them."""
    if scores is None:
        return None
    rows = [*scores.rows, *([scores.support] if scores.support else [])]
    return {
        "year": scores.survey_round.year,
        "source": source_data(scores.survey_round.source),
        "demo": scores.is_demo,
        "aspects": [
            {
                "code": row.aspect.code,
                "name": both_languages(row.aspect, "name"),
                "own": figure_data(row.own, "score"),
                "institution_average": figure_data(row.institution, "score"),
                "national_average": figure_data(row.national, "score"),
            }
            for row in rows
        ],
    }


def programme_detail_data(page: ProgrammePage) -> dict:
    """Every figure of the programme page, named as docs/API.md lists them."""
    facts, students, progress = page.key_facts, page.students, page.progress
    figures = {
        "statutory_fee": figure_data(facts.statutory_fee, "euro"),
        "institutional_fee": figure_data(facts.institutional_fee, "euro"),
        "students": figure_data(students.students, "count"),
        "first_years": figure_data(students.first_years, "count"),
        "first_years_men_share": figure_data(students.men_share, "percent"),
        "first_years_women_share": figure_data(students.women_share, "percent"),
        "overall_score": figure_data(facts.satisfaction, "score"),
        **{
            name: figure_data(getattr(progress, name), "percent")
            for name in PROGRESS_SHARES
        },
        **judgement_figures(page.judgement),
        **career_figures(page.careers),
    }
    programme = page.programme
    return {
        **programme_data(programme),
        "funding": programme.funding,
        "degree": programme.degree,
        "study": study_data(programme.study),
        "city": city_data(programme.municipality),
        "demo": page.is_demo,
        "diploma_years": progress.diploma_years,
        "figures": figures,
        "survey": survey_data(page.scores),
        "sources": [source_data(source) for source in page.sources],
    }


def study_survey_data(averages: StudyAverages | None) -> dict | None:
    """The study's national survey averages in its latest round."""
    if averages is None:
        return None
    return {
        "year": averages.survey_round.year,
        "source": source_data(averages.survey_round.source),
        "demo": averages.is_demo,
        "programme_count": averages.programme_count,
        "national_averages": [
            {
                "code": aspect.code,
                "name": both_languages(aspect, "name"),
                "average": figure_data(figure, "score"),
            }
            for aspect, figure in averages.rows
        ],
    }


def study_listed_data(study: Study, averages: StudyAverages | None) -> dict:
    """A study in the list: what it is and its national survey averages."""
    return {**study_data(study), "survey": study_survey_data(averages)}


def study_detail_data(
    study: Study, averages: StudyAverages | None, careers: CareerSummary | None
) -> dict:
    """A study with its national survey averages and career figures, as its
    page shows them."""
    return {
        **study_listed_data(study, averages),
        "careers": career_figures(careers),
        "demo": bool((averages and averages.is_demo) or (careers and careers.is_demo)),
    }


def survey_round_data(survey_round: SurveyRound, aspects: list[Aspect]) -> dict:
    """A round of the National Student Survey: its year, what changed in its
    questionnaire, its source and the aspects it has scores on."""
    return {
        "id": survey_round.year,
        "year": survey_round.year,
        "name": both_languages(survey_round, "name"),
        # null, not "", when there is none (the admin saves an empty text).
        "questionnaire_note": {
            language: text or None
            for language, text in both_languages(
                survey_round, "questionnaire_note"
            ).items()
        },
        "source": source_data(survey_round.source),
        "demo": not survey_round.source.is_real,
        "aspects": [
            {
                "code": aspect.code,
                "name": both_languages(aspect, "name"),
                "description": both_languages(aspect, "description"),
            }
            for aspect in aspects
        ],
    }


def source_detail_data(source: DataSource) -> dict:
    """A data source with its licence (api.licences: DUO CC0, CBS CC BY 4.0,
    demo data marked as demo), as the open data's sources.csv has it."""
    licence = source_licence(source)
    return {
        **source_data(source),
        "name": both_languages(source, "name"),
        "file_name": source.file_name,
        "date": None
        if source.retrieved_on is None
        else source.retrieved_on.isoformat(),
        "licence": {
            "code": licence.code or None,
            "name": str(licence.name),
            "url": licence.url or None,
            "attribution": str(licence.attribution) or None,
        },
    }
