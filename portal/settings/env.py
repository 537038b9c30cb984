"""The one place that reads the environment (settings only, never app code)."""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(default_url: str) -> dict:
    return database_settings(os.environ.get("DATABASE_URL") or default_url)


def database_settings(url: str) -> dict:
    """The DATABASES entry for ``url``. PostgreSQL gets a connect and a statement
    timeout, so that a database that does not answer costs a request seconds
    (then a 503) instead of gunicorn's 30 s kill. Options in the URL's query
    string (``?connect_timeout=5``) win; a timeout of 0 switches it off.
    """
    database = dj_database_url.parse(url)
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    # libpq waits at least 2 s, whatever is asked (connectDBComplete).
    timeouts = {"connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 2)}
    statement_timeout = env_int("DATABASE_STATEMENT_TIMEOUT", 10)
    if statement_timeout > 0:
        # Sent as a startup parameter: PgBouncer needs it in
        # ignore_startup_parameters, or DATABASE_STATEMENT_TIMEOUT=0.
        timeouts["options"] = f"-c statement_timeout={statement_timeout * 1000}"
    database["OPTIONS"] = {**timeouts, **database.get("OPTIONS", {})}
    return database


def pooled(database: dict, *, pgbouncer: bool) -> dict:
    """Behind PgBouncer in transaction mode, consecutive queries of one request
    may reach different server connections: no server-side cursors (Django docs,
    "Transaction pooling and server-side cursors") and no persistent connection
    (PgBouncer pools them). Otherwise connections are kept CONN_MAX_AGE seconds,
    health-checked."""
    if pgbouncer:
        return {**database, "CONN_MAX_AGE": 0, "DISABLE_SERVER_SIDE_CURSORS": True}
    return {
        **database,
        "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }


def media_storage() -> dict:
    """The STORAGES["default"] entry: an S3 bucket (django-storages) when
    AWS_STORAGE_BUCKET_NAME is set, so that every app server reads the same
    uploads; the local MEDIA_ROOT otherwise. Credentials come from boto3's own
    variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the machine's role."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", "") or None,
            # Uploaded images are public: plain URLs the page cache can keep.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            # Visitors' browsers fetch the images: "public-read", or empty when
            # the bucket has ACLs off and a policy makes it readable.
            "default_acl": env_str("AWS_DEFAULT_ACL", "") or None,
            # A new upload never replaces another one's file of the same name.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "max-age=86400"},
        },
    }


def open_data_storage(root) -> dict:
    """The STORAGES["opendata"] entry (opendata/files.py): the media bucket
    under "open-data/" when there is one, so that every app server serves the
    files the last export wrote; the folder `root` otherwise. The portal
    serves them itself (opendata/views.py), and each export replaces them."""
    media = media_storage()
    if "OPTIONS" not in media:
        return {
            "BACKEND": "opendata.storage.ReplacingFileSystemStorage",
            "OPTIONS": {"location": str(root)},
        }
    return {
        "BACKEND": media["BACKEND"],
        "OPTIONS": {
            **media["OPTIONS"],
            "location": "open-data",
            "file_overwrite": True,
            # Rewritten after every import: no day-long cache header; read
            # through the portal only, so no ACL of their own.
            "object_parameters": {},
            "default_acl": None,
        },
    }


def media_origin(storage: dict) -> str | None:
    """Where the browser fetches uploaded images from, when not the site itself
    (for the Content-Security-Policy's img-src)."""
    options = storage.get("OPTIONS", {})
    if options.get("custom_domain"):
        return f"https://{options['custom_domain']}"
    endpoint = options.get("endpoint_url")
    if endpoint:
        parts = urlsplit(endpoint)
        return f"{parts.scheme}://{parts.netloc}"
    if "bucket_name" in options:
        return f"https://{options['bucket_name']}.s3.amazonaws.com"
    return None


def cache_settings(url: str) -> dict:
    """The CACHES entry for the Redis at ``url``: short socket timeouts, and a
    backend that serves without the cache while Redis is away
    (portal.cache_backend)."""
    return {
        "BACKEND": "portal.cache_backend.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "keuzewijzer"),
        "OPTIONS": {
            "socket_connect_timeout": env_float("CACHE_CONNECT_TIMEOUT", 0.5),
            "socket_timeout": env_float("CACHE_SOCKET_TIMEOUT", 0.5),
        },
    }


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a whole number."
        ) from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a number."
        ) from None
