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


def test_several_machines_share_uploads_and_smtp_through_the_environment(tmp_path):
    """What README's "On several machines" tells every node to set is read:
    the upload folders on a shared volume apart from the process's own data
    folder, and the SMTP relay."""
    shared = tmp_path / "shared"
    script = (
        "from django.conf import settings as s;"
        "print(s.MEDIA_ROOT, s.FEEDBACK_PRIVATE_ROOT, s.DOSSIER_PRIVATE_ROOT,"
        " s.DATA_DIR, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER,"
        " s.EMAIL_USE_TLS)"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        PORTAL_DATA_DIR=str(tmp_path / "own"),
        PORTAL_MEDIA_ROOT=str(shared / "media"),
        FEEDBACK_PRIVATE_ROOT=str(shared / "feedback"),
        DOSSIER_PRIVATE_ROOT=str(shared / "dossiers"),
        DJANGO_EMAIL_HOST="smtp.example.gov.vn",
        DJANGO_EMAIL_PORT="587",
        DJANGO_EMAIL_HOST_USER="portal",
        DJANGO_EMAIL_USE_TLS="true",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        str(shared / "media"),
        str(shared / "feedback"),
        str(shared / "dossiers"),
        str(tmp_path / "own"),
        "smtp.example.gov.vn",
        "587",
        "portal",
        "True",
    ]
