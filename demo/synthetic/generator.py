"""Generate the synthetic set in bulk: a fixed number of queries per chunk.

Institutions and studies are created first (with each study's career outcome),
then programmes in chunks of CHUNK_SIZE, each chunk with its figures and summaries
in one transaction. An interrupted run leaves a partial set that
`remove_synthetic` clears.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random

from django.db import transaction
from django.utils.text import slugify

from careers.models import CareerFigure, CareerOutcome, OccupationShare
from programmes.models import (
    Enrolment,
    HonoursProgramme,
    Institution,
    InstitutionKind,
    Programme,
    Specialisation,
    Study,
    TuitionFee,
)
from public.enrolment_sums import enrolment_sums_refresh
from public.summaries import summaries_refresh
from surveys.importing import aspects_by_code
from surveys.models import ProgrammeScore, SurveyRound

from .distributions import Distributions, Template, distributions_load
from .figures import career_details, programme_figures, study_career
from .markers import (
    CODE_PREFIX,
    MARKER_EN,
    MARKER_NL,
    synthetic_programmes,
    synthetic_source,
)
from .removal import synthetic_remove

CHUNK_SIZE = 5000
BATCH_SIZE = 1000
# At most this many programmes per study, so that a two-digit location code
# (BRIN + 2 digits, like DUO's) keeps every offer of a study unique.
MAX_PER_STUDY = 99
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

Progress = Callable[[int, int], None]


class SyntheticDataError(Exception):
    """The synthetic set cannot be generated as asked."""


@dataclass
class GenerationResult:
    programmes: int = 0
    studies: int = 0
    institutions: int = 0
    from_real_catalogue: bool = False
    seconds: dict[str, float] = field(default_factory=dict)


def _code(number: int, width: int) -> str:
    """CODE_PREFIX and `number` in base 36: a code no real record has."""
    digits = ""
    for _ in range(width):
        number, digit = divmod(number, 36)
        digits = DIGITS[digit] + digits
    if number:
        raise SyntheticDataError("Too many synthetic records for the code space.")
    return CODE_PREFIX + digits


def _kind(level: str) -> str:
    return InstitutionKind.HBO if level.startswith("HBO") else InstitutionKind.WO


def _institutions(rng: Random, dist: Distributions, count: int) -> dict[str, list]:
    """Synthetic institutions of both kinds, by kind."""
    institutions = []
    for number in range(count):
        kind = InstitutionKind.values[number % 2]
        word_nl, word_en = (
            ("Hogeschool", "University of Applied Sciences")
            if kind == InstitutionKind.HBO
            else ("Universiteit", "University")
        )
        brin = _code(number, 3)
        institutions.append(
            Institution(
                brin=brin,
                name_nl=f"{word_nl} {brin} {MARKER_NL}",
                name_en=f"{word_en} {brin} {MARKER_EN}",
                short_name_nl=f"{brin} {MARKER_NL}",
                short_name_en=f"{brin} {MARKER_EN}",
                slug=f"synthetisch-{brin.lower()}",
                slug_en=f"synthetic-{brin.lower()}",
                kind=kind,
                municipality_id=rng.choice(dist.municipality_ids or [None]),
            )
        )
    Institution.objects.bulk_create(institutions, batch_size=BATCH_SIZE)
    by_kind = {kind: [] for kind in InstitutionKind.values}
    for institution in institutions:
        by_kind[institution.kind].append(institution)
    return by_kind


def _studies(rng: Random, dist: Distributions, count: int, source_id: int):
    """Synthetic studies with their templates, and each study's career outcome."""
    studies, templates = [], []
    for number in range(count):
        template = rng.choice(dist.templates)
        code = _code(number, 4)
        name_nl = f"{template.study_name_nl} {MARKER_NL}"
        name_en = f"{template.study_name_en} {MARKER_EN}"
        studies.append(
            Study(
                croho_code=code,
                level=template.level,
                name_nl=name_nl,
                name_en=name_en,
                slug=f"{slugify(name_nl)[:100]}-{code.lower()}",
                slug_en=f"{slugify(name_en)[:100]}-{code.lower()}",
                sector=template.sector,
            )
        )
        templates.append(template)
    Study.objects.bulk_create(studies, batch_size=BATCH_SIZE)
    outcomes = [
        study_career(rng, dist, study_id=study.pk, source_id=source_id)
        for study in studies
    ]
    CareerOutcome.objects.bulk_create(outcomes, batch_size=BATCH_SIZE)
    figures, shares = [], []
    for outcome in outcomes:
        outcome_figures, outcome_shares = career_details(rng, dist, outcome)
        figures += outcome_figures
        shares += outcome_shares
    CareerFigure.objects.bulk_create(figures, batch_size=BATCH_SIZE)
    OccupationShare.objects.bulk_create(shares, batch_size=BATCH_SIZE)
    return list(zip(studies, templates, strict=True))


def _survey(dist: Distributions, source) -> tuple[int, dict[str, int]]:
    """The latest survey round and the aspects; created when the database has none.

    A round created here cites the synthetic source; a real import of that year
    later takes it over (surveys.importing), removal deletes it otherwise.
    """
    survey_round = SurveyRound.objects.order_by("-year").first()
    if survey_round is None:
        survey_round = SurveyRound.objects.create(
            year=dist.latest_year,
            name_nl=f"NSE {dist.latest_year} {MARKER_NL}",
            name_en=f"NSE {dist.latest_year} {MARKER_EN}",
            source=source,
        )
    aspects = {code: aspect.pk for code, aspect in aspects_by_code().items()}
    return survey_round.pk, aspects


def _programme(number: int, offer: int, study, template: Template, institution):
    name_nl = f"{template.name_nl} {MARKER_NL}"
    name_en = f"{template.name_en} {MARKER_EN}"
    return Programme(
        study=study,
        institution=institution,
        municipality_id=institution.municipality_id,
        location_code=f"{institution.brin}{offer:02d}",
        form=template.form,
        name_nl=name_nl,
        name_en=name_en,
        slug=f"{slugify(name_nl)[:120]}-{study.croho_code.lower()}-{offer}",
        slug_en=f"{slugify(name_en)[:120]}-{study.croho_code.lower()}-{offer}",
        degree_nl=template.degree_nl,
        degree_en=template.degree_en,
        ects=template.ects,
        language=template.language,
        english_share=template.english_share,
        funding=template.funding,
        description_nl="Synthetische opleiding om de portal op schaal te testen; "
        "geen echte opleiding of cijfers.",
        description_en="A synthetic programme to test the portal at scale; "
        "not a real programme, not real figures.",
    )


def _create_chunk(rng, dist, chunk, *, source, survey_round_id, aspect_ids):
    programmes = [_programme(*offer) for offer in chunk]
    for programme in programmes:
        programme.source = source
    Programme.objects.bulk_create(programmes, batch_size=BATCH_SIZE)
    records = {model: [] for model in (Specialisation, HonoursProgramme, TuitionFee)}
    enrolments, scores = [], []
    for programme, (*_offer, template, _institution) in zip(
        programmes, chunk, strict=True
    ):
        figures = programme_figures(
            rng,
            dist,
            template=template,
            programme_id=programme.pk,
            source_id=source.pk,
            survey_round_id=survey_round_id,
            aspect_ids=aspect_ids,
        )
        records[Specialisation] += figures.specialisations
        records[HonoursProgramme] += figures.honours
        records[TuitionFee] += figures.fees
        enrolments += figures.enrolments
        scores += figures.scores
    for model, rows in records.items():
        model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH_SIZE)
    through = Enrolment.sources.through
    through.objects.bulk_create(
        [through(enrolment_id=e.pk, datasource_id=source.pk) for e in enrolments],
        batch_size=BATCH_SIZE,
    )
    ProgrammeScore.objects.bulk_create(scores, batch_size=BATCH_SIZE)
    return [programme.pk for programme in programmes]


def _offers(rng: Random, studies, institutions, count: int):
    """(number, offer, study, template, institution) for each programme to create."""
    for number in range(count):
        study, template = studies[number % len(studies)]
        pool = institutions[_kind(study.level)] or institutions[InstitutionKind.WO]
        yield number, number // len(studies), study, template, rng.choice(pool)


def synthetic_generate(
    *,
    programmes: int,
    seed: int = 0,
    replace: bool = False,
    progress: Progress | None = None,
) -> GenerationResult:
    """Create `programmes` synthetic programmes with their studies and figures."""
    if programmes < 1:
        raise SyntheticDataError("The number of programmes must be at least 1.")
    existing = synthetic_programmes().count()
    if existing and not replace:
        raise SyntheticDataError(
            f"A synthetic data set exists already ({existing} programmes). Remove "
            "it first with `manage.py remove_synthetic`, or pass --replace."
        )
    result, started = GenerationResult(), time.monotonic()
    if existing:
        synthetic_remove()
    rng = Random(seed)
    dist = distributions_load()
    source = synthetic_source()
    study_count = math.ceil(programmes / min(dist.programmes_per_study, MAX_PER_STUDY))
    institution_count = max(2, math.ceil(programmes / dist.programmes_per_institution))
    with transaction.atomic():
        institutions = _institutions(rng, dist, institution_count)
        studies = _studies(rng, dist, min(study_count, programmes), source.pk)
        survey_round_id, aspect_ids = _survey(dist, source)
    result.seconds["studies and institutions"] = time.monotonic() - started
    offers = list(_offers(rng, studies, institutions, programmes))
    summary_seconds = 0.0
    for start in range(0, programmes, CHUNK_SIZE):
        with transaction.atomic():
            ids = _create_chunk(
                rng,
                dist,
                offers[start : start + CHUNK_SIZE],
                source=source,
                survey_round_id=survey_round_id,
                aspect_ids=aspect_ids,
            )
            summary_started = time.monotonic()
            summaries_refresh(ids)
            summary_seconds += time.monotonic() - summary_started
        if progress:
            progress(min(start + CHUNK_SIZE, programmes), programmes)
    # Once, not per chunk: each chunk's programmes spread over most studies and
    # institutions, whose sums would be counted again every chunk.
    summary_started = time.monotonic()
    enrolment_sums_refresh(everything=True)
    summary_seconds += time.monotonic() - summary_started
    result.programmes = programmes
    result.studies = len(studies)
    result.institutions = sum(len(pool) for pool in institutions.values())
    result.from_real_catalogue = dist.from_real_catalogue
    result.seconds["summaries"] = summary_seconds
    result.seconds["total"] = time.monotonic() - started
    return result
