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
