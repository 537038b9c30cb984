"""Who may see which institution's reports and edit which texts: decided here only.

Reports are scoped at the source: `institutions_for(user)` is the only way views,
forms and the builders learn which institutions a user may report on. Object
permissions (django-rules) answer the same question for the admin.
"""

import rules
from django.db.models import QuerySet

from programmes.models import Institution, Programme

from .roles import CONTENT_EDITORS


def liaison_institution_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_liaison_institution_ids", None)
    if cached is None:
        cached = set(user.liaisons.values_list("institution_id", flat=True))
        user._liaison_institution_ids = cached
    return cached


@rules.predicate
def is_report_admin(user) -> bool:
    """Staff who may report on every institution (superusers, content editors)."""
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=CONTENT_EDITORS).exists()
    )


@rules.predicate
def is_liaison(user) -> bool:
    return bool(liaison_institution_ids(user))


def institution_id_of(obj) -> int | None:
    """The institution an object belongs to: itself, its own or its programme's."""
    if isinstance(obj, Institution):
        return obj.pk
    institution_id = getattr(obj, "institution_id", None)
    if institution_id is not None:
        return institution_id
    programme_id = getattr(obj, "programme_id", None)
    if programme_id is None:
        return None
    # By id, not obj.programme: an old version may point at a deleted programme.
    return (
        Programme.objects.filter(pk=programme_id)
        .values_list("institution_id", flat=True)
        .first()
    )


@rules.predicate
def is_liaison_of(user, obj) -> bool:
    """The user is a liaison of the institution obj belongs to.

    Without an object the answer is no: a liaison's rights cover their own
    institution's objects only, so "may they change programmes?" has no yes
    without saying which. The admin limits its querysets to their institution
    and asks about each object (reports.liaison_admin).
    """
    if obj is None:
        return False
    institution_id = institution_id_of(obj)
    return institution_id is not None and institution_id in liaison_institution_ids(
        user
    )


rules.add_perm("reports.export_reports", is_report_admin | is_liaison)
rules.add_perm("reports.export_institution", is_report_admin | is_liaison_of)
# Liaisons edit their own programmes' texts (the admin limits the fields).
rules.add_perm("programmes.view_programme", is_liaison_of)
rules.add_perm("programmes.change_programme", is_liaison_of)
rules.add_perm("programmes.view_specialisation", is_liaison_of)
rules.add_perm("programmes.change_specialisation", is_liaison_of)


def institutions_for(user) -> QuerySet[Institution]:
    """The institutions this user may report on."""
    if is_report_admin(user):
        return Institution.objects.all()
    return Institution.objects.filter(pk__in=liaison_institution_ids(user))


def is_liaison_only(user) -> bool:
    """A liaison without wider rights: the admin shows them their texts only."""
    return (
        is_liaison(user)
        and not user.is_superuser
        and not user.has_perm("programmes.add_programme")
    )
