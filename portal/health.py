"""Checks behind /healthz: can this app server reach its database and cache?"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return "unavailable"
    return "ok"


def check_cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        value = cache.get(key)
        cache.delete(key)
    except Exception:
        # Cache backends raise their own errors (redis.ConnectionError, OSError …).
        logger.exception("Health check: cache unavailable")
        return "unavailable"
    return "ok" if value == "ok" else "unavailable"
