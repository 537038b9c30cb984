"""The programme listing: search, filters with facet counts, sorting and paging.

`programme_listing(params)` turns a query string into everything the listing page
shows, in a number of queries that depends on which filters are active, never on
the size of the catalogue or of the result: one page of rows, one for the number of
results and all facets without a selection, one per facet with a selection, one
per related-object facet.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Q, Value, When
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from portal.caching import cached_until_content_changes
from portal.templatetags.portal_format import euro

from .filters import (
    ECTS_OPTIONS,
    MAX_FEE_OPTIONS,
    MIN_SCORE_OPTIONS,
    PROVINCES,
    YES,
    ProgrammeFilter,
)
from .models import Form, Funding, Language, Level, Programme, Sector
from .search import MAX_QUERY_LENGTH, search_programmes, search_words

PAGE_SIZE = 20
# Cities and institutions offered in a facet: those with the most results.
MAX_OBJECT_OPTIONS = 30
MAX_PAGE_DIGITS = 6
SORT_OPTIONS = {
    "relevance": gettext_lazy("Relevance"),
    "name": gettext_lazy("Name"),
    "score": gettext_lazy("Survey score"),
    "students": gettext_lazy("Number of students"),
    "salary": gettext_lazy("Starting salary"),
}
SORT_FIELDS = {
    "score": "summary__overall_score",
    "students": "summary__students",
    "salary": "summary__starting_salary",
}


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


@dataclass
class ProgrammeListing:
    query: str
    sort: str
    page: Page
    facets: list[Facet]
    notes: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def sort_options(self) -> list[tuple[str, str]]:
        return [
            (value, label)
            for value, label in SORT_OPTIONS.items()
            if value != "relevance" or self.query
        ]


def _language() -> str:
    return "en" if get_language() == "en" else "nl"


# --- Facets -----------------------------------------------------------------


def _object_facet(queryset, name, label, relation, selected):
    """The related objects (cities, institutions) with the most programmes, and
    the selected ones; at 100,000 programmes there are thousands of them.

    Counted by id, without joining the objects (cheaper on every row), then the
    few shown are read by id: two queries.
    """
    model = Programme._meta.get_field(relation).related_model
    key = f"{relation}_id"
    if selected:
        chosen = model.objects.filter(slug__in=selected).values("pk")
        is_selected = Case(When(**{f"{key}__in": chosen}, then=1), default=0)
    else:
        is_selected = Value(0)
    # Grouped on "id + 0", not on the indexed column: SQLite would otherwise walk
    # that index and fetch the matching programmes one by one, far slower than
    # one pass. Programmes without the object (no known city) are dropped here.
    rows = [
        row
        for row in queryset.order_by()
        .annotate(group=F(key) + 0)
        .values("group")
        .annotate(count=Count("pk"), is_selected=is_selected)
        .order_by("-is_selected", "-count", "group")[: MAX_OBJECT_OPTIONS + 2]
        if row["group"] is not None
    ]
    shown = rows[:MAX_OBJECT_OPTIONS]
    objects = model.objects.only("slug", "name_nl", "name_en").in_bulk(
        [row["group"] for row in shown]
    )
    options = [
        FacetOption(
            objects[row["group"]].slug,
            str(objects[row["group"]].name),
            row["count"],
            bool(row["is_selected"]),
        )
        for row in shown
    ]
    return Facet(
        name,
        label,
        sorted(options, key=lambda o: o.label.casefold()),
        truncated=len(rows) > MAX_OBJECT_OPTIONS,
    )


def _option_facet(spec, counts, selected):
    """A value or condition facet from counts keyed like `_option_counts` makes."""
    options = [
        FacetOption(
            str(value),
            str(text),
            counts[f"{spec.name}_{index}"],
            str(value) in selected,
        )
        for index, (value, text, _condition) in enumerate(spec.options())
    ]
    return Facet(
        spec.name,
        str(spec.label),
        [o for o in options if o.count or o.selected],
        single=spec.kind == "condition" and len(options) > 1,
    )


def _option_counts(queryset, specs) -> dict[str, int]:
    """Every option of these facets counted over one queryset in a single query
    (one filtered COUNT per option, one pass over the rows), and the total."""
    return queryset.order_by().aggregate(
        total=Count("pk"),
        **{
            f"{spec.name}_{index}": Count("pk", filter=condition)
            for spec in specs
            for index, (_value, _text, condition) in enumerate(spec.options())
        },
    )


def _fee_options():
    return [
        (
            str(amount),
            _("at most %(fee)s") % {"fee": euro(amount)},
            Q(summary__statutory_fee__lte=amount),
        )
        for amount in MAX_FEE_OPTIONS
    ]


def _score_options():
    return [
        (
            score,
            _("%(score)s or higher") % {"score": number_format(Decimal(score), 1)},
            Q(summary__overall_score__gte=Decimal(score)),
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
    FacetSpec(
        "level", gettext_lazy("Level"), "value", "study__level", lambda: Level.choices
    ),
    FacetSpec(
        "sector",
        gettext_lazy("Sector"),
        "value",
        "study__sector",
        lambda: Sector.choices,
    ),
    FacetSpec(
        "province",
        gettext_lazy("Province"),
        "value",
        "municipality__province",
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
            gettext_lazy("Has specialisations"), Q(summary__specialisation_count__gt=0)
        ),
    ),
    FacetSpec(
        "honours",
        gettext_lazy("Honours"),
        "condition",
        choices=_yes_option(
            gettext_lazy("Has an honours programme"), Q(summary__honours_count__gt=0)
        ),
    ),
]


def _facets(params: QueryDict, base, filterset, results) -> tuple[list[Facet], int]:
    """Each facet counts its options with every other active filter applied.

    Facets without a selection of their own all count over the results, together
    in one query; a facet with a selection counts over the results without it.
    Related-object facets (city, institution) are grouped, one query each.
    Also returns the number of results, counted by the shared query.
    """
    selections = {spec.name: _selected(filterset, spec.name) for spec in FACETS}

    def counted_over(spec):
        if not selections[spec.name]:
            return results
        return ProgrammeFilter(_without(params, spec.name), queryset=base).qs

    shared = [s for s in FACETS if s.kind != "object" and not selections[s.name]]
    counts = _option_counts(results, shared)
    facets = []
    for spec in FACETS:
        selected = selections[spec.name]
        if spec.kind == "object":
            facets.append(
                _object_facet(
                    counted_over(spec), spec.name, str(spec.label), spec.field, selected
                )
            )
        elif spec in shared:
            facets.append(_option_facet(spec, counts, selected))
        else:
            own = _option_counts(counted_over(spec), [spec])
            facets.append(_option_facet(spec, own, selected))
    return facets, counts["total"]


# --- The listing --------------------------------------------------------------


def _selected(filterset, name) -> list[str]:
    value = filterset.form.cleaned_data.get(name)
    if not value:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _without(params: QueryDict, name: str) -> QueryDict:
    other = params.copy()
    other.pop(name, None)
    return other


def _ordered(queryset, sort: str):
    by_name = f"summary__sort_name_{_language()}"
    if sort == "relevance":
        return queryset.order_by("-search_rank", by_name, "pk")
    if sort in SORT_FIELDS:
        return queryset.order_by(
            F(SORT_FIELDS[sort]).desc(nulls_last=True), by_name, "pk"
        )
    return queryset.order_by(by_name, "pk")


def _facet_state(params: QueryDict) -> tuple:
    """What the facets and the number of results depend on: not page, not sort."""
    return tuple(
        sorted(
            (name, tuple(sorted(params.getlist(name))))
            for name in params
            if name not in ("page", "sort")
        )
    )


class CountedPaginator(Paginator):
    """A paginator told the number of results, counted along with the facets."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


def _page_number(raw: str | None, notes: list[str]) -> int:
    if not raw:
        return 1
    if raw.isdigit() and len(raw) <= MAX_PAGE_DIGITS and int(raw) >= 1:
        return int(raw)
    notes.append(
        _("“%(page)s” is not a page number; this is page 1.") % {"page": raw[:20]}
    )
    return 1


def programme_listing(params: QueryDict) -> ProgrammeListing:
    """Everything the listing page shows for this query string."""
    notes = []
    query = " ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH]
    words = search_words(query)
    base = Programme.objects.published()
    if words:
        base = search_programmes(base, words)
    elif query:
        notes.append(
            _("Your search contains no letters or digits; showing everything.")
        )

    filterset = ProgrammeFilter(params, queryset=base)
    for label, values in filterset.ignored_values().items():
        notes.append(
            _("We ignored “%(values)s” for %(filter)s: not a known option.")
            % {"values": ", ".join(v[:40] for v in values[:3]), "filter": label}
        )
    results = filterset.qs

    facets, total = cached_until_content_changes(
        "listing-facets",
        (get_language(), _facet_state(params)),
        lambda: _facets(params, base, filterset, results),
        settings.FACET_CACHE_SECONDS,
    )

    sort = params.get("sort", "")
    if sort not in SORT_OPTIONS or (sort == "relevance" and not words):
        if sort:
            notes.append(_("Unknown sort order; sorted by name."))
        sort = "relevance" if words else "name"
    # Every programme has a summary. An inner join lets the database walk the
    # (name, id) index and stop after a page, instead of sorting every result.
    rows = _ordered(results.filter(summary__isnull=False), sort)
    rows = rows.with_place().select_related("summary")
    paginator = CountedPaginator(rows, PAGE_SIZE, count=total)
    number = _page_number(params.get("page"), notes)
    if number > paginator.num_pages:
        notes.append(
            _("There is no page %(page)s; this is the last page.") % {"page": number}
        )
        number = paginator.num_pages
    return ProgrammeListing(
        query=query,
        sort=sort,
        page=paginator.page(number),
        facets=facets,
        notes=notes,
    )
