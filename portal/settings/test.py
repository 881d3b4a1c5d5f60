"""Settings for the test suite.

The services come from the environment that ``tests/services.py`` sets up
(real PostgreSQL, Redis and OpenSearch); nothing here fakes them.
"""

import secrets

from .base import *  # noqa: F403
from .base import EMAIL_FILE_PATH, SECRET_KEY

DEBUG = False
SECRET_KEY = SECRET_KEY or secrets.token_urlsafe(50)
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if EMAIL_FILE_PATH:
    # A worker a test started: its e-mails in files the test reads.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OPENSEARCH_INDEX_PREFIX = "test-portal"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
