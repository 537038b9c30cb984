"""The listing's facets: for every filter, how many programmes each option gives.

Each facet counts its options with every other active filter applied, over the
narrow ProgrammeSummary rows. The unfiltered catalogue's counts (the listing as
most visitors first see it, and every facet whose own selection is the only one)
are stored in CatalogueCounts, rewritten whenever summaries change, so that page
never counts 200,000 rows; everything else is counted when asked.
"""

import functools
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Aggregate, Case, Count, F, TextField, Value, When

from public.models import CatalogueCounts, ProgrammeSummary

from .criteria import CRITERIA, Counting, Criterion
from .suggestions import count_vocabulary

# Cities and institutions offered in a facet: those with the most results.
MAX_OBJECT_OPTIONS = 30


@dataclass(frozen=True)
class Totals:
    """How many results: programmes (groups of variants, public.variants) and
    the variants among them, as the listing's title tells both."""

    programmes: int
    variants: int


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    single: bool = False  # one option at a time (radio buttons)
    truncated: bool = False  # only the options with the most programmes

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


OPTION_CRITERIA = [c for c in CRITERIA if c.counting is not Counting.OBJECT]
OBJECT_CRITERIA = [c for c in CRITERIA if c.counting is Counting.OBJECT]


# --- Counting -----------------------------------------------------------------
# Option counts are {facet name: {option value: count}}; object counts are
# [(object id, count, is selected)], the selected and then the biggest first.


class JoinedIds(Aggregate):
    """A column's ids over the rows, joined by commas (empty ones left out):
    the ids an object facet counts, read in the query that counts the options
    rather than in a grouped query of its own."""

    function = "GROUP_CONCAT"  # SQLite's, comma-separated
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra_context,
        )


def _object_rows(joined: str | None) -> list[tuple[int, int, int]]:
    """An object facet's rows from its joined ids, as `_grouped` gives them."""
    # Counted as text (in C), each distinct id then read as a number once.
    counted = Counter(joined.split(",")) if joined else Counter()
    rows = sorted(
        ((int(pk), count) for pk, count in counted.items()),
        key=lambda item: (-item[1], item[0]),
    )
    return [(pk, count, 0) for pk, count in rows[: MAX_OBJECT_OPTIONS + 2]]


def _option_counts(
    summaries, criteria, objects=()
) -> tuple[Totals, dict[str, dict[str, int]]]:
    """Every option of these facets counted over one queryset in a single query
    (one filtered COUNT per option, one pass over the rows), and the totals.
    The object facets in `objects` (none of their own selected) come in the same
    pass as the ids of their objects, counted here: their rows as `_grouped`
    gives them, under their names. One pass instead of one more query each: at
    206,747 programmes each grouped query of a search read its matches again
    (10-25 ms).

    The options count variants (each is a programme of its own, with its own
    form, place and figures); the total counts both those and their groups."""
    aliases = {}
    aggregates = {
        "total": Count("pk"),
        "groups": Count("group_key", distinct=True),
    }
    for criterion in criteria:
        for index, option in enumerate(criterion.options()):
            alias = f"{criterion.name}_{index}"
            aliases[alias] = (criterion.name, option.value)
            aggregates[alias] = Count("pk", filter=option.condition)
    for criterion in objects:
        aggregates[f"{criterion.name}__ids"] = JoinedIds(criterion.summary_field)
    row = summaries.order_by().aggregate(**aggregates)
    counts = {criterion.name: {} for criterion in criteria}
    for alias, (name, value) in aliases.items():
        counts[name][value] = row[alias]
    for criterion in objects:
        counts[criterion.name] = _object_rows(row[f"{criterion.name}__ids"])
    return Totals(programmes=row["groups"], variants=row["total"]), counts


def _grouped(summaries, criterion: Criterion, is_selected=None):
    """(object id, count, is selected) rows of an object facet, biggest first.

    Counted by id, without joining the objects (cheaper on every row). Grouped on
    "id + 0", not on the indexed column: SQLite would otherwise walk that index
    and fetch the matching rows one by one, far slower than one pass. Rows
    without the object (no known city) are dropped.
    """
    return (
        summaries.order_by()
        .annotate(group=F(criterion.summary_field) + 0)
        .values("group")
        .annotate(count=Count("pk"), is_selected=is_selected or Value(0))
        .order_by("-is_selected", "-count", "group")
        .values_list("group", "count", "is_selected")
    )


class LiveCounts:
    """Facet counts over a queryset of summaries, counted now."""

    def __init__(self, summaries):
        self.summaries = summaries

    def options(self, criteria, objects=()):
        return _option_counts(self.summaries, criteria, objects)

    def objects(self, criterion: Criterion, selected: list[str]):
        is_selected = None
        if selected:
            is_selected = Case(
                When(criterion.chosen_condition(selected), then=1), default=0
            )
        rows = _grouped(self.summaries, criterion, is_selected)
        rows = rows[: MAX_OBJECT_OPTIONS + 2]
        return [row for row in rows if row[0] is not None]


class StoredCounts:
    """The whole catalogue's facet counts, as `catalogue_counts_refresh` stored
    them: one small query instead of counting every summary."""

    def __init__(self, counts: dict):
        self.counts = counts

    @classmethod
    def load(cls) -> "StoredCounts | None":
        counts = CatalogueCounts.objects.values_list("counts", flat=True).first()
        # Counts stored before groups were counted are recounted as missing.
        return cls(counts) if counts and "groups" in counts else None

    def options(self, criteria, objects=()):
        stored = self.counts["options"]
        totals = Totals(programmes=self.counts["groups"], variants=self.counts["total"])
        counts = {
            criterion.name: {
                option.value: stored.get(criterion.name, {}).get(option.value, 0)
                for option in criterion.options()
            }
            for criterion in criteria
        }
        for criterion in objects:
            counts[criterion.name] = self.objects(criterion, [])
        return totals, counts

    def objects(self, criterion: Criterion, selected: list[str]):
        chosen = set()
        if selected:
            chosen = set(
                criterion.chosen_objects(selected).values_list("pk", flat=True)
            )
        stored = self.counts["objects"].get(criterion.name, {})
        rows = [
            (int(pk), count, int(int(pk) in chosen)) for pk, count in stored.items()
        ]
        rows.sort(key=lambda row: (-row[2], -row[1], row[0]))
        return rows[: MAX_OBJECT_OPTIONS + 2]


def catalogue_level_counts() -> tuple[int, dict[str, int]] | None:
    """The listed programmes in all and per level, as last stored (one query);
    None while the counts are being recounted after an edit."""
    stored = StoredCounts.load()
    if stored is None:
        return None
    return stored.counts["total"], stored.counts["options"].get("level", {})


def catalogue_counts_expire() -> None:
    """Summaries changed: empty the stored counts now (the listing counts for
    itself meanwhile) and count again once the transaction commits, once however
    many changes it makes (an admin save with its inlines, a demo load)."""
    CatalogueCounts.objects.update(counts={}, vocabulary={})
    pending = transaction.get_connection().run_on_commit
    if not any(task is catalogue_counts_refresh for _ids, task, _robust in pending):
        # Robust: a failure to count is logged; the edit itself is committed.
        transaction.on_commit(catalogue_counts_refresh, robust=True)


def catalogue_counts_refresh() -> None:
    """Count the whole catalogue's facets (and the words of its names: the
    search's vocabulary) again and store them."""
    catalogue = ProgrammeSummary.objects.listed()
    totals, options = _option_counts(catalogue, OPTION_CRITERIA)
    objects = {
        criterion.name: {
            str(group): count
            for group, count, _selected in _grouped(catalogue, criterion)
            if group is not None
        }
        for criterion in OBJECT_CRITERIA
    }
    CatalogueCounts.objects.update_or_create(
        pk=CatalogueCounts.SINGLE,
        defaults={
            "counts": {
                "total": totals.variants,
                "groups": totals.programmes,
                "options": options,
                "objects": objects,
            },
            "vocabulary": count_vocabulary(),
        },
    )


# --- Facets from counts ---------------------------------------------------------


def _option_facet(criterion: Criterion, counts: dict[str, int], selected) -> Facet:
    options = [
        FacetOption(o.value, o.text, counts[o.value], o.value in selected)
        for o in criterion.options()
    ]
    return Facet(
        criterion.name,
        str(criterion.label),
        [o for o in options if o.count or o.selected],
        single=criterion.counting is Counting.CONDITION and len(options) > 1,
    )


def _object_facet(criterion: Criterion, rows) -> Facet:
    """The related objects (cities, institutions) with the most programmes, and
    the selected ones; at 200,000 programmes there are thousands of them. The
    few shown are read by id, in one query."""
    shown = rows[:MAX_OBJECT_OPTIONS]
    objects = criterion.related_model.objects.only(
        "slug", "name_nl", "name_en"
    ).in_bulk([pk for pk, _count, _selected in shown])
    options = [
        FacetOption(objects[pk].slug, str(objects[pk].name), count, bool(selected))
        for pk, count, selected in shown
    ]
    return Facet(
        criterion.name,
        str(criterion.label),
        sorted(options, key=lambda o: o.label.casefold()),
        truncated=len(rows) > MAX_OBJECT_OPTIONS,
    )


def _selected(filterset, name) -> list[str]:
    value = filterset.form.cleaned_data.get(name)
    if not value:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def listing_facets(filterset, *, searched: bool) -> tuple[list[Facet], Totals]:
    """Every facet, and the number of results (Totals).

    Facets without a selection of their own all count over the results, together
    in one query (related-object facets, city and institution, as their ids); a
    facet with a selection counts over the results without it (a related-object
    one grouped by its objects). A count over the whole catalogue (no search, no
    other selection) is read from the stored counts instead.
    """
    selections = {c.name: _selected(filterset, c.name) for c in CRITERIA}
    stored = functools.cache(StoredCounts.load)

    def counts_without(name=None):
        """Counts over the results, ignoring the selection of facet `name`."""
        others = any(v for other, v in selections.items() if other != name)
        if not searched and not others and stored():
            return stored()
        if name is None or not selections[name]:
            return LiveCounts(filterset.qs)
        return LiveCounts(filterset.qs_without(name))

    shared = [c for c in OPTION_CRITERIA if not selections[c.name]]
    shared_objects = [c for c in OBJECT_CRITERIA if not selections[c.name]]
    totals, counts = counts_without().options(shared, shared_objects)
    facets = []
    for criterion in CRITERIA:
        name, selected = criterion.name, selections[criterion.name]
        if criterion in shared_objects:
            facets.append(_object_facet(criterion, counts[name]))
        elif criterion.counting is Counting.OBJECT:
            rows = counts_without(name).objects(criterion, selected)
            facets.append(_object_facet(criterion, rows))
        elif criterion in shared:
            facets.append(_option_facet(criterion, counts[name], selected))
        else:
            _total, own = counts_without(name).options([criterion])
            facets.append(_option_facet(criterion, own[name], selected))
    return facets, totals
