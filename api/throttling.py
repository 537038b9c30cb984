"""Anonymous use of the API, limited per client address: API_RATE_LIMIT
requests per API_RATE_WINDOW_SECONDS, counted in the shared cache (Redis in
production, so that every process counts together). Past the limit the API
answers 429 with Retry-After: the seconds until the window ends.

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

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Allowance:
    limit: int
    remaining: int
    retry_after: int  # seconds until the window ends (0: not limited)

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0


def client_address(request) -> str:
    """The client's address as the login throttling reads it (behind trusted
    proxies: AXES_CLIENT_IP_CALLABLE, portal.auth.client_ip)."""
    return import_string(settings.AXES_CLIENT_IP_CALLABLE)(request) or ""


def allowance(request) -> Allowance | None:
    """Counts this request against its address; None when there is no limit
    (API_RATE_LIMIT 0) or the cache cannot count."""
    limit, window = settings.API_RATE_LIMIT, settings.API_RATE_WINDOW_SECONDS
    if limit <= 0:
        return None
    now = clock()
    start = int(now // window) * window
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    key = f"api-rate:{start}:{address}"
    try:
        cache.add(key, 0, timeout=window + 1)
        count = cache.incr(key)
    except Exception:
        logger.exception("API rate limit: cache unavailable")
        return None
    return Allowance(
        limit=limit,
        remaining=limit - count,
        retry_after=max(1, math.ceil(start + window - now)),
    )
