"""Keep ProgrammeSummary in step with the records it is derived from.

One function, `summaries_refresh`, recomputes the summaries of some or all
programmes in a fixed number of set-based queries per chunk; the catalogue's
facet counts that derive from them are counted again when the transaction commits. Imports call it once after a run;
admin edits reach it through `public.signals`.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from careers.models import CareerFigure, CareerMetric, CareerOutcome
from figures.derived import latest_per_key
from figures.publication import survey_figure
from programmes.models import (
    Enrolment,
    FeeKind,
    HonoursProgramme,
    Municipality,
    Programme,
    Specialisation,
    TuitionFee,
)
from public.models import CatalogueCounts, ProgrammeAspectScore, ProgrammeSummary
from surveys.models import Aspect, ProgrammeScore

from .criteria import copied_facts
from .facets import catalogue_counts_expire
from .search import fold, index_text
from .variants import group_key

CHUNK_SIZE = 5000
# From how many changed summaries in a chunk they are replaced, not updated.
REPLACE_FROM = 50
# The programme's facts copied to its summary: {summary field: programme lookup}.
COPIED_FACTS = copied_facts()
# Bump when what a summary holds or how it is derived changes: migrating then
# rebuilds every summary (public.signals), so none keeps the old derivation.
SUMMARIES_VERSION = 6
SUMMARY_FIELDS = [
    *COPIED_FACTS,
    "students",
    "first_years",
    "students_year",
    "students_source_id",
    "overall_score",
    "overall_respondents",
    "overall_margin",
    "score_year",
    "score_source_id",
    "starting_salary",
    "salary_respondents",
    "salary_year",
    "salary_source_id",
    "statutory_fee",
    "specialisation_count",
    "honours_count",
    "sort_name_nl",
    "sort_name_en",
    "search_text",
    "name_text",
    "group_key",
]
# The programme's own names, then its study's: a match in them ranks first.
OWN_NAME_FIELDS = [
    "name_nl",
    "name_en",
    "study__name_nl",
    "study__name_en",
]
NAME_FIELDS = [
    *OWN_NAME_FIELDS,
    "study__croho_code",
    "institution__name_nl",
    "institution__name_en",
    "institution__short_name_nl",
    "institution__short_name_en",
    "municipality__name_nl",
    "municipality__name_en",
]


def _search_texts(ids) -> dict[int, dict[str, str]]:
    """Per programme: its search and name texts (public.search.index_text), its
    Dutch and English sort names and the group of variants it belongs to."""
    names, texts = {}, {}
    own = len(OWN_NAME_FIELDS)
    for pk, code, institution_id, study_id, *parts in Programme.objects.filter(
        pk__in=ids
    ).values_list(
        "pk", "municipality__code", "institution_id", "study_id", *NAME_FIELDS
    ):
        names[pk] = [*parts, *Municipality.common_names(code)]
        name_nl, name_en = parts[0] or parts[1] or "", parts[1] or parts[0] or ""
        sort_name_nl = fold(name_nl)[:200]
        texts[pk] = {
            "name_text": index_text(parts[:own]),
            "sort_name_nl": sort_name_nl,
            "sort_name_en": fold(name_en)[:200],
            "group_key": group_key(
                institution_id=institution_id,
                study_id=study_id,
                folded_name=sort_name_nl,
            ),
        }
    for programme_id, name_nl, name_en in Specialisation.objects.filter(
        programme_id__in=ids
    ).values_list("programme_id", "name_nl", "name_en"):
        names[programme_id] += [name_nl, name_en]
    for pk, parts in names.items():
        texts[pk]["search_text"] = index_text(parts)
    return texts


def _counts(model, ids) -> dict[int, int]:
    counts = {}
    for programme_id in model.objects.filter(programme_id__in=ids).values_list(
        "programme_id", flat=True
    ):
        counts[programme_id] = counts.get(programme_id, 0) + 1
    return counts


def _student_counts(ids) -> dict[int, dict]:
    """The counts of each programme's latest academic year, empty ones included
    (the rule of programmes.selectors.latest_enrolments, which pages use)."""
    rows = Enrolment.objects.filter(programme_id__in=ids).values_list(
        "programme_id", "academic_year", "pk", "students", "first_years"
    )
    latest = latest_per_key((pk, year, rest) for pk, year, *rest in rows)
    sources = dict(
        Enrolment.sources.through.objects.filter(
            enrolment_id__in=[rest[0] for _year, rest in latest.values()]
        )
        .order_by("enrolment_id", "-datasource_id")
        .values_list("enrolment_id", "datasource_id")
    )  # the first source by id, as the pages cite first
    return {
        pk: {
            "students": students,
            "first_years": first_years,
            "students_year": year,
            "students_source_id": sources.get(enrolment_id),
        }
        for pk, (year, (enrolment_id, students, first_years)) in latest.items()
    }


def _latest_scores(ids) -> dict[int, dict[str, dict]]:
    """Each programme's scores in its latest survey round (the round its page
    shows, even when that round lacks an aspect: that aspect is then unknown,
    not taken from an older round), by aspect code, unjudged, with n and 95%
    margin: the rule is applied when the listing reads them."""
    latest_year = dict(
        ProgrammeScore.objects.filter(programme_id__in=ids)
        .values("programme_id")
        .annotate(year=Max("survey_round__year"))
        .values_list("programme_id", "year")
        .order_by()
    )
    rows = ProgrammeScore.objects.filter(
        programme_id__in=ids, survey_round__year__in=set(latest_year.values())
    ).values_list(
        "programme_id",
        "aspect_id",
        "aspect__code",
        "survey_round__year",
        "survey_round__source_id",
        "mean",
        "respondents",
        "std_dev",
        "population",
    )
    scores = {}
    for pk, aspect_id, code, year, source_id, mean, respondents, sd, population in rows:
        if year != latest_year[pk]:
            continue
        figure = survey_figure(
            mean=mean, respondents=respondents, std_dev=sd, population=population
        )
        scores.setdefault(pk, {})[code] = {
            "aspect_id": aspect_id,
            "score": mean,
            "respondents": respondents,
            "margin": figure.margin,
            "year": year,
            "source_id": source_id,
        }
    return scores


def _overall_scores(latest: dict[int, dict[str, dict]]) -> dict[int, dict]:
    """Each programme's overall score among its latest scores, as its summary
    stores it."""
    return {
        pk: {
            "overall_score": score["score"],
            "overall_respondents": score["respondents"],
            "overall_margin": score["margin"],
            "score_year": score["year"],
            "score_source_id": score["source_id"],
        }
        for pk, by_code in latest.items()
        if (score := by_code.get(Aspect.Code.OVERALL)) is not None
    }


def _aspect_scores(latest: dict[int, dict[str, dict]]) -> list[ProgrammeAspectScore]:
    """Each programme's latest score on every aspect but the overall one (which
    its summary holds), as ProgrammeAspectScore stores it."""
    return [
        ProgrammeAspectScore(summary_id=pk, **score)
        for pk, by_code in latest.items()
        for code, score in by_code.items()
        if code != Aspect.Code.OVERALL
    ]


def _starting_salaries(study_ids) -> dict[int, dict]:
    """Each study's starting salary in its latest career outcome (the outcome its
    pages show, even when it has no salary), unjudged, with its n."""
    outcomes = latest_per_key(
        (study_id, year, (pk, source_id))
        for pk, study_id, year, source_id in CareerOutcome.objects.filter(
            study_id__in=study_ids
        ).values_list("pk", "study_id", "year", "source_id")
    )
    salaries = {
        outcome_id: (value, respondents)
        for outcome_id, value, respondents in CareerFigure.objects.filter(
            outcome_id__in=[pk for _year, (pk, _source) in outcomes.values()],
            metric=CareerMetric.STARTING_SALARY,
        ).values_list("outcome_id", "value", "respondents")
    }
    return {
        study_id: {
            "starting_salary": salaries.get(outcome_id, (None, None))[0],
            "salary_respondents": salaries.get(outcome_id, (None, None))[1],
            "salary_year": year,
            "salary_source_id": source_id,
        }
        for study_id, (year, (outcome_id, source_id)) in outcomes.items()
    }


def _facts(ids) -> dict[int, dict]:
    """{programme id: {summary field: value}} of the facts copied from the programme."""
    rows = Programme.objects.filter(pk__in=ids).values_list(
        "pk", *COPIED_FACTS.values()
    )
    return {pk: dict(zip(COPIED_FACTS, values, strict=True)) for pk, *values in rows}


def _summaries(ids, latest_scores) -> list[ProgrammeSummary]:
    study_of = dict(Programme.objects.filter(pk__in=ids).values_list("pk", "study_id"))
    facts = _facts(ids)
    students = _student_counts(ids)
    fees = {
        pk: amount
        for pk, (_year, amount) in latest_per_key(
            TuitionFee.objects.filter(
                programme_id__in=ids, kind=FeeKind.STATUTORY
            ).values_list("programme_id", "academic_year", "amount")
        ).items()
    }
    scores = _overall_scores(latest_scores)
    salaries = _starting_salaries(set(study_of.values()))
    specialisations = _counts(Specialisation, ids)
    honours = _counts(HonoursProgramme, ids)
    texts = _search_texts(ids)
    return [
        ProgrammeSummary(
            programme_id=pk,
            **facts[pk],
            **students.get(pk, {}),
            **scores.get(pk, {}),
            **salaries.get(study_id, {}),
            statutory_fee=fees.get(pk),
            specialisation_count=specialisations.get(pk, 0),
            honours_count=honours.get(pk, 0),
            **texts[pk],
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
    if len(changed) > REPLACE_FROM:
        # Many changed rows (an import, a rebuild): replacing them is far faster
        # than bulk_update, which builds a CASE per field and row in Python.
        # Their aspect scores go with them (written again after): the delete
        # reads the summaries to cascade, their ids only.
        ProgrammeSummary.objects.filter(
            pk__in=[summary.programme_id for summary in changed]
        ).only("pk").delete()
        new, changed = [*new, *changed], []
    ProgrammeSummary.objects.bulk_create(new, batch_size=1000)
    if changed:
        # Only the fields that changed: an edit of one programme updates one or
        # two columns, not every one (each costs a CASE in the UPDATE).
        ProgrammeSummary.objects.bulk_update(
            changed,
            [f for f in SUMMARY_FIELDS if f in changed_fields],
            batch_size=1000,
        )
    return len(new) + len(changed)


ASPECT_SCORE_FIELDS = ("score", "respondents", "margin", "year", "source_id")


def _save_aspect_scores(ids, scores: list[ProgrammeAspectScore]) -> int:
    """Make these programmes' stored aspect scores these: a programme whose
    scores changed has its rows deleted and written again; the rows written.
    Compared as plain values (a rebuild compares a million of them)."""
    wanted, stored = {}, {}
    for score in scores:
        values = tuple(getattr(score, f) for f in ASPECT_SCORE_FIELDS)
        wanted.setdefault(score.summary_id, {})[score.aspect_id] = values
    for summary_id, aspect_id, *values in ProgrammeAspectScore.objects.filter(
        summary_id__in=ids
    ).values_list("summary_id", "aspect_id", *ASPECT_SCORE_FIELDS):
        stored.setdefault(summary_id, {})[aspect_id] = tuple(values)
    changed = {pk for pk in ids if stored.get(pk, {}) != wanted.get(pk, {})}
    gone = ProgrammeAspectScore.objects.filter(
        summary_id__in=[pk for pk in changed if pk in stored]
    ).delete()[0]
    new = [score for score in scores if score.summary_id in changed]
    ProgrammeAspectScore.objects.bulk_create(new, batch_size=1000)
    return gone + len(new)


def _refresh_chunk(ids) -> int:
    """The summaries of these programmes, then their aspect scores (after the
    summaries: a summary replaced took its aspect scores with it)."""
    latest = _latest_scores(ids)
    written = _save(_summaries(ids, latest))
    return written + _save_aspect_scores(ids, _aspect_scores(latest))


def summaries_refresh(programme_ids: Iterable[int] | None = None) -> int:
    """Recompute the summaries of these programmes (all when None) and their
    aspect scores; rows written."""
    if programme_ids is None:
        ids = list(Programme.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted(set(programme_ids))
    written = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        with transaction.atomic():
            written += _refresh_chunk(ids[start : start + CHUNK_SIZE])
    if written:
        catalogue_counts_expire()
    return written


def summaries_rebuild_if_outdated() -> int:
    """Rebuild every summary when they were derived by an older SUMMARIES_VERSION
    (run after migrating, so a deploy never serves summaries derived the old
    way); rows written."""
    return CatalogueCounts.rebuild_if_outdated(
        "summaries_version", SUMMARIES_VERSION, summaries_refresh
    )
