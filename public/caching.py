"""Whole-page cache for anonymous visitors of the public pages, and a cache of
values derived from content (the listing's facet counts) for every visitor.

Pages are cached per host, path (with its language prefix) and language, and per
the query-string parameters the page itself reads (``parameters``: unknown ones
dropped, repeats and order as the page reads them), under a *generation* key.
Junk parameters so share one entry, and the page is rendered for the normalised
query, so a cached copy is the page of its key. A query string with more than
MAX_CACHED_QUERY_VALUES values or MAX_CACHED_QUERY_BYTES bytes is served but not
stored, and so is a page that reports something about its own address
(``page_cache_skip``: "we ignored …"). Any save or delete of content bumps the
generation, so every cached page is invalidated at once: the next visitor gets
fresh content. Logged-in users, admin pages, non-GET requests and responses
that set cookies (a CSRF token, a session) are never cached.

Invalidation is infrastructure, not a business rule, so it lives in a signal
receiver: it must also catch edits made outside the services (admin, shell).
Bulk operations send no signals; the importer records an ImportRun per file,
whose save bumps the generation.
"""

import datetime
import functools
import hashlib
import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# When the generation last changed: the API's Last-Modified (api.http).
CHANGED_AT_KEY = "content-changed-at"
CONTENT_APPS = frozenset({"programmes", "surveys", "careers", "labour_market"})
# Past these a query string is no visitor's: served, never stored.
MAX_CACHED_QUERY_VALUES = 40
MAX_CACHED_QUERY_BYTES = 2048

PageParameters = Callable[[QueryDict], list[tuple[str, str]]]
"""A page's own parameters of a query string, normalised as the page reads them."""


def no_parameters(params: QueryDict) -> list[tuple[str, str]]:
    """For a page that reads no query string: it is cached per path alone."""
    return []


def page_cache_skip(request) -> None:
    """Keep this response out of the page cache: the page reports something about
    its address as typed (an ignored value, a corrected page number), which its
    normalised cache key does not tell apart."""
    request.page_cache_skip = True


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def invalidate_public_pages() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    cache.set(CHANGED_AT_KEY, timezone.now(), timeout=None)


def content_generation() -> str:
    """The current content generation: changes with every content edit or
    import, so it names a version of everything the public side shows (the
    API's ETags are built on it)."""
    return _generation()


def content_changed_at() -> datetime.datetime:
    """When content last changed, as far as this cache knows: a cache that has
    forgotten (a restart) answers now, which can only make a client fetch
    again, never keep a stale copy."""
    changed_at = cache.get(CHANGED_AT_KEY)
    if changed_at is None:
        changed_at = timezone.now()
        cache.add(CHANGED_AT_KEY, changed_at, timeout=None)
        changed_at = cache.get(CHANGED_AT_KEY, changed_at)
    return changed_at


def _normalised_query(request, parameters: PageParameters) -> str | None:
    """The query string the page is rendered and cached for; None if too big."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_CACHED_QUERY_BYTES:
        return None
    if sum(len(values) for values in request.GET.lists()) > MAX_CACHED_QUERY_VALUES:
        return None
    return urlencode(parameters(request.GET))


def _page_key(request, query: str) -> str:
    url = f"{request.build_absolute_uri(request.path)}?{query}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page-cache:{_generation()}:{get_language()}:{digest}"


def _is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        # A visitor with a session (a compare selection) or a pending message sees
        # a page of their own: neither served from nor stored in the cache.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _is_cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that asked for a CSRF token is personal to this visitor.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "page_cache_skip", False)
    )


def cache_public_page(view, *, parameters: PageParameters = no_parameters):
    """Serve anonymous GETs of ``view`` from the page cache (see module docstring).

    ``parameters`` gives the page's own parameters of a query string.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _is_cacheable_request(request):
            return view(request, *args, **kwargs)
        query = _normalised_query(request, parameters)
        if query is None:
            return view(request, *args, **kwargs)
        # Rendered for the query it is cached under: its links and notes then
        # hold nothing of the dropped parameters.
        request.GET = QueryDict(query)
        request.META["QUERY_STRING"] = query
        try:
            key = _page_key(request, query)
            cached = cache.get(key)
        except Exception:
            # A cache outage must not take the site down: serve uncached.
            logger.exception("Page cache unavailable")
            return view(request, *args, **kwargs)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _is_cacheable_response(request, response):
            try:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.exception("Page cache unavailable")
        return response

    return wrapped


def cached_until_content_changes(name: str, parts, compute, timeout: int):
    """``compute()``, kept for ``timeout`` seconds under ``name`` and ``parts``
    (hashed) in the same generation as the page cache: any content edit or import
    makes every such value stale at once. ``timeout`` 0 computes every time."""
    if timeout <= 0:
        return compute()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    try:
        key = f"content-cache:{_generation()}:{name}:{digest}"
        value = cache.get(key)
    except Exception:
        logger.exception("Content cache unavailable")
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.exception("Content cache unavailable")
    return value


def _content_changed(sender, **kwargs) -> None:
    if sender._meta.app_label in CONTENT_APPS:
        invalidate_public_pages()


def connect_invalidation() -> None:
    signals = {"save": post_save, "delete": post_delete, "m2m": m2m_changed}
    for name, signal in signals.items():
        signal.connect(_content_changed, dispatch_uid=f"page-cache-{name}")
