"""Keep ProgrammeSummary in step with the records it is derived from.

One function, `summaries_refresh`, recomputes the summaries of some or all
programmes in a fixed number of set-based queries per chunk; the catalogue's
facet counts that derive from them are counted again when the transaction commits. Imports call it once after a run;
admin edits reach it through `public.signals`.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, transaction

from careers.models import CareerFigure, CareerMetric
from figures.formatting import round_score
from figures.publication import career_figure, survey_figure
from programmes.models import (
    Enrolment,
    FeeKind,
    HonoursProgramme,
    Programme,
    Specialisation,
    TuitionFee,
)
from public.models import ProgrammeSummary
from surveys.models import Aspect, ProgrammeScore

from .criteria import copied_facts
from .facets import catalogue_counts_expire
from .search import fold, search_vector

CHUNK_SIZE = 5000
# The programme's facts copied to its summary: {summary field: programme lookup}.
COPIED_FACTS = copied_facts()
SUMMARY_FIELDS = [
    *COPIED_FACTS,
    "students",
    "first_years",
    "overall_score",
    "starting_salary",
    "statutory_fee",
    "specialisation_count",
    "honours_count",
    "sort_name_nl",
    "sort_name_en",
    "search_text",
]
NAME_FIELDS = [
    "name_nl",
    "name_en",
    "study__croho_code",
    "study__name_nl",
    "study__name_en",
    "institution__name_nl",
    "institution__name_en",
    "institution__short_name_nl",
    "institution__short_name_en",
    "municipality__name_nl",
    "municipality__name_en",
]


def _latest(rows) -> dict:
    """{key: value} keeping the value of the latest year; rows are (key, year, value)."""
    latest = {}
    for key, year, value in rows:
        if key not in latest or year > latest[key][0]:
            latest[key] = (year, value)
    return {key: value for key, (_year, value) in latest.items()}


def _search_texts(ids) -> tuple[dict[int, str], dict[int, tuple[str, str]]]:
    """Search text and (Dutch, English) sort names per programme."""
    names, sort_names = {}, {}
    for pk, *parts in Programme.objects.filter(pk__in=ids).values_list(
        "pk", *NAME_FIELDS
    ):
        names[pk] = [part for part in parts if part]
        name_nl, name_en = parts[0] or parts[1] or "", parts[1] or parts[0] or ""
        sort_names[pk] = (fold(name_nl)[:200], fold(name_en)[:200])
    for programme_id, name_nl, name_en in Specialisation.objects.filter(
        programme_id__in=ids
    ).values_list("programme_id", "name_nl", "name_en"):
        names[programme_id] += [name for name in (name_nl, name_en) if name]
    # Unique words in order: the programme's own name comes first, so a name that
    # starts with the query ranks first (public.search).
    texts = {
        pk: " ".join(dict.fromkeys(fold(" ".join(parts)).split()))
        for pk, parts in names.items()
    }
    return texts, sort_names


def _counts(model, ids) -> dict[int, int]:
    counts = {}
    for programme_id in model.objects.filter(programme_id__in=ids).values_list(
        "programme_id", flat=True
    ):
        counts[programme_id] = counts.get(programme_id, 0) + 1
    return counts


def _overall_scores(ids) -> dict[int, Decimal | None]:
    rows = ProgrammeScore.objects.filter(
        programme_id__in=ids, aspect__code=Aspect.Code.OVERALL
    ).values_list(
        "programme_id",
        "survey_round__year",
        "mean",
        "respondents",
        "std_dev",
        "population",
    )
    latest = _latest((pk, year, rest) for pk, year, *rest in rows)
    scores = {}
    for pk, (mean, respondents, std_dev, population) in latest.items():
        figure = survey_figure(
            mean=mean, respondents=respondents, std_dev=std_dev, population=population
        )
        scores[pk] = round_score(figure.value) if figure.is_shown else None
    return scores


def _starting_salaries(study_ids) -> dict[int, int | None]:
    rows = CareerFigure.objects.filter(
        outcome__study_id__in=study_ids, metric=CareerMetric.STARTING_SALARY
    ).values_list("outcome__study_id", "outcome__year", "value", "respondents")
    latest = _latest((pk, year, rest) for pk, year, *rest in rows)
    salaries = {}
    for study_id, (value, respondents) in latest.items():
        figure = career_figure(value=value, respondents=respondents)
        salaries[study_id] = round(figure.value) if figure.is_shown else None
    return salaries


def _facts(ids) -> dict[int, dict]:
    """{programme id: {summary field: value}} of the facts copied from the programme."""
    rows = Programme.objects.filter(pk__in=ids).values_list(
        "pk", *COPIED_FACTS.values()
    )
    return {pk: dict(zip(COPIED_FACTS, values, strict=True)) for pk, *values in rows}


def _summaries(ids) -> list[ProgrammeSummary]:
    study_of = dict(Programme.objects.filter(pk__in=ids).values_list("pk", "study_id"))
    facts = _facts(ids)
    enrolment = Enrolment.objects.filter(programme_id__in=ids)
    students = _latest(
        enrolment.filter(students__isnull=False).values_list(
            "programme_id", "academic_year", "students"
        )
    )
    first_years = _latest(
        enrolment.filter(first_years__isnull=False).values_list(
            "programme_id", "academic_year", "first_years"
        )
    )
    fees = _latest(
        TuitionFee.objects.filter(
            programme_id__in=ids, kind=FeeKind.STATUTORY
        ).values_list("programme_id", "academic_year", "amount")
    )
    scores = _overall_scores(ids)
    salaries = _starting_salaries(set(study_of.values()))
    specialisations = _counts(Specialisation, ids)
    honours = _counts(HonoursProgramme, ids)
    texts, sort_names = _search_texts(ids)
    return [
        ProgrammeSummary(
            programme_id=pk,
            **facts[pk],
            students=students.get(pk),
            first_years=first_years.get(pk),
            overall_score=scores.get(pk),
            starting_salary=salaries.get(study_id),
            statutory_fee=fees.get(pk),
            specialisation_count=specialisations.get(pk, 0),
            honours_count=honours.get(pk, 0),
            sort_name_nl=sort_names[pk][0],
            sort_name_en=sort_names[pk][1],
            search_text=texts.get(pk, ""),
        )
        for pk, study_id in study_of.items()
    ]


def _save(summaries: list[ProgrammeSummary]) -> int:
    """Insert new summaries, update changed ones; the number written."""
    stored = ProgrammeSummary.objects.in_bulk([s.programme_id for s in summaries])
    new, changed, changed_fields = [], [], set()
    for summary in summaries:
        old = stored.get(summary.programme_id)
        if old is None:
            new.append(summary)
            continue
        fields = {f for f in SUMMARY_FIELDS if getattr(old, f) != getattr(summary, f)}
        if fields:
            changed.append(summary)
            changed_fields |= fields
    ProgrammeSummary.objects.bulk_create(new, batch_size=1000)
    if changed:
        # Only the fields that changed: an edit of one programme updates one or
        # two columns, not every one (each costs a CASE in the UPDATE).
        ProgrammeSummary.objects.bulk_update(
            changed,
            [f for f in SUMMARY_FIELDS if f in changed_fields],
            batch_size=1000,
        )
    written = [s.programme_id for s in (*new, *changed)]
    if written and connection.vendor == "postgresql":
        ProgrammeSummary.objects.filter(pk__in=written).update(
            search_vector=search_vector()
        )
    return len(written)


def summaries_refresh(programme_ids: Iterable[int] | None = None) -> int:
    """Recompute the summaries of these programmes (all when None); rows written."""
    if programme_ids is None:
        ids = list(Programme.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted(set(programme_ids))
    written = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        with transaction.atomic():
            written += _save(_summaries(ids[start : start + CHUNK_SIZE]))
    if written:
        catalogue_counts_expire()
    return written
