"""Production settings: secure with the required variables, refuse without."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_ALLOWED_HOSTS": "dichvucong.example.gov.vn",
    "DATABASE_URL": "postgres://portal:secret@127.0.0.1:1/portal",
    "REDIS_URL": "redis://127.0.0.1:1/0",
    "OPENSEARCH_URL": "http://127.0.0.1:1",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    clean.pop("DJANGO_SECRET_KEY", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", **PRODUCTION)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
