"""Reads of the catalogue's own figures that several pages share."""

from collections.abc import Iterable

from figures.derived import latest_per_key

from .models import Enrolment


def latest_enrolments(programme_ids: Iterable[int]) -> dict[int, Enrolment]:
    """Each programme's enrolment record of its latest academic year, with its
    sources: the year every page, compare and the listing show (a count that is
    empty in that year stays empty; an older year's is never shown as current).
    Two queries, whatever the number of programmes."""
    enrolments = Enrolment.objects.filter(
        programme_id__in=list(programme_ids)
    ).prefetch_related("sources")
    latest = latest_per_key(
        (enrolment.programme_id, enrolment.academic_year, enrolment)
        for enrolment in enrolments
    )
    return {pk: enrolment for pk, (_year, enrolment) in latest.items()}
