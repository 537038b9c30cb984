"""A study's and an institution's "Over the years", stored (public.EnrolmentSum).

`enrolment_sums_refresh` computes the section's rows for some or all studies and
institutions with the queries of `programmes.trends.enrolment_trends`, grouped
per study or institution (four queries for any number of them), and rewrites
the rows of each one whose rows changed. Imports reach it through
`records_imported`, edits, publication and moves through `public.signals`.
`study_trends` and `institution_trends` read a page's rows back in one query
and make the same `EnrolmentTrends` as summing the records live would.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from programmes.models import Institution, Programme, Study
from programmes.trends import (
    CITED,
    MEASURES,
    EnrolmentTrends,
    figure_source_rows,
    trends_from_sums,
    year_sum_rows,
)
from public.models import CatalogueCounts, EnrolmentSum

# Bump when what the rows hold or how they are derived changes: migrating then
# rebuilds them all (public.signals), so none keeps the old derivation.
ENROLMENT_SUMS_VERSION = 1
SCOPES = ("institution", "study")
SUM_FIELDS = [
    name for m in MEASURES for name in (f"{m.field}_total", f"{m.field}_counted")
]
# A row as compared and written: (year, figure, source id, records, *SUM_FIELDS).
ROW_FIELDS = ["academic_year", "figure", "source_id", "records", *SUM_FIELDS]
NO_SUMS = tuple(None if name.endswith("_total") else 0 for name in SUM_FIELDS)


def _computed(scope: str, ids: set[int] | None) -> dict[int, set[tuple]]:
    """The rows each of these studies or institutions (all when None) should
    have, from its published programmes' records now."""
    programmes = {"is_published": True}
    if ids is not None:
        programmes[f"{scope}__in"] = ids
    rows = defaultdict(set)
    for row in year_sum_rows(programmes, by=scope):
        sums = tuple(row[name] for name in SUM_FIELDS)
        rows[row[f"programme__{scope}"]].add((row["academic_year"], "", None, 0, *sums))
    for scope_id, year, figure, source_id, records in figure_source_rows(
        programmes, by=scope
    ):
        rows[scope_id].add((year, figure, source_id, records, *NO_SUMS))
    return rows


def _stored(scope: str, ids: set[int] | None) -> dict[int, set[tuple]]:
    stored = EnrolmentSum.objects.filter(**{f"{scope}__isnull": False})
    if ids is not None:
        stored = stored.filter(**{f"{scope}__in": ids})
    rows = defaultdict(set)
    for scope_id, *row in stored.values_list(f"{scope}_id", *ROW_FIELDS):
        rows[scope_id].add(tuple(row))
    return rows


def _refresh_scope(scope: str, ids: set[int] | None) -> int:
    """Rewrite the rows of each of these studies or institutions whose rows
    changed; the number of them rewritten."""
    computed, stored = _computed(scope, ids), _stored(scope, ids)
    changed = [
        scope_id
        for scope_id in computed.keys() | stored.keys()
        if computed.get(scope_id, set()) != stored.get(scope_id, set())
    ]
    if not changed:
        return 0
    EnrolmentSum.objects.filter(**{f"{scope}__in": changed}).delete()
    EnrolmentSum.objects.bulk_create(
        [
            EnrolmentSum(
                **{f"{scope}_id": scope_id}, **dict(zip(ROW_FIELDS, row, strict=True))
            )
            for scope_id in changed
            for row in computed.get(scope_id, ())
        ],
        batch_size=1000,
    )
    return len(changed)


@transaction.atomic
def enrolment_sums_refresh(
    *,
    institution_ids: Iterable[int] | None = None,
    study_ids: Iterable[int] | None = None,
    everything: bool = False,
) -> int:
    """Recompute the rows of these institutions and studies (of every one with
    `everything`); the number of institutions and studies whose rows changed."""
    if everything:
        return _refresh_scope("institution", None) + _refresh_scope("study", None)
    changed = 0
    for scope, ids in (("institution", institution_ids), ("study", study_ids)):
        ids = {pk for pk in ids or () if pk is not None}
        if ids:
            changed += _refresh_scope(scope, ids)
    return changed


def enrolment_sums_refresh_programmes(programme_ids: Iterable[int] | None) -> int:
    """Recompute the rows of the institutions and studies of these programmes
    (of every one when None)."""
    if programme_ids is None:
        return enrolment_sums_refresh(everything=True)
    scopes = set(
        Programme.objects.filter(pk__in=set(programme_ids)).values_list(
            "institution_id", "study_id"
        )
    )
    return enrolment_sums_refresh(
        institution_ids={institution_id for institution_id, _study in scopes},
        study_ids={study_id for _institution, study_id in scopes},
    )


def enrolment_sums_rebuild_if_outdated() -> int:
    """Rebuild every row when they were derived by an older
    ENROLMENT_SUMS_VERSION (run after migrating, so that a deploy never serves
    sums derived the old way, or none at all); studies and institutions
    rewritten."""
    return CatalogueCounts.rebuild_if_outdated(
        "enrolment_sums_version",
        ENROLMENT_SUMS_VERSION,
        lambda: enrolment_sums_refresh(everything=True),
    )


def _stored_trends(scope: str, place) -> EnrolmentTrends:
    """The section of a study or institution from its stored rows: one query."""
    sums, figures, cited = {}, [], []
    for row in EnrolmentSum.objects.filter(**{scope: place}).select_related("source"):
        if row.source is None:
            sums[row.academic_year] = {
                "academic_year": row.academic_year,
                **{name: getattr(row, name) for name in SUM_FIELDS},
            }
        elif row.figure != CITED:
            figures.append((row.academic_year, row.figure, row.source, row.records))
        else:
            cited.append(row.source)
    return trends_from_sums(sums, figures, cited, summed_over=scope)


def institution_trends(institution: Institution) -> EnrolmentTrends:
    """The counts of the institution's published programmes, summed per year
    (as `programmes.trends.institution_enrolment_trends`, from the stored rows)."""
    return _stored_trends("institution", institution)


def study_trends(study: Study) -> EnrolmentTrends:
    """The counts of the study's published programmes across the country, summed
    per year (as `programmes.trends.study_enrolment_trends`, from the stored
    rows)."""
    return _stored_trends("study", study)
