"""Variants of one programme shown as one listing result.

An institution often offers one study under one name several times: full-time,
part-time and dual, in Dutch and in English, or in two cities. Each is its own
programme (its own page, figures and compare entry), but as separate results
they fill the listing with near-identical lines. So the listing pages through
*groups* of variants, one summary per group in SQL (`group_heads` with a
window for a search, `first_in_groups` otherwise), so that paging, counting and
the query count do not depend on how many variants there are, and shows each
group with its matching variants as links (`groups_of`).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import (
    Case,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.db.models.lookups import IsNull

from programmes.models import Form, Language, Programme

# How far the group key keeps the folded name (the summary's sort name is cut
# there too): the ids before it take at most 2 x 10 digits and 2 separators.
MAX_KEY_NAME = 200


def group_key(*, institution_id, study_id, folded_name: str) -> str:
    """The key shared by the variants of one programme: one institution, one
    study (one CROHO code) and one name, folded as the sort name is (so that
    "Rechtsgeleerdheid" and "rechtsgeleerdheid " are one programme)."""
    return f"{institution_id or ''}/{study_id or ''}/{folded_name[:MAX_KEY_NAME]}"


@dataclass(frozen=True)
class SortKey:
    """One column of a listing order; the programme id breaks the last tie."""

    field: str
    descending: bool = False  # highest first, empty values last


def ordering_of(keys: list[SortKey]) -> list:
    return [
        F(key.field).desc(nulls_last=True) if key.descending else F(key.field).asc()
        for key in keys
    ] + [F("pk").asc()]


def group_heads(summaries: QuerySet, keys: list[SortKey], *, none_meets=None):
    """Of each group among these summaries, the variant that comes first in
    this order; the groups in the order of those variants (so a group sorts
    and ranks as its best variant does). With `none_meets`, only the groups
    none of whose variants meets that condition.

    A window numbers the variants within their group; Django filters on it in
    an outer query, so counting and slicing this queryset counts and pages
    groups. It sorts every match, as a ranked search does anyway; the listing
    without a search, which walks an index, takes `first_in_groups`.
    """
    ordering = ordering_of(keys)
    in_group = {"partition_by": [F("group_key")]}
    windows = {"place_in_group": Window(RowNumber(), order_by=ordering, **in_group)}
    if none_meets is not None:
        meets = Case(When(none_meets, then=Value(1)), default=Value(0))
        windows["any_meets"] = Window(Max(meets), **in_group)
    return (
        summaries.annotate(**windows)
        .filter(place_in_group=1, **({"any_meets": 0} if none_meets else {}))
        .order_by(*ordering)
    )


def _comes_before(keys: list[SortKey]) -> Q:
    """A variant (the subquery's row) that this order puts before the outer
    query's row: better by a key, the keys before it equal; the id last."""
    before, same = Q(), Q()
    for key in keys:
        mine, theirs = key.field, OuterRef(key.field)
        if key.descending:  # empty last
            both_empty = Q(**{f"{mine}__isnull": True}) & Q(IsNull(theirs, True))
            better = Q(**{f"{mine}__gt": theirs}) | (
                Q(**{f"{mine}__isnull": False}) & Q(IsNull(theirs, True))
            )
            equal = Q(**{mine: theirs}) | both_empty
        else:  # names: never empty
            better, equal = Q(**{f"{mine}__lt": theirs}), Q(**{mine: theirs})
        before |= same & better
        same &= equal
    return before | (same & Q(pk__lt=OuterRef("pk")))


def first_in_groups(summaries: QuerySet, keys: list[SortKey], *, among=None):
    """The same groups and heads as `group_heads`, for summaries filtered by
    their own columns only (no search): each variant with no variant of its
    group before it `among` these (default: the summaries themselves).

    Unlike a window, this lets the database walk the order's index and stop
    after a page: the unfiltered listing by name read 20 rows and now reads
    about twice as many, where numbering every variant took 26 to 46 ms.
    (Not for a search: its ids condition names the summary table, which a
    subquery aliases.)
    """
    among = summaries if among is None else among
    earlier = among.filter(_comes_before(keys), group_key=OuterRef("group_key"))
    return summaries.filter(~Exists(earlier)).order_by(*ordering_of(keys))


def groups_without(summaries: QuerySet, condition, keys, *, by_window: bool):
    """The heads of the groups none of whose variants meets the condition
    (a figure sort's groups without a shown figure), in this order."""
    if by_window:
        return group_heads(summaries, keys, none_meets=condition)
    meeting = summaries.filter(condition, group_key=OuterRef("group_key"))
    # Such a group's variants are all among the summaries not meeting it.
    return first_in_groups(summaries.exclude(Exists(meeting)), keys, among=summaries)


# --- A page of groups -------------------------------------------------------------

FORM_ORDER = {value: index for index, value in enumerate(Form.values)}
LANGUAGE_ORDER = {value: index for index, value in enumerate(Language.values)}
# What may tell one variant from another, as the listing row names it.
VARYING = ("form", "language", "municipality")


@dataclass
class ProgrammeGroup:
    """One listing result: the variant it was sorted by (its name, figures and
    compare button) and every variant that matched, in a fixed order."""

    head: Programme
    variants: list[Programme] = field(default_factory=list)

    @cached_property
    def varies_by(self) -> set[str]:
        """What tells this group's variants apart (read once all are added)."""
        return {
            name
            for name in VARYING
            if len({_value(v, name) for v in self.variants}) > 1
        }

    @property
    def has_variants(self) -> bool:
        return len(self.variants) > 1

    @property
    def links(self) -> list[tuple[Programme, str]]:
        """(variant, label) for each variant: its form, and its language or
        place when those differ within the group."""
        return [(v, self.label(v)) for v in self.variants]

    @property
    def head_label(self) -> str:
        return self.label(self.head)

    def label(self, variant: Programme) -> str:
        varies = self.varies_by or {"form"}
        parts = []
        if "form" in varies:
            parts.append(str(variant.get_form_display()))
        if "language" in varies and variant.language:
            parts.append(str(variant.get_language_display()))
        if "municipality" in varies and variant.municipality:
            parts.append(str(variant.municipality.name))
        return ", ".join(parts)


def _value(programme: Programme, name: str):
    if name == "municipality":  # by id: the place itself is read only to label it
        return programme.municipality_id
    return getattr(programme, name)


def _variant_order(programme: Programme):
    municipality = programme.municipality
    return (
        FORM_ORDER.get(programme.form, len(FORM_ORDER)),
        LANGUAGE_ORDER.get(programme.language, len(LANGUAGE_ORDER)),
        str(municipality.name) if municipality else "",
        programme.pk,
    )


def groups_of(heads, variants: list[Programme]) -> list[ProgrammeGroup]:
    """The page's groups, in the order of their heads (summaries), each with
    its variants (programmes with their summaries); a head deleted in between
    drops its group."""
    by_id = {programme.pk: programme for programme in variants}
    groups, by_key = [], {}
    for summary in heads:
        head = by_id.get(summary.programme_id)
        if head is not None:
            by_key[summary.group_key] = group = ProgrammeGroup(head)
            groups.append(group)
    for programme in sorted(variants, key=_variant_order):
        group = by_key.get(programme.summary.group_key)
        if group is not None:
            group.variants.append(programme)
    return groups
