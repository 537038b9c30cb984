"""The distributions synthetic records are drawn from: the real catalogue's if any.

Whole real programmes serve as templates, so that level, sector, language, form,
ECTS, degree and names stay consistent with each other. Each kind of figure falls
back to a small built-in distribution when the database has no real record of it
(tests, a fresh demo database). Real means: not part of the synthetic set.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from careers.models import CareerFigure, CareerMetric, Occupation
from programmes.models import (
    Enrolment,
    Form,
    Funding,
    HonoursProgramme,
    Language,
    Level,
    Municipality,
    Programme,
    Sector,
    Specialisation,
    Study,
    TuitionFee,
)
from surveys.models import ProgrammeScore

from .markers import synthetic_programmes, synthetic_studies

# Enough rows to show a distribution; more only costs memory and time.
SAMPLE_LIMIT = 20_000


@dataclass(frozen=True)
class Template:
    """A real programme's descriptive fields, copied into synthetic ones."""

    study_name_nl: str
    study_name_en: str
    name_nl: str
    name_en: str
    level: str
    sector: str
    language: str
    form: str
    ects: int | None
    degree_nl: str
    degree_en: str
    funding: str
    english_share: int | None
    # (students, first-year students, graduates) in the latest year, if known.
    enrolment: tuple | None = None


@dataclass
class Distributions:
    templates: list[Template]
    enrolments: list[tuple]
    latest_year: int
    programmes_per_study: float
    programmes_per_institution: float
    municipality_ids: list[int]
    specialisation_counts: list[int]
    honours_counts: list[int]
    fees: list[Decimal]
    scores: dict[str, list[tuple[Decimal, Decimal]]]
    response_rates: list[float]
    career_values: dict[str, list[Decimal]]
    occupation_ids: list[int]
    from_real_catalogue: bool = False


BUILTIN_TEMPLATES = [
    # study name nl/en, level, sector
    ("Bedrijfskunde", "Business Administration", Level.WO_BA, Sector.ECONOMY),
    ("Rechtsgeleerdheid", "Law", Level.WO_BA, Sector.LAW),
    ("Psychologie", "Psychology", Level.WO_MA, Sector.BEHAVIOUR_AND_SOCIETY),
    ("Geneeskunde", "Medicine", Level.WO_MA, Sector.HEALTH_CARE),
    ("Biologie", "Biology", Level.WO_BA, Sector.NATURAL_SCIENCES),
    ("Werktuigbouwkunde", "Mechanical Engineering", Level.HBO_BA, Sector.ENGINEERING),
    ("Verpleegkunde", "Nursing", Level.HBO_BA, Sector.HEALTH_CARE),
    ("Leraar Engels", "Teacher of English", Level.HBO_BA, Sector.EDUCATION),
    ("Geschiedenis", "History", Level.WO_BA, Sector.LANGUAGE_AND_CULTURE),
    ("Data Science", "Data Science", Level.WO_MA, Sector.INTERDISCIPLINARY),
    ("Ondernemen", "Entrepreneurship", Level.HBO_AD, Sector.ECONOMY),
    ("Tuinbouw", "Horticulture", Level.HBO_BA, Sector.AGRICULTURE),
]
BUILTIN_ECTS = {"AD": 120, "BA": 180, "MA": 60, "PM": 60, "O": 360}
BUILTIN_ENROLMENTS = [(80, 25, 15), (240, 70, 45), (600, 160, 110), (1500, 400, 300)]
BUILTIN_COUNTS = [0, 0, 0, 1, 1, 2, 3]
BUILTIN_FEES = [Decimal("2601.00")]
BUILTIN_SCORE = [(Decimal("3.6"), Decimal("0.9")), (Decimal("4.0"), Decimal("0.7"))]
BUILTIN_RATES = [0.2, 0.3, 0.4, 0.5]
BUILTIN_CAREERS = {
    CareerMetric.MONTHS_TO_JOB: ["1.5", "3"],
    CareerMetric.PERMANENT_CONTRACT: ["35", "60"],
    CareerMetric.JOB_IN_FIELD: ["60", "85"],
    CareerMetric.JOB_AT_LEVEL: ["55", "80"],
    CareerMetric.STARTING_SALARY: ["2600", "3400"],
    CareerMetric.WEEKLY_HOURS: ["32", "38"],
    CareerMetric.SELF_EMPLOYED: ["3", "12"],
    CareerMetric.JOB_SATISFACTION: ["3.6", "4.1"],
    CareerMetric.CAREER_PROSPECTS: ["3.4", "4.0"],
}
DEFAULT_LATEST_YEAR = 2024


def _builtin_templates() -> list[Template]:
    templates = []
    for name_nl, name_en, level, sector in BUILTIN_TEMPLATES:
        kind = level.split("-")[1]
        english = name_nl == name_en
        templates.append(
            Template(
                study_name_nl=name_nl,
                study_name_en=name_en,
                name_nl=name_nl,
                name_en=name_en,
                level=level,
                sector=sector,
                language=Language.ENGLISH if english else Language.DUTCH,
                form=Form.FULL_TIME,
                ects=BUILTIN_ECTS[kind],
                degree_nl="",
                degree_en="",
                funding=Funding.GOVERNMENT,
                english_share=None,
            )
        )
    return templates


def _real_programmes():
    return Programme.objects.exclude(pk__in=synthetic_programmes().values("pk"))


def _latest_enrolments(programmes) -> dict[int, tuple]:
    latest = {}
    rows = Enrolment.objects.filter(programme__in=programmes).values_list(
        "programme_id", "academic_year", "students", "first_years", "graduates"
    )
    for programme_id, year, *figures in rows.order_by("academic_year"):
        latest[programme_id] = (year, tuple(figures))
    return latest


def _templates(programmes, enrolments) -> list[Template]:
    rows = programmes.order_by("pk").values(
        "pk",
        "name_nl",
        "name_en",
        "language",
        "form",
        "ects",
        "degree_nl",
        "degree_en",
        "funding",
        "english_share",
        "study__name_nl",
        "study__name_en",
        "study__level",
        "study__sector",
    )[:SAMPLE_LIMIT]
    templates = []
    for row in rows:
        name_nl = row["name_nl"] or row["name_en"] or ""
        study_nl = row["study__name_nl"] or name_nl
        latest = enrolments.get(row["pk"])
        templates.append(
            Template(
                study_name_nl=study_nl,
                study_name_en=row["study__name_en"] or study_nl,
                name_nl=name_nl,
                name_en=row["name_en"] or name_nl,
                level=row["study__level"],
                sector=row["study__sector"] or "",
                language=row["language"] or "",
                form=row["form"],
                ects=row["ects"],
                degree_nl=row["degree_nl"] or "",
                degree_en=row["degree_en"] or row["degree_nl"] or "",
                funding=row["funding"],
                english_share=row["english_share"],
                enrolment=latest[1] if latest else None,
            )
        )
    return templates


def _counts_per_programme(model, programmes) -> list[int]:
    """How many records each real programme has (zeros included), or []."""
    counts = list(
        model.objects.filter(programme__in=programmes)
        .values("programme_id")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("count", flat=True)
    )
    if not counts:
        return []
    return [*counts, *[0] * max(programmes.count() - len(counts), 0)]


def _scores(programmes) -> tuple[dict, list[float]]:
    scores, rates = {}, []
    rows = ProgrammeScore.objects.filter(programme__in=programmes).values_list(
        "aspect__code", "mean", "std_dev", "respondents", "population"
    )[:SAMPLE_LIMIT]
    for code, mean, std_dev, respondents, population in rows:
        scores.setdefault(code, []).append((mean, std_dev))
        if population:
            rates.append(respondents / population)
    return scores, rates


def _career_values() -> dict[str, list[Decimal]]:
    values = {}
    rows = (
        CareerFigure.objects.exclude(outcome__study__in=synthetic_studies())
        .values_list("metric", "value")
        .order_by()[:SAMPLE_LIMIT]
    )
    for metric, value in rows:
        values.setdefault(metric, []).append(value)
    for metric, builtin in BUILTIN_CAREERS.items():
        values.setdefault(metric, [Decimal(value) for value in builtin])
    return values


def _ratio(numerator: int, denominator: int, default: float) -> float:
    return numerator / denominator if numerator and denominator else default


def distributions_load() -> Distributions:
    """Read the real catalogue's distributions in a fixed number of queries."""
    programmes = _real_programmes()
    enrolments = _latest_enrolments(programmes)
    templates = _templates(programmes, enrolments)
    real_count = programmes.count()
    real_studies = Study.objects.exclude(pk__in=synthetic_studies().values("pk"))
    scores, rates = _scores(programmes)
    fees = list(
        TuitionFee.objects.filter(programme__in=programmes, kind="statutory")
        .values_list("amount", flat=True)
        .order_by()[:SAMPLE_LIMIT]
    )
    municipality_ids = list(
        programmes.filter(municipality__isnull=False)
        .values_list("municipality_id", flat=True)
        .order_by()[:SAMPLE_LIMIT]
    ) or list(Municipality.objects.values_list("pk", flat=True))
    institutions = programmes.values("institution").distinct().count()
    return Distributions(
        templates=templates or _builtin_templates(),
        enrolments=[figures for _year, figures in enrolments.values() if figures[0]]
        or BUILTIN_ENROLMENTS,
        latest_year=max(
            (year for year, _figures in enrolments.values()),
            default=DEFAULT_LATEST_YEAR,
        ),
        programmes_per_study=_ratio(real_count, real_studies.count(), 4.0),
        programmes_per_institution=_ratio(real_count, institutions, 40.0),
        municipality_ids=municipality_ids,
        specialisation_counts=_counts_per_programme(Specialisation, programmes)
        or BUILTIN_COUNTS,
        honours_counts=_counts_per_programme(HonoursProgramme, programmes)
        or BUILTIN_COUNTS,
        fees=fees or BUILTIN_FEES,
        scores=scores,
        response_rates=rates or BUILTIN_RATES,
        career_values=_career_values(),
        occupation_ids=list(Occupation.objects.values_list("pk", flat=True)[:100]),
        from_real_catalogue=bool(templates),
    )
