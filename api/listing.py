"""The programmes endpoint's query: the listing's own search and filters
(`public.listing.listing_search`, declared once in `public.criteria`), read
strictly, and a page of it after an opaque cursor.

Where the listing page forgives a bad parameter and says so, the API answers
400 with the same message: a client that misspells a filter must not silently
get the whole catalogue.
"""

from dataclasses import dataclass

from django.core import signing
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext as _

from figures.numbers import NotAnInteger, parse_int
from public.criteria import CRITERIA
from public.listing import listing_search, programmes_of
from public.search import MAX_QUERY_LENGTH

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# The API's sorts: both walk an index in a stable order a cursor can resume.
API_SORTS = ("name", "relevance")
COMMON_PARAMETERS = ("limit", "cursor", "lang")
LISTING_PARAMETERS = ("q", "sort", *COMMON_PARAMETERS)
CURSOR_SALT = "api.cursor"


class BadParameter(ValueError):
    """A query parameter the API does not accept: answered with 400."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def filter_parameters() -> list[str]:
    return [criterion.name for criterion in CRITERIA]


def check_known(params: QueryDict, known) -> None:
    for name in params:
        if name not in known:
            raise BadParameter(
                name, _("Unknown parameter “%(name)s”.") % {"name": name[:40]}
            )


def read_limit(params: QueryDict) -> int:
    raw = params.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = parse_int(raw, max_digits=4)
    except NotAnInteger:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise BadParameter(
            "limit",
            _("limit must be a whole number from 1 to %(max)s.") % {"max": MAX_LIMIT},
        )
    return limit


def read_cursor(params: QueryDict, kind: str):
    """The position a cursor names; signed, so that a client cannot forge one."""
    raw = params.get("cursor")
    if raw is None:
        return None
    try:
        data = signing.loads(raw, salt=CURSOR_SALT)
    except signing.BadSignature:
        data = None
    if not isinstance(data, dict) or data.get("kind") != kind:
        raise BadParameter(
            "cursor",
            _("This cursor is not valid here; use the “next” link of a page."),
        )
    return data["after"]


def make_cursor(kind: str, after) -> str:
    return signing.dumps({"kind": kind, "after": after}, salt=CURSOR_SALT)


@dataclass
class ResultPage:
    items: list
    next_cursor: str | None


def keyset_page(queryset, *, fields: tuple[str, str], params: QueryDict, kind: str):
    """A page of `queryset` ordered by `fields` (a unique pair: a value and the
    primary key) after the cursor's position: the database walks the index
    from there, however deep the page."""
    limit = read_limit(params)
    first, key = fields
    after = read_cursor(params, kind)
    queryset = queryset.order_by(first, key)
    if after is not None:
        value, pk = after
        queryset = queryset.filter(
            Q(**{f"{first}__gt": value}) | Q(**{first: value, f"{key}__gt": pk})
        )
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more:
        last = rows[-1]
        next_cursor = make_cursor(kind, [getattr(last, first), getattr(last, key)])
    return ResultPage(rows, next_cursor)


def programme_page(params: QueryDict, language: str) -> ResultPage:
    """A page of the listing's results for these parameters."""
    check_known(params, {*LISTING_PARAMETERS, *filter_parameters()})
    if len(params.get("q", "")) > MAX_QUERY_LENGTH:
        raise BadParameter(
            "q",
            _("q is at most %(max)s characters.") % {"max": MAX_QUERY_LENGTH},
        )
    search = listing_search(params)
    if search.notes:
        raise BadParameter(_first_ignored(search.filterset), " ".join(search.notes))
    sort = params.get("sort") or ("relevance" if search.words else "name")
    if sort not in API_SORTS or (sort == "relevance" and not search.words):
        raise BadParameter(
            "sort",
            _("sort is “name”, or “relevance” with a search (q)."),
        )
    if sort == "name":
        page = keyset_page(
            search.filterset.qs.defer("search_text", "name_text"),
            fields=(f"sort_name_{language}", "programme_id"),
            params=params,
            kind=f"programmes-name-{language}",
        )
    else:
        page = _offset_page(search.ordered(sort), params, kind="programmes-relevance")
    page.items = programmes_of(page.items)
    return page


def _first_ignored(filterset) -> str:
    """The first parameter whose value the filters did not know ("" if none:
    the search itself was not understood)."""
    for name, field in filterset.form.fields.items():
        if getattr(field, "ignored", None):
            return name
    return "q"


def _offset_page(ordered, params: QueryDict, *, kind: str) -> ResultPage:
    """A page of results ranked by relevance: the cursor holds how many came
    before (a search's results are few next to the catalogue)."""
    limit = read_limit(params)
    offset = read_cursor(params, kind) or 0
    if not isinstance(offset, int) or offset < 0:
        raise BadParameter("cursor", _("This cursor is not valid here."))
    rows = list(ordered[offset : offset + limit + 1])
    more = len(rows) > limit
    next_cursor = make_cursor(kind, offset + limit) if more else None
    return ResultPage(rows[:limit], next_cursor)
