"""The programme listing: search, filters with facet counts, sorting and paging.

`programme_listing(params)` turns a query string into everything the listing page
shows, in a number of queries that depends on which filters are active, never on
the size of the catalogue or of the result: one page of rows, and the facets'
(`public.facets`).

It all runs on ProgrammeSummary, one narrow row per programme with every filtered
fact: counting facets over 200,000 programmes joined to their studies and places
took most of a cold listing's time. Only the page of rows joins the programmes.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from figures.numbers import NotAnInteger, parse_int
from programmes.localised import translated_value
from programmes.models import DataSource, Programme
from public.caching import cached_until_content_changes
from public.models import ProgrammeSummary, salary_is_shown, score_is_shown

from .facets import Facet, Totals, listing_facets
from .filters import ProgrammeFilter
from .ranking import PARAMETERS as RANKING_PARAMETERS
from .ranking import SCORE, RankingChoice, ranking_choice
from .search import MAX_QUERY_LENGTH, search_programmes, search_words
from .suggestions import Suggestion, suggestion_for
from .synonyms import query_concepts
from .understanding import Chip, UnderstoodQuery, understand
from .variants import (
    ProgrammeGroup,
    SortKey,
    first_in_groups,
    first_variants,
    group_heads,
    groups_of,
    groups_without,
    ordering_of,
)

PAGE_SIZE = 20
# Lists the variants of one programme only (its slug): "and N more" leads there.
VARIANTS_PARAM = "variants"
MAX_PAGE_DIGITS = 6
SORT_OPTIONS = {
    "relevance": gettext_lazy("Relevance"),
    "name": gettext_lazy("Name"),
    "score": gettext_lazy("Survey score"),
    "students": gettext_lazy("Number of students"),
    "salary": gettext_lazy("Starting salary"),
    # Only with weights chosen (public.ranking), and then the default.
    "criteria": gettext_lazy("My criteria"),
}
# Sorts by a figure the publication rule may withhold: its column and the rule.
FIGURE_SORTS = {
    "score": ("overall_score", score_is_shown),
    "salary": ("starting_salary", salary_is_shown),
}


@dataclass(frozen=True)
class Narrowing:
    """A listing of one programme's variants only ("and N more"): the key they
    share, the programme's name and the listing as it is without the narrowing."""

    group_key: str
    name: str
    remove_url: str


@dataclass
class ProgrammeListing:
    query: str
    sort: str
    page: Page  # of ProgrammeGroup: a programme with its matching variants
    facets: list[Facet]
    totals: Totals
    notes: list[str] = field(default_factory=list)
    # Filters read from the query's words (public.understanding), removable.
    chips: list[Chip] = field(default_factory=list)
    # "Did you mean …?" when few programmes match (public.suggestions).
    suggestion: Suggestion | None = None
    # Only one programme's variants are listed ("and N more" led here).
    narrowing: Narrowing | None = None
    # The "rank by my criteria" panel and the ranking it asks for.
    criteria: RankingChoice | None = None

    @property
    def count(self) -> int:
        """The number of results: programmes, each with its variants."""
        return self.totals.programmes

    @property
    def variant_count(self) -> int:
        return self.totals.variants

    @property
    def active_filter_count(self) -> int:
        """How many filter options are ticked (the drawer's summary tells it)."""
        return sum(option.selected for facet in self.facets for option in facet.options)

    @property
    def sort_options(self) -> list[tuple[str, str, bool]]:
        """(value, label, selected) for the sort menu. The default order (name, or
        relevance once there are search words) is sent as no value, so a new
        search from the form is sorted by relevance, not by the name order the
        page without a search happened to show."""
        default = _default_sort(self.query, self.is_ranked_by_criteria)
        return [
            ("" if value == default else value, label, value == self.sort)
            for value, label in SORT_OPTIONS.items()
            if (value != "relevance" or self.query)
            and (value != "criteria" or self.is_ranked_by_criteria)
        ]

    @property
    def is_ranked_by_criteria(self) -> bool:
        return self.criteria is not None and self.criteria.ranking.is_active


def _default_sort(query: str, ranked: bool) -> str:
    """With weights chosen, they rank; else relevance, or name without a search."""
    return "criteria" if ranked else "relevance" if query else "name"


def _language() -> str:
    return "en" if get_language() == "en" else "nl"


# --- The listing --------------------------------------------------------------


class ShownFirst:
    """Results sorted by a figure: those whose figure is shown, highest first,
    then the others by name (a withheld figure is never sorted on). A group of
    variants sorts by its highest shown figure, and only a group without one
    comes among the others.

    Read as two ordered queries rather than one sorted on a condition, so that
    the database walks the figure's index and stops after a page; the second
    is read only for the pages past the shown figures.
    """

    def __init__(self, shown, withheld):
        self.shown, self.withheld = shown, withheld

    def __getitem__(self, page: slice) -> list:
        start, stop = page.start or 0, page.stop
        rows = list(self.shown[start:stop])
        if len(rows) == stop - start:
            return rows
        shown_count = start + len(rows) if rows else self.shown.count()
        rest_start = max(start - shown_count, 0)
        return rows + list(self.withheld[rest_start : stop - shown_count])


def _sort_keys(sort: str) -> list[SortKey]:
    """The order of a sort option (of a figure sort: among the shown figures)."""
    by_name = SortKey(f"sort_name_{_language()}")
    if sort == "relevance":
        # Among equally relevant names, the programmes most students chose.
        return [SortKey("search_rank", True), SortKey("students", True), by_name]
    if sort in FIGURE_SORTS:
        return [SortKey(FIGURE_SORTS[sort][0], True), by_name]
    if sort == "students":
        return [SortKey("students", True), by_name]
    if sort == "criteria":
        return [SortKey(SCORE, True), by_name]
    return [by_name]


def _ordered(queryset, sort: str, *, searched: bool, ranking=None):
    """The groups of variants among these summaries, one summary each (its
    best variant in this order), in the order of those best variants.

    A search sorts all its matches anyway: a window picks each group's best
    (`group_heads`); without one, `first_in_groups` lets the database walk the
    order's index and stop after a page. A ranking by my criteria has no index
    to walk: its score is computed for every match and sorted, a window too."""
    if sort == "criteria":
        return group_heads(ranking.annotated(queryset), _sort_keys(sort))
    by_window = searched or sort == "relevance"
    heads = group_heads if by_window else first_in_groups
    if sort not in FIGURE_SORTS:
        return heads(queryset, _sort_keys(sort))
    is_shown = FIGURE_SORTS[sort][1]
    return ShownFirst(
        heads(queryset.filter(is_shown()), _sort_keys(sort)),
        groups_without(queryset, is_shown(), _sort_keys("name"), by_window=by_window),
    )


def _facet_state(filterset: ProgrammeFilter, words: list[str]) -> tuple:
    """What the facets and the number of results depend on: the search words and
    the filter values understood (not page or sort, nor the query string as
    typed, so that junk parameters and ignored values share one entry)."""
    filterset.is_valid()
    chosen = tuple(
        (name, tuple(sorted(value)) if isinstance(value, list) else value)
        for name, value in filterset.form.cleaned_data.items()
        if value
    )
    return tuple(words), chosen


def _query_text(params: QueryDict) -> str:
    return " ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH]


def listing_parameters(params: QueryDict) -> list[tuple[str, str]]:
    """The listing's own parameters of a query string, read as programme_listing
    reads them, in one order: the page cache keys on these (public.caching).

    Each filter's value is what its form widget takes from the query string (the
    last of repeated single values; lists sorted, repeats dropped, since the
    filters ignore order). Values the listing reports as not understood are kept:
    its note quotes them, so the listing keeps such a page out of the cache.
    """
    form = ProgrammeFilter(params, queryset=ProgrammeSummary.objects.none()).form
    query = _query_text(params)
    items = [("q", query)] if query else []
    for name, form_field in form.fields.items():
        widget = form_field.widget
        value = widget.value_from_datadict(params, {}, form.add_prefix(name))
        if isinstance(value, list):  # an empty item is reported: it stays
            items += [(name, v) for v in sorted(set(value))]
        elif value:
            items.append((name, value))
    if variants := params.get(VARIANTS_PARAM):
        items.append((VARIANTS_PARAM, variants))
    if sort := params.get("sort"):
        items.append(("sort", sort))
    items += [
        (name, params[name][:100]) for name in RANKING_PARAMETERS if params.get(name)
    ]
    page_notes = []
    number = _page_number(params.get("page"), page_notes)
    if page_notes or number > 1:
        items.append(("page", params["page"] if page_notes else str(number)))
    return items


class CountedPaginator(Paginator):
    """A paginator told the number of results, counted along with the facets."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


def _page_number(raw: str | None, notes: list[str]) -> int:
    if not raw:
        return 1
    try:
        number = parse_int(raw, max_digits=MAX_PAGE_DIGITS)
    except NotAnInteger:
        number = 0
    if number >= 1:
        return number
    notes.append(
        _("“%(page)s” is not a page number; this is page 1.") % {"page": raw[:20]}
    )
    return 1


# What a listing row shows of a programme and its place
# (templates/programmes/programme_list.html): the rest of their columns are
# left unread (a programme has 37).
ROW_FIELDS = (
    "name_nl",
    "name_en",
    "slug",
    "slug_en",
    "form",
    "language",
    "ects",
    "source",
    "location_code",
    "study__level",
    "study__croho_code",
    "institution__brin",
    "institution__name_nl",
    "institution__name_en",
    "institution__slug",
    "institution__slug_en",
    "municipality__name_nl",
    "municipality__name_en",
    "municipality__slug",
    "municipality__slug_en",
)
# The sources a listing row's figures cite.
SOURCE_FIELDS = ("students_source", "score_source", "salary_source")


def programmes_of(summaries) -> list[Programme]:
    """The programmes of a page of summaries, in their order, with their places
    and the sources they and their figures cite.

    Read by id once the page is known: joining them in the page's query made the
    database join every result before sorting (the planner cannot tell how
    selective several filters are together).
    """
    summaries = list(summaries)
    programmes = (
        Programme.objects.select_related("study", "institution", "municipality")
        .only(*ROW_FIELDS)
        .in_bulk([summary.programme_id for summary in summaries])
    )
    sources = _sources_of(summaries, programmes.values())
    page = []
    for summary in summaries:
        programme = programmes.get(summary.programme_id)
        if programme is not None:  # unless deleted in between
            for name in SOURCE_FIELDS:
                setattr(summary, name, sources.get(getattr(summary, f"{name}_id")))
            programme.source = sources.get(programme.source_id)
            programme.summary = summary
            page.append(programme)
    return page


def _sources_of(summaries, programmes) -> dict:
    """The sources the rows cite, read in one small query (cheaper than joining
    them to every row: four more model instances a row)."""
    ids = {getattr(s, f"{name}_id") for s in summaries for name in SOURCE_FIELDS}
    ids |= {programme.source_id for programme in programmes}
    return DataSource.objects.in_bulk(ids - {None})


def _groups_of(
    heads, search: "ListingSearch", params: QueryDict, ranking=None
) -> list[ProgrammeGroup]:
    """The page's groups: the programmes the results show, and the first of
    their variants among the results (those the search and filters let
    through), read as plain values in one query by the groups' keys. The
    listing of one programme's variants links them all."""
    heads, every = list(heads), search.group_key is not None
    keys = {head.group_key for head in heads}
    rows = first_variants(search.results, keys, every=every)
    groups = groups_of(heads, programmes_of(heads), rows, every=every)
    for group in groups:
        if group.more_count:
            group.more_url = _variants_url(params, group.head)
        if ranking is not None:
            group.ranked = ranking.breakdown(group.head.summary)
    return groups


def _variants_url(params: QueryDict, programme: Programme) -> str:
    """The listing as it is (search, filters, sort), narrowed to the variants
    of this programme: where "and N more" leads."""
    narrowed = params.copy()
    narrowed.pop("page", None)
    narrowed[VARIANTS_PARAM] = programme.slug
    return f"{reverse('programmes:programme_list')}?{narrowed.urlencode()}"


def _variants_of(params: QueryDict, notes: list[str]) -> Narrowing | None:
    """The variants of the programme the `variants` parameter names by its slug
    (Dutch or English), for a listing of those only; unknown, a note and no
    narrowing."""
    slug = params.get(VARIANTS_PARAM)
    if not slug:
        return None
    summary = (
        ProgrammeSummary.objects.listed()
        .filter(Q(programme__slug=slug[:100]) | Q(programme__slug_en=slug[:100]))
        .select_related("programme")
        .only("group_key", "programme__name_nl", "programme__name_en")
        .first()
    )
    if summary is None:
        notes.append(
            _("We don’t know the programme “%(slug)s”; showing all programmes.")
            % {"slug": slug[:40]}
        )
        return None
    wider = params.copy()
    wider.pop(VARIANTS_PARAM, None)
    wider.pop("page", None)
    return Narrowing(
        group_key=summary.group_key,
        name=translated_value(summary.programme, "name")[0],
        remove_url=f"{reverse('programmes:programme_list')}?{wider.urlencode()}",
    )


@dataclass
class ListingSearch:
    """What a query string asks of the listing: the search words read from it
    (some as filters: `understood`), the filters over the summaries, and notes
    on what was not understood. The listing page and the API start here."""

    typed: str
    understood: UnderstoodQuery
    filterset: ProgrammeFilter
    notes: list[str]
    # The programme whose variants only are listed ("and N more"), if any.
    narrowing: Narrowing | None = None

    @property
    def group_key(self) -> str | None:
        return self.narrowing.group_key if self.narrowing else None

    @property
    def words(self) -> list[str]:
        return self.understood.words

    @property
    def results(self):
        """The matching summaries, every variant of a programme its own row."""
        return self.filterset.qs.defer("search_text", "name_text")

    def ordered(self, sort: str):
        """The matching summaries in `sort` order (see `SORT_OPTIONS`), one row
        per variant (the API's order; the page groups them: `_ordered`)."""
        if sort not in FIGURE_SORTS:
            return self.results.order_by(*ordering_of(_sort_keys(sort)))
        is_shown = FIGURE_SORTS[sort][1]
        return ShownFirst(
            self.results.filter(is_shown()).order_by(*ordering_of(_sort_keys(sort))),
            self.results.exclude(is_shown()).order_by(*ordering_of(_sort_keys("name"))),
        )


def listing_search(params: QueryDict) -> ListingSearch:
    """The search and the filters of a query string, as the listing reads them."""
    notes = []
    typed = _query_text(params)
    understood = understand(search_words(typed))
    words = understood.words
    base = ProgrammeSummary.objects.listed()
    narrowing = _variants_of(params, notes)
    if narrowing is not None:
        base = base.filter(group_key=narrowing.group_key)
    if words:
        base = search_programmes(base, query_concepts(words), _language())
    elif typed and not understood.found:
        notes.append(
            _("Your search contains no letters or digits; showing everything.")
        )

    filterset = ProgrammeFilter(understood.applied_to(params), queryset=base)
    for label, values in filterset.ignored_values().items():
        notes.append(
            _("We ignored “%(values)s” for %(filter)s: not a known option.")
            % {"values": ", ".join(v[:40] for v in values[:3]), "filter": label}
        )
    return ListingSearch(typed, understood, filterset, notes, narrowing)


def programme_listing(params: QueryDict) -> ProgrammeListing:
    """Everything the listing page shows for this query string."""
    search = listing_search(params)
    notes, understood, words = search.notes, search.understood, search.words
    filterset = search.filterset
    # The search box keeps what is searched; the words read as filters show as
    # chips and chosen filters (submitting the form again gives the same page).
    query = " ".join(words) if understood.found else search.typed
    facets, totals = cached_until_content_changes(
        "listing-facets",
        (get_language(), _facet_state(filterset, words), search.group_key),
        lambda: listing_facets(filterset, searched=bool(words)),
        settings.FACET_CACHE_SECONDS,
    )

    criteria = ranking_choice(params)
    notes += criteria.notes
    ranking = criteria.ranking if criteria.ranking.is_active else None
    sort = params.get("sort", "")
    if (
        sort not in SORT_OPTIONS
        or (sort == "relevance" and not words)
        or (sort == "criteria" and ranking is None)
    ):
        if sort and sort != "criteria":
            notes.append(_("Unknown sort order; sorted by name."))
        elif sort:
            notes.append(_("Choose how much each criterion matters to rank by them."))
        sort = ""
    sort = sort or _default_sort(words, ranking is not None)
    results = search.results
    paginator = CountedPaginator(
        _ordered(results, sort, searched=bool(words), ranking=ranking),
        PAGE_SIZE,
        count=totals.programmes,
    )
    number = _page_number(params.get("page"), notes)
    if number > paginator.num_pages:
        notes.append(
            _("There is no page %(page)s; this is the last page.") % {"page": number}
        )
        number = paginator.num_pages
    page = paginator.page(number)
    page.object_list = _groups_of(
        page.object_list, search, params, ranking if sort == "criteria" else None
    )
    return ProgrammeListing(
        query=query,
        sort=sort,
        page=page,
        facets=facets,
        totals=totals,
        notes=notes,
        chips=understood.chips(params),
        suggestion=suggestion_for(understood, params, totals.programmes)
        if words
        else None,
        narrowing=search.narrowing,
        criteria=criteria,
    )
