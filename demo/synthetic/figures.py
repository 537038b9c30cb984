"""Synthetic figures of one programme or study, built in memory (no queries).

Values are drawn from `Distributions` and kept consistent with the constraints of
the models: first-years within students, men and women within first-years,
respondents within the population, percentages within 0–100, scores within 1–5.
"""

from dataclasses import dataclass
from decimal import Decimal
from random import Random

from careers.models import (
    PERCENT_METRICS,
    SCORE_METRICS,
    CareerFigure,
    CareerMetric,
    CareerOutcome,
    OccupationShare,
)
from programmes.models import (
    Enrolment,
    FeeKind,
    HonoursProgramme,
    Specialisation,
    TuitionFee,
)
from surveys.models import ProgrammeScore

from .distributions import BUILTIN_SCORE, Distributions

ENROLMENT_YEARS = 5
TRACKS = [
    ("Beleid en bestuur", "Policy and governance"),
    ("Data en technologie", "Data and technology"),
    ("Internationaal", "International"),
    ("Gezondheid", "Health"),
    ("Duurzaamheid", "Sustainability"),
    ("Onderzoek", "Research"),
]
HONOURS = [
    ("Honours College", "Honours College"),
    ("Excellentieprogramma", "Excellence programme"),
    ("Leiderschapstraject", "Leadership track"),
]


@dataclass
class ProgrammeFigures:
    """A programme's figures; the enrolments' and scores' keys are set later."""

    specialisations: list[Specialisation]
    honours: list[HonoursProgramme]
    fees: list[TuitionFee]
    enrolments: list[Enrolment]
    scores: list[ProgrammeScore]


def _vary(rng: Random, value: int | None, spread: float = 0.15) -> int | None:
    if value is None:
        return None
    return max(0, round(value * rng.uniform(1 - spread, 1 + spread)))


def _enrolments(rng: Random, dist: Distributions, template, programme_id):
    students, first_years, graduates = template.enrolment or rng.choice(dist.enrolments)
    growth = rng.uniform(-0.05, 0.08)
    rows = []
    for back in range(ENROLMENT_YEARS):
        year = dist.latest_year - back
        trend = (1 + growth) ** -back
        year_students = _vary(rng, students and round(students * trend))
        year_first = _vary(rng, first_years and round(first_years * trend))
        if year_students is not None and year_first is not None:
            year_first = min(year_first, year_students)
        women = round(year_first * rng.uniform(0.3, 0.7)) if year_first else None
        rows.append(
            Enrolment(
                programme_id=programme_id,
                academic_year=year,
                students=year_students,
                first_years=year_first,
                first_years_women=women,
                first_years_men=year_first - women if women is not None else None,
                graduates=_vary(rng, graduates and round(graduates * trend)),
            )
        )
    return rows


def _score(rng: Random, dist: Distributions, aspect_code: str, population):
    mean, std_dev = rng.choice(dist.scores.get(aspect_code) or BUILTIN_SCORE)
    mean = min(5.0, max(1.0, float(mean) + rng.gauss(0, 0.15)))
    if population:
        respondents = max(1, round(population * rng.choice(dist.response_rates)))
        respondents = min(respondents, population)
    else:
        population, respondents = None, rng.randint(5, 80)
    return {
        "mean": Decimal(f"{mean:.2f}"),
        "std_dev": Decimal(f"{max(0.3, float(std_dev)):.2f}"),
        "respondents": respondents,
        "population": population,
    }


def programme_figures(
    rng: Random,
    dist: Distributions,
    *,
    template,
    programme_id: int,
    source_id: int,
    survey_round_id: int | None,
    aspect_ids: dict[str, int],
) -> ProgrammeFigures:
    specialisations = [
        Specialisation(programme_id=programme_id, name_nl=nl, name_en=en, position=i)
        for i, (nl, en) in enumerate(
            rng.sample(TRACKS, min(rng.choice(dist.specialisation_counts), 6))
        )
    ]
    honours = [
        HonoursProgramme(programme_id=programme_id, name_nl=nl, name_en=en, position=i)
        for i, (nl, en) in enumerate(
            rng.sample(HONOURS, min(rng.choice(dist.honours_counts), 3))
        )
    ]
    fees = [
        TuitionFee(
            programme_id=programme_id,
            academic_year=dist.latest_year + 1,
            kind=FeeKind.STATUTORY,
            amount=rng.choice(dist.fees),
            source_id=source_id,
        )
    ]
    enrolments = _enrolments(rng, dist, template, programme_id)
    population = enrolments[0].students
    scores = []
    if survey_round_id is not None:
        scores = [
            ProgrammeScore(
                survey_round_id=survey_round_id,
                programme_id=programme_id,
                aspect_id=aspect_id,
                **_score(rng, dist, code, population),
            )
            for code, aspect_id in aspect_ids.items()
        ]
    return ProgrammeFigures(specialisations, honours, fees, enrolments, scores)


def _career_value(rng: Random, dist: Distributions, metric: str) -> Decimal:
    value = float(rng.choice(dist.career_values[metric])) * rng.uniform(0.9, 1.1)
    if metric in PERCENT_METRICS:
        value = min(value, 100.0)
    elif metric in SCORE_METRICS:
        value = min(max(value, 1.0), 5.0)
    elif metric == CareerMetric.WEEKLY_HOURS:
        value = min(value, 100.0)
    return Decimal(f"{max(value, 0.0):.2f}")


def study_career(
    rng: Random, dist: Distributions, *, study_id: int, source_id: int
) -> CareerOutcome:
    return CareerOutcome(
        study_id=study_id,
        year=dist.latest_year,
        respondents=rng.randint(20, 400),
        source_id=source_id,
    )


def career_details(
    rng: Random, dist: Distributions, outcome: CareerOutcome
) -> tuple[list[CareerFigure], list[OccupationShare]]:
    figures = [
        CareerFigure(
            outcome_id=outcome.pk,
            metric=metric,
            value=_career_value(rng, dist, metric),
            respondents=max(1, round(outcome.respondents * rng.uniform(0.7, 1.0))),
        )
        for metric in CareerMetric.values
    ]
    occupations = rng.sample(dist.occupation_ids, min(3, len(dist.occupation_ids)))
    shares, left = [], 100.0
    for position, occupation_id in enumerate(occupations):
        share = round(left * rng.uniform(0.2, 0.6), 1)
        left -= share
        shares.append(
            OccupationShare(
                outcome_id=outcome.pk,
                occupation_id=occupation_id,
                share=Decimal(f"{share:.1f}"),
                position=position,
            )
        )
    return figures, shares
