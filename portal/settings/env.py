"""The one place that reads the environment (settings only, never app code)."""

import os

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
