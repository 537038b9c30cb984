"""Writes on programmes that staff trigger from the admin."""

from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet

from surveys.models import ProgrammeScore

from .models import (
    Enrolment,
    HonoursProgramme,
    Programme,
    Specialisation,
    StudyProgress,
    TuitionFee,
)

# What is deleted together with a programme (on_delete=CASCADE) and versioned.
PROGRAMME_PARTS = (
    Specialisation,
    HonoursProgramme,
    TuitionFee,
    StudyProgress,
    Enrolment,
    ProgrammeScore,
)
# Cascaded deletions are versioned moments before the programme's own deletion.
SAME_DELETION = timedelta(seconds=5)


@transaction.atomic
def programmes_set_published(
    *, programmes: QuerySet[Programme], is_published: bool
) -> int:
    """Publish or unpublish; one save each, so that every change is versioned."""
    changed = 0
    for programme in programmes.exclude(is_published=is_published):
        programme.is_published = is_published
        programme.full_clean()
        programme.save(update_fields=["is_published", "updated_at"])
        changed += 1
    return changed


def programmes_deleted() -> list:
    """The last deletion of each programme that is not back yet, newest first.

    Historical records (django-simple-history): the programme as it was, with
    ``history_user`` (who deleted it) and ``history_date`` (when).
    """
    deletions = (
        Programme.history.filter(history_type="-")
        .exclude(id__in=Programme.objects.values("pk"))
        .select_related("history_user", "institution", "study")
        .order_by("-history_date")
    )
    latest = {}
    for record in deletions:
        latest.setdefault(record.id, record)
    return list(latest.values())


@transaction.atomic
def programme_restore_deleted(*, programme_id: int) -> Programme:
    """Bring back a deleted programme with the parts deleted along with it.

    Uses the last version of each before deletion (django-simple-history). The
    restore itself is versioned too. Raises Programme.DoesNotExist when no
    deleted programme with this id is on record, or when it exists again.
    """
    if Programme.objects.filter(pk=programme_id).exists():
        raise Programme.DoesNotExist(f"Programme {programme_id} was not deleted.")
    deletion = (
        Programme.history.filter(id=programme_id, history_type="-")
        .order_by("-history_date")
        .first()
    )
    if deletion is None:
        raise Programme.DoesNotExist(f"No deleted programme {programme_id}.")
    programme = deletion.instance
    programme.save()
    for model in PROGRAMME_PARTS:
        parts = model.history.filter(
            programme_id=programme_id,
            history_type="-",
            history_date__gte=deletion.history_date - SAME_DELETION,
            history_date__lte=deletion.history_date,
        )
        for record in parts:
            if not model.objects.filter(pk=record.id).exists():
                record.instance.save()
    return programme
