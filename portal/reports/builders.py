"""The reports' rows, built lazily from the database (one pass, constant memory).

A report is a list of columns and an iterator of rows. Builders only read what
`access.institutions_for(user)` allowed the caller to ask for: they receive the
institutions, never a user. National and level averages are the public pooled
figures, judged by the same publication rule as on the site (portal.figures).
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from careers.models import CareerFigure, CareerMetric
from portal.figures import career_figure, pool_scores, survey_figure
from programmes.models import Enrolment, Form, Language, Programme
from surveys.models import ProgrammeScore
from surveys.selectors import round_score

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text, int, score, euro, percent, number


@dataclass(frozen=True)
class ReportFilters:
    institution_ids: list[int] | None  # None: every institution (staff only)
    year_from: int | None = None
    year_to: int | None = None
    level: str = ""
    language: str = "nl"

    def years(self, field_name: str) -> Q:
        query = Q()
        if self.year_from:
            query &= Q(**{f"{field_name}__gte": self.year_from})
        if self.year_to:
            query &= Q(**{f"{field_name}__lte": self.year_to})
        return query

    def institutions(self, path: str) -> Q:
        if self.institution_ids is None:
            return Q()
        return Q(**{f"{path}__in": self.institution_ids})

    def as_dict(self) -> dict:
        return {
            "year_from": self.year_from,
            "year_to": self.year_to,
            "level": self.level,
            "language": self.language,
        }


@dataclass
class Report:
    key: str
    title: str
    columns: list[Column]
    rows: Iterator[tuple]
    notes: list[str] = field(default_factory=list)


def _name(nl: str, en: str, language: str) -> str:
    return (en or nl) if language == "en" else (nl or en)


def _withheld(figure) -> str:
    return "" if figure.is_shown else str(figure.reason)


# --- 1. Programme overview ------------------------------------------------------


def overview_report(filters: ReportFilters) -> Report:
    """Each programme's facts with its enrolment, first-years and graduates per year."""
    programmes = Programme.objects.filter(filters.institutions("institution_id"))
    if filters.level:
        programmes = programmes.filter(study__level=filters.level)
    enrolments = Enrolment.objects.filter(
        filters.years("academic_year"), programme__in=programmes
    )

    def rows():
        yearly = enrolments.order_by(
            "programme__institution__brin", "programme_id", "academic_year"
        ).values_list(
            "programme__institution__brin",
            "programme__institution__name_nl",
            "programme__institution__name_en",
            "programme__name_nl",
            "programme__name_en",
            "programme__study__croho_code",
            "programme__study__level",
            "programme__form",
            "programme__municipality__name_nl",
            "programme__language",
            "programme__ects",
            "academic_year",
            "students",
            "first_years",
            "first_years_men",
            "first_years_women",
            "graduates",
        )
        forms, languages = dict(Form.choices), dict(Language.choices)
        for row in yearly.iterator(chunk_size=CHUNK):
            brin, inst_nl, inst_en, name_nl, name_en, croho, level, form = row[:8]
            city, language, ects, year = row[8:12]
            yield (
                brin,
                _name(inst_nl, inst_en, filters.language),
                _name(name_nl, name_en, filters.language),
                croho,
                level,
                str(forms.get(form, form)),
                city,
                str(languages.get(language, language or "")),
                ects,
                f"{year}–{year + 1}",
                *row[12:],
            )

    return Report(
        key="overview",
        title=str(_("Programme overview")),
        columns=[
            Column(_("BRIN code")),
            Column(_("Institution")),
            Column(_("Programme")),
            Column(_("CROHO code")),
            Column(_("Level")),
            Column(_("Form")),
            Column(_("City")),
            Column(_("Language of instruction")),
            Column(_("ECTS"), "int"),
            Column(_("Academic year")),
            Column(_("Students"), "int"),
            Column(_("First-year students"), "int"),
            Column(_("First-year men"), "int"),
            Column(_("First-year women"), "int"),
            Column(_("Graduates"), "int"),
        ],
        rows=rows(),
    )


# --- 2. Survey benchmark --------------------------------------------------------


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
                _name(name_nl, name_en, filters.language),
                croho,
                year,
                _name(aspect_nl, aspect_en, filters.language),
                shown,
                respondents,
                benchmark,
                difference,
                _withheld(figure),
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


# --- 3. Career outcomes ---------------------------------------------------------


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
                _name(name_nl, name_en, filters.language),
                level,
                year,
                str(labels.get(metric, metric)),
                figure.value if figure.is_shown else None,
                respondents,
                round(benchmark, 1) if benchmark is not None else None,
                _withheld(figure),
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


REPORTS = {
    "overview": (_("Programme overview"), overview_report),
    "survey": (_("Survey benchmark"), survey_report),
    "careers": (_("Career outcomes"), careers_report),
}
