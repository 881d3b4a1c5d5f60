"""Local development and ``make run``: embedded defaults, debug on."""

import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR, SECRET_KEY

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1:3000", "http://localhost:3000"]


def _local_secret_key() -> str:
    """A random key made once per checkout and kept in the data folder."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = SECRET_KEY or _local_secret_key()
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Serve static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The online filing pilot needs a receiving agency with a code: ``setup_demo``
# creates this demo desk when no real one is configured.
DOSSIER_ONLINE_AGENCY_CODE = DOSSIER_ONLINE_AGENCY_CODE or "TTPVHCC"  # noqa: F405
