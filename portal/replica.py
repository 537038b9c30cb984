"""Anonymous visitors' public pages read from a PostgreSQL streaming replica.

Only when settings.DATABASES has a "replica" alias (DATABASE_REPLICA_URL,
portal/settings/prod.py). A request reads the replica when it is a GET or HEAD
without a session cookie: nobody logged in, no compare selection. Everything
else (a POST, the admin, staff and liaisons, whom the session cookie marks)
reads and writes the primary, so whoever saves something sees it on the next
page (read-your-writes), whichever app server answers.

A replica lags a little behind. So that a page rendered right after an edit (and
then kept in the page cache) never shows the old content, every write to a
content table marks the shared cache, and for REPLICA_MAX_LAG_SECONDS after it
every app server reads the primary.

Whether the replica answers is asked at most once per REPLICA_CHECK_SECONDS per
process (SELECT 1, bounded by the connect timeout); while it does not, reads go
to the primary and /healthz says "degraded".
"""

import logging
import threading
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"

# Set by portal.middleware.ReadReplicaMiddleware for one request; off elsewhere
# (commands, threads, tests): those always read the primary.
_reads_replica: ContextVar[bool] = ContextVar("reads_replica", default=False)

_lock = threading.Lock()
_verdict = {"ok": False, "until": 0.0}

# The shared cache's key: until when (time.time()) reads stay on the primary.
FRESH_WRITE_KEY = "replica:primary-until"
# Writes that no public page shows: they need not wait for the replica.
UNSHOWN_APPS = frozenset({"sessions", "axes", "admin", "auth", "contenttypes"})
_last_mark = {"at": 0.0}


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def probe(alias: str) -> str:
    """ "ok" when the database behind `alias` answers a query, else "unavailable"."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Database %s unavailable", alias, exc_info=True)
        # A broken connection is not reused by the next request.
        connections[alias].close()
        return "unavailable"
    return "ok"


def replica_state(*, fresh: bool = False) -> str:
    """ "ok" or "unavailable": the last verdict unless older than
    REPLICA_CHECK_SECONDS (or `fresh`), then asked again."""
    now = time.monotonic()
    with _lock:
        if not fresh and now < _verdict["until"]:
            return "ok" if _verdict["ok"] else "unavailable"
    state = probe(REPLICA)
    with _lock:
        _verdict.update(ok=state == "ok", until=now + settings.REPLICA_CHECK_SECONDS)
    return state


def forget_replica_state() -> None:
    with _lock:
        _verdict.update(ok=False, until=0.0)
    _last_mark["at"] = 0.0


def note_content_write(model) -> None:
    """Keep reads on the primary until the replica has surely replayed this
    write; at most one cache write per second per process (an import saves
    thousands of rows)."""
    if not replica_configured() or model._meta.app_label in UNSHOWN_APPS:
        return
    now = time.time()
    if now - _last_mark["at"] < 1:
        return
    _last_mark["at"] = now
    cache.set(
        FRESH_WRITE_KEY,
        now + settings.REPLICA_MAX_LAG_SECONDS,
        timeout=settings.REPLICA_MAX_LAG_SECONDS + 1,
    )


def written_recently() -> bool:
    return (cache.get(FRESH_WRITE_KEY) or 0) > time.time()


def request_reads_replica(request) -> bool:
    """A GET or HEAD by a visitor without a session (nothing of theirs to see),
    unless content was saved a moment ago."""
    return (
        replica_configured()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not written_recently()
    )


class use_replica:
    """Within this block, reads go to the replica if it answers."""

    def __enter__(self):
        self._token = _reads_replica.set(True)
        return self

    def __exit__(self, *exc_info):
        _reads_replica.reset(self._token)


class use_primary(use_replica):
    def __enter__(self):
        self._token = _reads_replica.set(False)
        return self


class ReplicaRouter:
    """DATABASE_ROUTERS: reads on the replica only inside use_replica() and only
    while it answers; writes, relations and migrations on the primary."""

    def db_for_read(self, model, **hints):
        if _reads_replica.get() and replica_state() == "ok":
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        note_content_write(model)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # One database, copied: an object read from the replica is the primary's.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
