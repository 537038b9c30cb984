"""A Redis cache the site can live without.

Everything in our cache can be rebuilt (cached pages, facet counts, the page-cache
generation), so when Redis is unreachable or hangs a page should be served
uncached, not fail. Django's RedisCache lets redis-py's errors through
(ConnectionError when nothing listens, TimeoutError when Redis accepts and does not
answer within the socket timeout); this backend turns them into a miss or a no-op.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_FAILED = object()


class ResilientRedisCache(RedisCache):
    """Django's RedisCache; while Redis fails, reads miss and writes do nothing.

    After a failure the backend leaves Redis alone for OUTAGE_PAUSE_SECONDS: a
    hanging Redis then costs a page one socket timeout at most, not one per cache
    call, and the log gets one warning per pause rather than one per call.
    """

    OUTAGE_PAUSE_SECONDS = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._paused_until = 0.0

    def _call(self, method, *args):
        if time.monotonic() < self._paused_until:
            return _FAILED
        try:
            return method(*args)
        except RedisError as error:
            self._paused_until = time.monotonic() + self.OUTAGE_PAUSE_SECONDS
            # One line, no traceback: an outage repeats this every pause.
            logger.warning(
                "Redis cache unavailable (%s): serving without it for %s s",
                error,
                self.OUTAGE_PAUSE_SECONDS,
            )
            return _FAILED

    def _or(self, result, fallback):
        return fallback if result is _FAILED else result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(self._call(super().add, key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._or(self._call(super().get, key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(self._call(super().touch, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._or(self._call(super().delete, key, version), False)

    def get_many(self, keys, version=None):
        return self._or(self._call(super().get_many, keys, version), {})

    def has_key(self, key, version=None):
        return self._or(self._call(super().has_key, key, version), False)

    def incr(self, key, delta=1, version=None):
        result = self._call(super().incr, key, delta, version)
        if result is _FAILED:
            # What callers of incr() already handle: the key is not there.
            raise ValueError(f"Key {key!r} not found (the cache is unavailable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # set_many() answers the keys it could not store: all of them.
        return self._or(
            self._call(super().set_many, data, timeout, version), list(data)
        )

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, keys, version)

    def clear(self):
        return self._or(self._call(super().clear), False)
