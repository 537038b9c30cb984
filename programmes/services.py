"""Writes on programmes that staff trigger from the admin."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from simple_history.utils import get_m2m_reverse_field_name

from .models import SLUG_FIELDS, Programme

# Cascaded deletions are versioned moments before the programme's own deletion.
SAME_DELETION = timedelta(seconds=5)
# A programme's fields that a revert does not count as edited by staff: its
# identity, its bookkeeping, and modeltranslation's untranslated copies (the
# form edits name_nl and name_en, not name).
NOT_EDITABLE = {"id", "edited_fields", "updated_at"}


def programme_parts() -> list[type[models.Model]]:
    """What is deleted together with a programme (on_delete=CASCADE) and versioned.

    Read from the relations to Programme, so that the parts other apps keep
    (survey scores) are restored and reverted with it too.
    """
    return [
        relation.related_model
        for relation in Programme._meta.related_objects
        if relation.on_delete is models.CASCADE
        and hasattr(relation.related_model._meta, "simple_history_manager_attribute")
    ]


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

    Uses the deletion version of each (django-simple-history), enrolment's links
    to its sources included. The restore itself is versioned too. Raises
    Programme.DoesNotExist when no deleted programme with this id is on record,
    or when it exists again; ValidationError (and changes nothing) when it cannot
    come back as it was, e.g. because another programme now has its slug.
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
    _check_slug_free(programme)
    _check_can_save(programme)
    programme.save()
    for model in programme_parts():
        parts = model.history.filter(
            programme_id=programme_id,
            history_type="-",
            history_date__gte=deletion.history_date - SAME_DELETION,
            history_date__lte=deletion.history_date,
        )
        for record in parts:
            if not model.objects.filter(pk=record.id).exists():
                _put_back(record, live=None)
    return programme


@transaction.atomic
def programme_revert(
    *, programme: Programme, to_version: models.Model, user=None
) -> Programme:
    """Bring a programme back to one of its versions, with its parts as they were.

    ``programme`` carries the version's values: ``to_version.instance``, or that
    instance as changed on the admin's revert form. The programme is saved once
    (one new version). Its parts (programme_parts()) are put back as they stood
    until the programme's next version, enrolment's source links included:
    changed ones updated, deleted ones re-created, ones created later removed.
    Parts that no version records (bulk imports make none) are left as they are.

    Marks of "edited by staff" become the version's own, plus the fields that
    differ from the version (edits typed on the revert form): a value the revert
    brings back is as much, or as little, an edit as it was then. Line endings a
    browser adds to text do not count as a difference.
    """
    if programme.pk != to_version.id:
        raise ValueError("The version is not one of this programme's.")
    programme._state.adding = False  # an instance made from a version is "new"
    _keep_version_text(programme, to_version)
    programme.edited_fields = sorted(
        set(to_version.edited_fields or ()) | _differences(programme, to_version)
    )
    _check_can_save(programme)
    if user is not None:
        programme._history_user = user
    programme.save()
    until = _version_end(to_version)
    if until is not None:
        for model in programme_parts():
            _parts_back_to(model, programme_id=programme.pk, until=until)
    return programme


def _version_end(version) -> datetime | None:
    """The last moment of a version: just before the programme's next version.

    The admin saves a programme before its inline parts, so a version's part
    edits are versioned after it; they belong to it until the next version.
    None when it is the latest version (its parts are as they are now).
    """
    following = (
        Programme.history.filter(id=version.id, history_date__gt=version.history_date)
        .order_by("history_date")
        .first()
    )
    if following is None:
        return None
    return following.history_date - timedelta(microseconds=1)


def _parts_back_to(model, *, programme_id: int, until: datetime) -> None:
    versioned = model.history.filter(programme_id=programme_id).values("id")
    then = {
        record.id: record
        for record in model.history.filter(
            id__in=versioned, history_date__lte=until
        ).latest_of_each()
        if record.history_type != "-" and record.programme_id == programme_id
    }
    live = model.objects.filter(programme_id=programme_id).in_bulk()
    created_later = set(
        model.history.filter(
            id__in=live, history_type="+", history_date__gt=until
        ).values_list("id", flat=True)
    )
    # Removed first, so that a re-created part cannot clash with a later one.
    for pk in created_later - set(then):
        live[pk].delete()
    for pk, record in then.items():
        _put_back(record, live=live.get(pk))


def _put_back(record, *, live) -> None:
    """Save a part as ``record`` holds it, with its links, if it differs from
    ``live`` (the part as it is now, None when it is gone)."""
    part = record.instance
    part._state.adding = live is None
    links = _links(record)
    unchanged = live is not None and _values(live) == _values(part)
    if unchanged and all(_linked(live, name) == ids for name, ids in links.items()):
        return
    _check_can_save(part)
    part.save()
    for name, ids in links.items():
        getattr(part, name).set(ids)


def _links(record) -> dict[str, set[int]]:
    """{many-to-many field: ids} in a version; a deletion version made before
    deletions kept their links (programmes.history) has them in the one before."""
    links = {}
    for field in getattr(record, "_history_m2m_fields", ()):
        target = f"{get_m2m_reverse_field_name(field)}_id"
        ids = set(getattr(record, field.name).values_list(target, flat=True))
        if not ids and record.history_type == "-" and record.prev_record:
            previous = getattr(record.prev_record, field.name)
            ids = set(previous.values_list(target, flat=True))
        # A source deleted since takes its links along, as it would have from
        # a programme that was never away.
        existing = field.related_model._default_manager.filter(pk__in=ids)
        links[field.name] = set(existing.values_list("pk", flat=True))
    return links


def _linked(obj, name: str) -> set[int]:
    return set(getattr(obj, name).values_list("pk", flat=True))


def _values(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _check_slug_free(programme: Programme) -> None:
    """Its address in each language is free (a version from before English slugs
    has none: it gets its Dutch slug in English too)."""
    for field in SLUG_FIELDS.values():
        slug = getattr(programme, field) or programme.slug
        others = Programme.objects.filter(**{field: slug}).exclude(pk=programme.pk)
        if (other := others.first()) is not None:
            raise ValidationError(
                _(
                    "“%(name)s” cannot come back: “%(other)s” now has its web "
                    "address (%(slug)s). Give that programme another slug first."
                )
                % {"name": programme, "other": other, "slug": slug},
                code="slug_taken",
            )


def _check_can_save(obj) -> None:
    """What can stop a version from coming back as it was.

    Not full_clean(): a version holds what was valid when it was saved (and an
    image validator would read files replaced since). What can have changed is
    what it points to and what it must not share with other rows.
    """
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if field.is_relation and value is not None:
            field.validate(value, obj)
    obj.validate_unique()
    obj.validate_constraints()


def _editable_fields(programme: Programme) -> list[models.Field]:
    fields = programme._meta.concrete_fields
    untranslated = {
        f.translated_field.name for f in fields if hasattr(f, "translated_field")
    }
    return [f for f in fields if f.name not in NOT_EDITABLE | untranslated]


def _comparable(value):
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    return value


def _differences(programme: Programme, version) -> set[str]:
    return {
        field.name
        for field in _editable_fields(programme)
        if _comparable(getattr(programme, field.attname))
        != _comparable(getattr(version, field.attname))
    }


def _keep_version_text(programme: Programme, version) -> None:
    """Text that differs from the version only in line endings is the version's."""
    for field in _editable_fields(programme):
        value, then = getattr(programme, field.attname), getattr(version, field.attname)
        if isinstance(value, str) and _comparable(value) == _comparable(then):
            setattr(programme, field.attname, then)


@transaction.atomic
def programme_mark_edited(
    *, programme: Programme, fields: Iterable[str], save: bool = True
) -> Programme:
    """Record that staff changed these fields, so imports leave them alone.

    The admin marks the changed form fields before it saves the programme
    (``save=False``), so that an edit is one version, not two.
    """
    edited = sorted(set(programme.edited_fields or ()) | set(fields))
    if edited != programme.edited_fields:
        programme.edited_fields = edited
        if save:
            programme.save(update_fields=["edited_fields"])
    return programme
