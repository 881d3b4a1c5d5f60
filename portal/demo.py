"""Demo set-up for ``make run``: the editors' admin account and the catalogue."""

from __future__ import annotations

import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model


def _credentials_file():
    return settings.DATA_DIR / "demo-admin.json"


def admin_credentials() -> tuple[str, str]:
    """The demo admin's user name and password (as created or last set)."""
    path = _credentials_file()
    if path.exists():
        data = json.loads(path.read_text())
        return data["username"], data["password"]
    return settings.DEMO_ADMIN_USERNAME, settings.DEMO_ADMIN_PASSWORD or "(not created)"


def ensure_admin() -> tuple[str, str, bool]:
    """Create the demo superuser, or reset its password if one is configured.

    The password comes from ``PORTAL_ADMIN_PASSWORD``; without it a random one
    is made once and kept in the data folder (never in the repository).
    """
    username = settings.DEMO_ADMIN_USERNAME
    path = _credentials_file()
    stored = json.loads(path.read_text()) if path.exists() else {}
    password = (
        settings.DEMO_ADMIN_PASSWORD
        or (stored.get("password") if stored.get("username") == username else None)
        or secrets.token_urlsafe(9)
    )
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"is_staff": True, "is_superuser": True, "email": ""},
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.is_staff = user.is_superuser = True
        user.save()
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"username": username, "password": password}))
    path.chmod(0o600)
    return username, password, created
