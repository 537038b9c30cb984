"""The listing's facets: for every filter, how many programmes each option gives.

Each facet counts its options with every other active filter applied, over the
narrow ProgrammeSummary rows. The unfiltered catalogue's counts (the listing as
most visitors first see it, and every facet whose own selection is the only one)
are stored in CatalogueCounts, rewritten whenever summaries change, so that page
never counts 200,000 rows; everything else is counted when asked.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from figures.formatting import euro
from programmes.models import Form, Funding, Language, Level, Sector
from public.models import CatalogueCounts, ProgrammeSummary, score_at_least

from .filters import ECTS_OPTIONS, MAX_FEE_OPTIONS, MIN_SCORE_OPTIONS, PROVINCES, YES

# Cities and institutions offered in a facet: those with the most results.
MAX_OBJECT_OPTIONS = 30


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


def _fee_options():
    return [
        (
            str(amount),
            _("at most %(fee)s") % {"fee": euro(amount)},
            Q(statutory_fee__lte=amount),
        )
        for amount in MAX_FEE_OPTIONS
    ]


def _score_options():
    return [
        (
            score,
            _("%(score)s or higher") % {"score": number_format(Decimal(score), 1)},
            score_at_least(score),
        )
        for score in MIN_SCORE_OPTIONS
    ]


def _yes_option(text, condition):
    return lambda: [(YES, text, condition)]


@dataclass(frozen=True)
class FacetSpec:
    """How to count one filter's options: by value of a field, by related object,
    or by condition (thresholds and yes/no)."""

    name: str
    label: str
    kind: str
    field: str = ""
    choices: Callable[[], list] = list

    def options(self) -> list[tuple]:
        """(value, text, condition) for each option of a value or condition facet."""
        if self.kind == "value":
            return [
                (value, text, Q(**{self.field: value}))
                for value, text in self.choices()
            ]
        return self.choices()


FACETS = [
    FacetSpec("level", gettext_lazy("Level"), "value", "level", lambda: Level.choices),
    FacetSpec(
        "sector",
        gettext_lazy("Sector"),
        "value",
        "sector",
        lambda: Sector.choices,
    ),
    FacetSpec(
        "province",
        gettext_lazy("Province"),
        "value",
        "province",
        lambda: [(p, p) for p in PROVINCES],
    ),
    FacetSpec("city", gettext_lazy("City"), "object", "municipality"),
    FacetSpec("institution", gettext_lazy("Institution"), "object", "institution"),
    FacetSpec(
        "language",
        gettext_lazy("Language of instruction"),
        "value",
        "language",
        lambda: Language.choices,
    ),
    FacetSpec("form", gettext_lazy("Form"), "value", "form", lambda: Form.choices),
    FacetSpec(
        "funding", gettext_lazy("Funding"), "value", "funding", lambda: Funding.choices
    ),
    FacetSpec(
        "ects",
        gettext_lazy("Study load"),
        "value",
        "ects",
        lambda: [(v, f"{v} ECTS") for v in ECTS_OPTIONS],
    ),
    FacetSpec(
        "max_fee", gettext_lazy("Statutory fee"), "condition", choices=_fee_options
    ),
    FacetSpec(
        "min_score",
        gettext_lazy("Overall survey score"),
        "condition",
        choices=_score_options,
    ),
    FacetSpec(
        "specialisations",
        gettext_lazy("Specialisations"),
        "condition",
        choices=_yes_option(
            gettext_lazy("Has specialisations"), Q(specialisation_count__gt=0)
        ),
    ),
    FacetSpec(
        "honours",
        gettext_lazy("Honours"),
        "condition",
        choices=_yes_option(
            gettext_lazy("Has an honours programme"), Q(honours_count__gt=0)
        ),
    ),
]


OPTION_FACETS = [spec for spec in FACETS if spec.kind != "object"]
OBJECT_FACETS = [spec for spec in FACETS if spec.kind == "object"]


# --- Counting -----------------------------------------------------------------
# Option counts are {facet name: {option value: count}}; object counts are
# [(object id, count, is selected)], the selected and then the biggest first.


def _option_counts(summaries, specs) -> tuple[int, dict[str, dict[str, int]]]:
    """Every option of these facets counted over one queryset in a single query
    (one filtered COUNT per option, one pass over the rows), and the total."""
    aliases = {}
    aggregates = {"total": Count("pk")}
    for spec in specs:
        for index, (value, _text, condition) in enumerate(spec.options()):
            alias = f"{spec.name}_{index}"
            aliases[alias] = (spec.name, str(value))
            aggregates[alias] = Count("pk", filter=condition)
    row = summaries.order_by().aggregate(**aggregates)
    counts = {spec.name: {} for spec in specs}
    for alias, (name, value) in aliases.items():
        counts[name][value] = row[alias]
    return row["total"], counts


def _grouped(summaries, spec, is_selected=None):
    """(object id, count, is selected) rows of an object facet, biggest first.

    Counted by id, without joining the objects (cheaper on every row). Grouped on
    "id + 0", not on the indexed column: SQLite would otherwise walk that index
    and fetch the matching rows one by one, far slower than one pass. Rows
    without the object (no known city) are dropped.
    """
    key = f"{spec.field}_id"
    return (
        summaries.order_by()
        .annotate(group=F(key) + 0)
        .values("group")
        .annotate(count=Count("pk"), is_selected=is_selected or Value(0))
        .order_by("-is_selected", "-count", "group")
        .values_list("group", "count", "is_selected")
    )


def _related_model(spec):
    return ProgrammeSummary._meta.get_field(spec.field).related_model


class LiveCounts:
    """Facet counts over a queryset of summaries, counted now."""

    def __init__(self, summaries):
        self.summaries = summaries

    def options(self, specs):
        return _option_counts(self.summaries, specs)

    def objects(self, spec, selected: list[str]):
        is_selected = None
        if selected:
            chosen = _related_model(spec).objects.filter(slug__in=selected)
            is_selected = Case(
                When(**{f"{spec.field}_id__in": chosen.values("pk")}, then=1),
                default=0,
            )
        rows = _grouped(self.summaries, spec, is_selected)[: MAX_OBJECT_OPTIONS + 2]
        return [row for row in rows if row[0] is not None]


class StoredCounts:
    """The whole catalogue's facet counts, as `catalogue_counts_refresh` stored
    them: one small query instead of counting every summary."""

    def __init__(self, counts: dict):
        self.counts = counts

    @classmethod
    def load(cls) -> "StoredCounts | None":
        counts = CatalogueCounts.objects.values_list("counts", flat=True).first()
        return cls(counts) if counts else None

    def options(self, specs):
        stored = self.counts["options"]
        return self.counts["total"], {
            spec.name: {
                str(value): stored.get(spec.name, {}).get(str(value), 0)
                for value, _text, _condition in spec.options()
            }
            for spec in specs
        }

    def objects(self, spec, selected: list[str]):
        chosen = set()
        if selected:
            chosen = set(
                _related_model(spec)
                .objects.filter(slug__in=selected)
                .values_list("pk", flat=True)
            )
        rows = [
            (int(pk), count, int(int(pk) in chosen))
            for pk, count in self.counts["objects"].get(spec.name, {}).items()
        ]
        rows.sort(key=lambda row: (-row[2], -row[1], row[0]))
        return rows[: MAX_OBJECT_OPTIONS + 2]


def catalogue_counts_expire() -> None:
    """Summaries changed: empty the stored counts now (the listing counts for
    itself meanwhile) and count again once the transaction commits, once however
    many changes it makes (an admin save with its inlines, a demo load)."""
    CatalogueCounts.objects.update(counts={})
    pending = transaction.get_connection().run_on_commit
    if not any(task is catalogue_counts_refresh for _ids, task, _robust in pending):
        # Robust: a failure to count is logged; the edit itself is committed.
        transaction.on_commit(catalogue_counts_refresh, robust=True)


def catalogue_counts_refresh() -> None:
    """Count the whole catalogue's facets again and store them."""
    catalogue = ProgrammeSummary.objects.listed()
    total, options = _option_counts(catalogue, OPTION_FACETS)
    objects = {
        spec.name: {
            str(group): count
            for group, count, _selected in _grouped(catalogue, spec)
            if group is not None
        }
        for spec in OBJECT_FACETS
    }
    CatalogueCounts.objects.update_or_create(
        pk=CatalogueCounts.SINGLE,
        defaults={"counts": {"total": total, "options": options, "objects": objects}},
    )


# --- Facets from counts ---------------------------------------------------------


def _option_facet(spec, counts: dict[str, int], selected) -> Facet:
    options = [
        FacetOption(str(value), str(text), counts[str(value)], str(value) in selected)
        for value, text, _condition in spec.options()
    ]
    return Facet(
        spec.name,
        str(spec.label),
        [o for o in options if o.count or o.selected],
        single=spec.kind == "condition" and len(options) > 1,
    )


def _object_facet(spec, rows) -> Facet:
    """The related objects (cities, institutions) with the most programmes, and
    the selected ones; at 200,000 programmes there are thousands of them. The
    few shown are read by id, in one query."""
    shown = rows[:MAX_OBJECT_OPTIONS]
    objects = (
        _related_model(spec)
        .objects.only("slug", "name_nl", "name_en")
        .in_bulk([pk for pk, _count, _selected in shown])
    )
    options = [
        FacetOption(objects[pk].slug, str(objects[pk].name), count, bool(selected))
        for pk, count, selected in shown
    ]
    return Facet(
        spec.name,
        str(spec.label),
        sorted(options, key=lambda o: o.label.casefold()),
        truncated=len(rows) > MAX_OBJECT_OPTIONS,
    )


def _selected(filterset, name) -> list[str]:
    value = filterset.form.cleaned_data.get(name)
    if not value:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def listing_facets(filterset, *, searched: bool):
    """Every facet, and the number of results.

    Facets without a selection of their own all count over the results, together
    in one query; a facet with a selection counts over the results without it.
    Related-object facets (city, institution) are grouped, one query each. A
    count over the whole catalogue (no search, no other selection) is read from
    the stored counts instead.
    """
    selections = {spec.name: _selected(filterset, spec.name) for spec in FACETS}
    stored = functools.cache(StoredCounts.load)

    def counts_without(name=None):
        """Counts over the results, ignoring the selection of facet `name`."""
        others = any(v for other, v in selections.items() if other != name)
        if not searched and not others and stored():
            return stored()
        if name is None or not selections[name]:
            return LiveCounts(filterset.qs)
        return LiveCounts(filterset.qs_without(name))

    shared = [spec for spec in OPTION_FACETS if not selections[spec.name]]
    total, counts = counts_without().options(shared)
    facets = []
    for spec in FACETS:
        selected = selections[spec.name]
        if spec.kind == "object":
            rows = counts_without(spec.name).objects(spec, selected)
            facets.append(_object_facet(spec, rows))
        elif spec in shared:
            facets.append(_option_facet(spec, counts[spec.name], selected))
        else:
            _total, own = counts_without(spec.name).options([spec])
            facets.append(_option_facet(spec, own[spec.name], selected))
    return facets, total
