"""Production: everything from the environment; a missing secret fails loudly.

See docs/DEPLOY.md for every variable.
"""

from pathlib import Path

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, MIDDLEWARE
from .env import (
    cache_settings,
    database_settings,
    env_bool,
    env_database,
    env_int,
    env_list,
    env_str,
    media_origin,
    media_storage,
    open_data_storage,
    pooled,
)

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# PGBOUNCER=1: DATABASE_URL points at PgBouncer in transaction mode (pooled()).
DATABASES = {
    "default": pooled(
        env_database(env_str("DATABASE_URL")), pgbouncer=env_bool("PGBOUNCER", False)
    )
}
# A streaming replica for anonymous visitors' public pages (portal.replica);
# everything else, and any page while the replica is away, reads the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = pooled(
        database_settings(DATABASE_REPLICA_URL),
        pgbouncer=env_bool("PGBOUNCER_REPLICA", False),
    )

# One Redis shared by every app server: the page cache and its invalidation agree
# whichever server answers. Without a URL, each process keeps its own cache.
# Sessions and login throttling live in the database (base.py), so logging in
# does not depend on Redis; a Redis outage only makes pages uncached.
CACHE_URL = env_str("CACHE_URL", env_str("REDIS_URL", ""))
if CACHE_URL:
    CACHES = {"default": cache_settings(CACHE_URL)}
else:
    # Per-process caches cannot learn that another process saw an edit: no page
    # cache, no facet cache, and no API ETags built on the content generation.
    PAGE_CACHE_SECONDS = 0
    FACET_CACHE_SECONDS = 0
    LABOUR_MARKET_CACHE_SECONDS = 0
    TYPEAHEAD_CACHE_SECONDS = 0
    API_CONDITIONAL_GET = False

# WhiteNoise serves the collected static files (hashed names, gzip/brotli) right
# after SecurityMiddleware, before sessions and the rest are touched.
MIDDLEWARE = [
    MIDDLEWARE[0],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))  # noqa: F405
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))  # noqa: F405
OPEN_DATA_ROOT = Path(MEDIA_ROOT) / "opendata"
STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    "opendata": open_data_storage(OPEN_DATA_ROOT),
}
# Images on object storage are fetched from its address: allowed in img-src.
if MEDIA_ORIGIN := media_origin(STORAGES["default"]):
    CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "img-src": [
                *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
                MEDIA_ORIGIN,
            ],
        }
    }

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe /healthz over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The language choice is no secret, but sent only over HTTPS, never to other
# sites' requests, and not readable by scripts (no script needs it).
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# How many proxies in front of the app append to X-Forwarded-For (portal.auth).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Errors go to stderr, where gunicorn and the process manager collect them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
