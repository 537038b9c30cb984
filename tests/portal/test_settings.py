"""Production settings refuse to start without their secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _import_prod_settings(env: dict) -> subprocess.CompletedProcess:
    base_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings.prod"],
        cwd=ROOT,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_secret_key_fails_naming_the_variable():
    result = _import_prod_settings({"DATABASE_URL": "postgres://u@localhost/db"})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_with_its_environment_loads():
    result = _import_prod_settings(
        {"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u@localhost/db"}
    )
    assert result.returncode == 0, result.stderr


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
    "SECRET_KEY": "k3y-" + "Zq8" * 20,
    "DATABASE_URL": "postgres://u@localhost/db",
    "ALLOWED_HOSTS": "keuzewijzer.example.nl",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    base_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_with_production_settings_reports_nothing():
    result = _manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stderr


def _production_values(*expressions: str, env: dict = PRODUCTION_ENV) -> list[str]:
    code = "from django.conf import settings as s;" + ";".join(
        f"print({expression})" for expression in expressions
    )
    result = _manage("shell", "--verbosity", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_production_shares_redis_cache_and_serves_hashed_static_files():
    assert _production_values(
        "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']",
        "s.STORAGES['staticfiles']['BACKEND']",
        "s.DEBUG, s.ALLOWED_HOSTS",
    ) == [
        "portal.cache_backend.ResilientRedisCache redis://127.0.0.1:6379/0",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "False ['keuzewijzer.example.nl']",
    ]


def test_production_sessions_do_not_depend_on_redis():
    """Sessions in the database: logging in works while Redis is down."""
    assert _production_values("s.SESSION_ENGINE") == [
        "django.contrib.sessions.backends.db"
    ]


def test_production_waits_briefly_for_redis_and_postgresql():
    assert _production_values(
        "s.CACHES['default']['OPTIONS']", "s.DATABASES['default']['OPTIONS']"
    ) == [
        "{'socket_connect_timeout': 0.5, 'socket_timeout': 0.5}",
        "{'connect_timeout': 2, 'options': '-c statement_timeout=10000'}",
    ]


def test_production_timeouts_come_from_the_environment():
    env = {
        **PRODUCTION_ENV,
        "CACHE_SOCKET_TIMEOUT": "0.2",
        "DATABASE_CONNECT_TIMEOUT": "5",
        "DATABASE_STATEMENT_TIMEOUT": "0",
    }
    assert _production_values(
        "s.CACHES['default']['OPTIONS']['socket_timeout']",
        "s.DATABASES['default']['OPTIONS']",
        env=env,
    ) == ["0.2", "{'connect_timeout': 5}"]


def test_production_language_cookie_is_secure_samesite_and_hidden_from_scripts():
    assert _production_values(
        "s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_HTTPONLY"
    ) == ["True Lax True"]
