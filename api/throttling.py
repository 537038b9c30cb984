"""The API's rate limit: anonymous use per client address, API_RATE_LIMIT
requests per API_RATE_WINDOW_SECONDS; a client with an API key (api.keys) per
key, its own `requests_per_minute`. Counted in the shared cache (Redis in
production, so that every process counts together). Past the limit the API
answers 429 with Retry-After: the seconds until the window ends. A key that is
unknown or revoked is refused (InvalidKey: 401), never counted as anonymous.

A fixed window: simple, one cache key per address and window, and at worst
twice the limit in a moment across a window's edge. A cache outage lets
requests through rather than take the API down.
"""

import hashlib
import logging
import math
from dataclasses import dataclass
from time import time as clock

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from .keys import authenticated_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Allowance:
    limit: int
    remaining: int
    retry_after: int  # seconds until the window ends (0: not limited)
    keyed: bool = False  # counted per API key, not per address

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0


def client_address(request) -> str:
    """The client's address as the login throttling reads it (behind trusted
    proxies: AXES_CLIENT_IP_CALLABLE, portal.auth.client_ip)."""
    return import_string(settings.AXES_CLIENT_IP_CALLABLE)(request) or ""


def key_limit(requests_per_minute: int, window: int) -> int:
    """A key's allowance in a window of `window` seconds."""
    return max(1, math.ceil(requests_per_minute * window / 60))


def allowance(request) -> Allowance | None:
    """Counts this request against its key or else its address; None when
    there is no limit (API_RATE_LIMIT 0) or the cache cannot count. Raises
    api.keys.InvalidKey for a key that is unknown or revoked."""
    api_key = authenticated_key(request)
    window = settings.API_RATE_WINDOW_SECONDS
    if settings.API_RATE_LIMIT <= 0:
        return None
    if api_key is None:
        limit = settings.API_RATE_LIMIT
        address = client_address(request).encode()
        client = f"address:{hashlib.sha256(address).hexdigest()[:24]}"
    else:
        limit = key_limit(api_key.requests_per_minute, window)
        client = f"key:{api_key.pk}"
    now = clock()
    start = int(now // window) * window
    cache_key = f"api-rate:{start}:{client}"
    try:
        cache.add(cache_key, 0, timeout=window + 1)
        count = cache.incr(cache_key)
    except Exception:
        logger.exception("API rate limit: cache unavailable")
        return None
    return Allowance(
        limit=limit,
        remaining=limit - count,
        retry_after=max(1, math.ceil(start + window - now)),
        keyed=api_key is not None,
    )
