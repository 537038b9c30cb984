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

from django.db import connections
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import OrderBy
from django.db.models.functions import NullIf, RowNumber
from django.db.models.lookups import IsNull
from django.urls import reverse
from django.utils.translation import get_language, gettext

from programmes.models import Form, Language, Programme
from programmes.selectors import choice_rank

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


class GroupHeads:
    """Of each group among these summaries, the variant that comes first in
    this order; the groups in the order of those variants (so a group sorts
    and ranks as its best variant does). With `none_meets`, only the groups
    none of whose variants meets that condition. Sliced like a queryset (a
    page of summaries) and counted; made by `group_heads`.

    A window numbers the variants within their group. It sorts every match,
    as a ranked search does anyway; the listing without a search, which walks
    an index, takes `first_in_groups`. The window reads only each match's id
    and sort keys, and the page's order is applied outside it, so the database
    keeps the top of a page as it goes (a top-N sort); the page's summaries are
    then read by their ids. Filtering the window through Django sorted every
    head again inside its subquery, whole rows of 30 columns: `rechten` at
    206,747 programmes on PostgreSQL took 64-105 ms for its page, now 30-60
    (docs/PERFORMANCE.md, "Search").
    """

    def __init__(self, summaries: QuerySet, keys: list[SortKey], *, none_meets=None):
        self.summaries, self.keys, self.none_meets = summaries, keys, none_meets

    def _numbered(self) -> tuple[str, list, object]:
        """The SQL of the matches' ids, sort keys and place in their group."""
        in_group = {"partition_by": [F("group_key")]}
        columns = {
            "head_id": F("pk"),
            **{f"key_{i}": F(key.field) for i, key in enumerate(self.keys)},
            "place_in_group": Window(
                RowNumber(), order_by=ordering_of(self.keys), **in_group
            ),
        }
        if self.none_meets is not None:
            meets = Case(When(self.none_meets, then=Value(1)), default=Value(0))
            columns["any_meets"] = Window(Max(meets), **in_group)
        numbered = self.summaries.order_by().values(**columns)
        connection = connections[numbered.db]
        sql, params = numbered.query.get_compiler(connection=connection).as_sql()
        return sql, list(params), connection

    def _heads_sql(self, *, ordered: bool) -> tuple[str, list, object]:
        """The heads' ids, in the page's order, or their number."""
        sql, params, connection = self._numbered()
        name = connection.ops.quote_name
        heads = f"{name('place_in_group')} = 1"
        if self.none_meets is not None:
            heads += f" AND {name('any_meets')} = 0"
        select = name("head_id") if ordered else "COUNT(*)"
        query = f"SELECT {select} FROM ({sql}) {name('numbered')} WHERE {heads}"
        if ordered:
            order = [
                f"{name(f'key_{i}')} DESC NULLS LAST"
                if key.descending
                else f"{name(f'key_{i}')} ASC"
                for i, key in enumerate(self.keys)
            ]
            query += f" ORDER BY {', '.join([*order, name('head_id')])}"
        return query, params, connection

    def __getitem__(self, page: slice) -> list:
        start, stop = page.start or 0, page.stop
        query, params, connection = self._heads_sql(ordered=True)
        query += " LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(query, [*params, stop - start, start])
            ids = [row[0] for row in cursor.fetchall()]
        rows = self.summaries.in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def count(self) -> int:
        query, params, connection = self._heads_sql(ordered=False)
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchone()[0]


def group_heads(
    summaries: QuerySet, keys: list[SortKey], *, none_meets=None
) -> GroupHeads:
    """Each group's first variant among these summaries in this order (see
    `GroupHeads`)."""
    return GroupHeads(summaries, keys, none_meets=none_meets)


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

# What may tell one variant from another, as the listing row names it: its column.
VARYING = {"form": "form", "language": "language", "municipality": "municipality_id"}
# A result links this many variants at most, then "and N more" (a link to the
# listing of them all): one programme is offered in up to 64 places, and
# reading and rendering them all made the listing 2.3 times slower.
SHOWN_VARIANTS = 8


@dataclass(frozen=True)
class Variant:
    """What a variant link needs, read as plain values from the summaries
    (reading each variant as a Programme with its joins cost most of a page)."""

    pk: int
    slug: str
    slug_en: str
    form: str
    language: str
    municipality_id: int | None
    municipality_nl: str | None
    municipality_en: str | None

    def get_absolute_url(self) -> str:
        english = get_language() == "en" and self.slug_en
        slug = self.slug_en if english else self.slug
        return reverse("programmes:programme_detail", kwargs={"slug": slug})

    @property
    def municipality_name(self) -> str:
        english = get_language() == "en" and self.municipality_en
        return (self.municipality_en if english else self.municipality_nl) or ""


@dataclass
class ProgrammeGroup:
    """One listing result: the variant it was sorted by (its name, figures and
    compare button) and its first matching variants in a fixed order, with how
    many matched in all and what tells them apart (read over all of them)."""

    head: Programme
    variants: list[Variant] = field(default_factory=list)
    variant_count: int = 1
    varies_by: set[str] = field(default_factory=set)
    more_url: str = ""  # the listing of all its variants, once some are left out
    every_variant: bool = False  # all linked (the listing of this group only)
    # Its score and what it is made of, when ranked by my criteria
    # (public.ranking.RankedResult).
    ranked: object = None

    @property
    def has_variants(self) -> bool:
        return self.variant_count > 1

    @property
    def links(self) -> list[tuple[Variant, str]]:
        """(variant, label) for the variants shown: all of them, or the first
        SHOWN_VARIANTS when there are more (`more_count` tells how many more)."""
        return [(v, self.label(v)) for v in self.variants[: self.shown_count]]

    @property
    def shown_count(self) -> int:
        if self.every_variant or self.variant_count <= SHOWN_VARIANTS + 1:
            # (never "and 1 more": the link would take the place of one)
            return self.variant_count
        return SHOWN_VARIANTS

    @property
    def more_count(self) -> int:
        return self.variant_count - self.shown_count

    @property
    def head_label(self) -> str:
        head = self.head
        return self._label(
            head.get_form_display(),
            head.get_language_display() if head.language else "",
            str(head.municipality.name) if head.municipality_id else "",
        )

    def label(self, variant: Variant) -> str:
        return self._label(
            FORM_LABELS.get(variant.form, variant.form),
            LANGUAGE_LABELS.get(variant.language, variant.language),
            variant.municipality_name,
        )

    def _label(self, form, language, municipality) -> str:
        """Its form, and its language or place when those differ in the group
        (saying so when this variant's is not known: never an empty link)."""
        varies = self.varies_by or {"form"}
        parts = [str(form)] if "form" in varies else []
        if "language" in varies:
            parts.append(str(language) if language else gettext("language not known"))
        if "municipality" in varies:
            parts.append(
                str(municipality) if municipality else gettext("place not known")
            )
        return ", ".join(parts)


FORM_LABELS = dict(Form.choices)
LANGUAGE_LABELS = dict(Language.choices)


def _rank(column: str, order) -> OrderBy:
    """A choice column ranked by its place in `order`, a blank (unknown) value
    last: one SQL function (`choice_rank`) rather than a CASE with a branch per
    value, which Django took longer to compile (about 1.8 ms a listing page)
    than the database to run."""
    return choice_rank(NullIf(column, Value("")), order).asc(nulls_last=True)


def first_variants(summaries: QuerySet, group_keys, *, every=False) -> QuerySet:
    """The first SHOWN_VARIANTS + 1 variants (`every`: all) of each of these
    groups among the summaries, as values, each row with its group's number of variants and
    whether each VARYING column differs within it (windows over the whole
    group, so the rest is counted but never read)."""
    in_group = {"partition_by": [F("group_key")]}
    order = [
        _rank("form", Form.values),
        _rank("language", Language.values),
        F("municipality__name_nl").asc(nulls_first=True),
        F("programme_id").asc(),
    ]
    spread = {}
    for name, column in VARYING.items():
        spread[f"least_{name}"] = Window(Min(column), **in_group)
        spread[f"most_{name}"] = Window(Max(column), **in_group)
    return (
        summaries.filter(group_key__in=group_keys)
        .order_by()
        .annotate(
            place=Window(RowNumber(), order_by=order, **in_group),
            in_group=Window(Count("pk"), **in_group),
            with_place=Window(Count("municipality_id"), **in_group),
            **spread,
        )
        .filter(**({} if every else {"place__lte": SHOWN_VARIANTS + 1}))
        .values(
            "group_key",
            "place",
            "in_group",
            "with_place",
            *spread,
            "programme_id",
            "programme__slug",
            "programme__slug_en",
            "form",
            "language",
            "municipality_id",
            "municipality__name_nl",
            "municipality__name_en",
        )
    )


def _varies_by(row: dict) -> set[str]:
    varies = {n for n in VARYING if row[f"least_{n}"] != row[f"most_{n}"]}
    if 0 < row["with_place"] < row["in_group"]:  # some without a place
        varies.add("municipality")
    return varies


def groups_of(
    heads, programmes: list[Programme], variant_rows, *, every=False
) -> list[ProgrammeGroup]:
    """The page's groups, in the order of their heads (summaries), each with
    the programme it shows (`programmes`: the heads' programmes with their
    summaries) and its first variants (`first_variants`); a head deleted in
    between drops its group."""
    by_id = {programme.pk: programme for programme in programmes}
    groups, by_key = [], {}
    for summary in heads:
        head = by_id.get(summary.programme_id)
        if head is not None:
            by_key[summary.group_key] = group = ProgrammeGroup(
                head, every_variant=every
            )
            groups.append(group)
    for row in sorted(variant_rows, key=lambda row: row["place"]):
        group = by_key.get(row["group_key"])
        if group is None:
            continue
        group.variant_count = row["in_group"]
        group.varies_by = _varies_by(row)
        group.variants.append(
            Variant(
                pk=row["programme_id"],
                slug=row["programme__slug"],
                slug_en=row["programme__slug_en"],
                form=row["form"],
                language=row["language"],
                municipality_id=row["municipality_id"],
                municipality_nl=row["municipality__name_nl"],
                municipality_en=row["municipality__name_en"],
            )
        )
    return groups
