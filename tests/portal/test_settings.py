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


def test_production_shares_redis_cache_and_serves_hashed_static_files():
    code = (
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']);"
        "print(s.STORAGES['staticfiles']['BACKEND']);"
        "print(s.SESSION_ENGINE, s.DEBUG, s.ALLOWED_HOSTS)"
    )
    result = _manage("shell", "--verbosity", "0", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6379/0",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "django.contrib.sessions.backends.cached_db False ['keuzewijzer.example.nl']",
    ]
