"""Settings shared by every environment.

This is the only module that reads the process environment. Every variable the
portal understands is declared here with its embedded default, so that a fresh
checkout runs with SQLite, a serverless broker and the local OpenSearch node,
and production switches to real services by setting the URLs.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE as CSP_NONCE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# Where the embedded services keep their files (SQLite, broker, engine data,
# uploads). Never inside a web root.
DATA_DIR = Path(env.str("PORTAL_DATA_DIR", default=str(BASE_DIR / "var")))

# The secret key has no default here: dev and test derive one, production
# requires DJANGO_SECRET_KEY.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

PORTAL_NAME = env.str("PORTAL_NAME", default="Cổng dịch vụ hành chính công")
# Public URL of the citizen-facing (SvelteKit) site, used for links and previews.
FRONTEND_URL = env.str("FRONTEND_URL", default="http://127.0.0.1:3000").rstrip("/")

INSTALLED_APPS = [
    "portal",
    "core",
    "catalogue",
    "search",
    "feedback",
    "dossiers",
    "scorecard",
    "open311",
    "alerts",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_headless_preview",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
]

MIDDLEWARE = [
    "core.middleware.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy, per part of the site (core/csp.py).
    "core.csp.PathPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Query strings: NFC, no control/bidi/zero-width characters (core/text.py).
    "core.middleware.CleanQueryStringMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked log-in into its answer.
    "axes.middleware.AxesMiddleware",
]

# --- Content-Security-Policy (django-csp; core/csp.py picks one per path) -----
# The strict policy: the API's JSON, error pages and anything not named below.
# Served documents keep Wagtail's own ``default-src 'none'``.
_NONE, _SELF, _INLINE = "'none'", "'self'", "'unsafe-inline'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_NONE],
        "script-src": [_SELF, CSP_NONCE],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_NONE],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}
CSP_PATH_POLICIES = [
    # Redoc from its CDN, its fonts from Google; a blob: worker; injected styles.
    (
        "/api/v1/docs/",
        {
            "default-src": [_NONE],
            "script-src": [_SELF, "https://cdn.jsdelivr.net"],
            "style-src": [_SELF, _INLINE, "https://fonts.googleapis.com"],
            "font-src": [_SELF, "https://fonts.gstatic.com"],
            "img-src": [_SELF, "data:", "https://cdn.redoc.ly"],
            "connect-src": [_SELF],
            "worker-src": [_SELF, "blob:"],
            "object-src": [_NONE],
            "base-uri": [_NONE],
            "form-action": [_NONE],
            "frame-ancestors": [_NONE],
        },
    ),
    # Wagtail's admin writes inline scripts without a nonce and style
    # attributes (core/csp.py says where): 'unsafe-inline', from the site only.
    *(
        (
            prefix,
            {
                "default-src": [_SELF],
                "script-src": [_SELF, _INLINE],
                "style-src": [_SELF, _INLINE],
                "img-src": [_SELF, "data:", "blob:"],
                "font-src": [_SELF, "data:"],
                "connect-src": [_SELF],
                "frame-src": [_SELF, FRONTEND_URL],
                "object-src": [_NONE],
                "base-uri": [_SELF],
                "form-action": [_SELF],
                "frame-ancestors": [_SELF],
            },
        )
        for prefix in ("/admin/", "/django-admin/")
    ),
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'portal.sqlite3'}"
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web server, a worker and a beat process share the file: wait for locks
    # instead of failing, and let readers proceed while one process writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked log-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Log-in lock-out (django-axes, on the database): after this many wrong
# passwords the address, and the account, are locked for the cool-off time,
# so neither one guesser nor guessers spread over many addresses get far.
AXES_FAILURE_LIMIT = env.int("PORTAL_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(
    minutes=env.int("PORTAL_LOGIN_COOLOFF_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.views.login_locked"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Vietnamese first. The portal's own strings are written in Vietnamese and
# translated to English in locale/en (gettext; the compiled .mo files are
# committed, so no gettext tools are needed to run). The API answers in the
# language of Accept-Language; the admin always in LANGUAGE_CODE unless the
# user picks another (core.middleware.AdminLanguageMiddleware).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The receipts' DejaVu Sans (Latin and Vietnamese) also draws the admin's
# charts: served as static/dossiers/fonts/ (dossiers.admin_views.stats_chart).
STATICFILES_DIRS = [("dossiers/fonts", BASE_DIR / "dossiers" / "fonts")]
MEDIA_URL = "/media/"
# Wagtail's images and documents: with several web machines, storage they all
# mount (or reach), as for the private roots below.
MEDIA_ROOT = Path(env.str("PORTAL_MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest request the API takes, files included (core/middleware.py): an
# online filing's documents (DOSSIER_MAX_TOTAL_BYTES) and its form. The
# non-file part stays within Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB).
API_MAX_REQUEST_BYTES = env.int("API_MAX_REQUEST_BYTES", default=25 * 1024 * 1024)

# --- Broker, cache, search engine -------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
# Without Redis the broker is kombu's SQLAlchemy transport on a SQLite file:
# a real queue shared by the web server and the worker, with no server to run.
CELERY_BROKER_URL = REDIS_URL or f"sqla+sqlite:///{DATA_DIR / 'broker.sqlite3'}"
CELERY_RESULT_BACKEND = REDIS_URL or f"db+sqlite:///{DATA_DIR / 'results.sqlite3'}"


def caches_for(redis_url: str) -> dict:
    """The caches: ``default`` (rate limits, synonyms) and ``workers`` (the
    Celery workers' registry and heartbeats, read by /healthz).

    With Redis both live there; Redis never evicts a key before its time
    unless it runs out of memory, so give it a ``maxmemory-policy`` of
    ``volatile-ttl`` (the registry has no expiry and is never chosen).
    Without Redis (``make run``) both are tables in the database, shared by
    every process on the machine: ``default`` holds up to
    ``PORTAL_CACHE_MAX_ENTRIES`` entries and, when full, drops those nearest
    to expiry first (core/cache.py), never in key order; the registry has a
    table of its own that no flood of limiter entries can reach.
    """
    if redis_url:
        redis = {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "portal",
        }
        return {"default": redis, "workers": {**redis, "KEY_PREFIX": "portal-workers"}}
    return {
        "default": {
            "BACKEND": "core.cache.TimeCulledDatabaseCache",
            "LOCATION": "portal_cache",
            "OPTIONS": {
                "MAX_ENTRIES": env.int("PORTAL_CACHE_MAX_ENTRIES", default=100_000),
                "CULL_FREQUENCY": 10,
            },
        },
        "workers": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_workers",
        },
    }


CACHES = caches_for(REDIS_URL)

# One node, or several comma-separated (every node of a cluster, so that a
# request is tried again on another node when one is down).
OPENSEARCH_URL = env.str("OPENSEARCH_URL", default="http://127.0.0.1:9200")
# Replicas of the procedure index: a number, or a range ("0-1": one replica
# as soon as the cluster has a second node, none on a single node).
OPENSEARCH_REPLICAS = env.str("OPENSEARCH_REPLICAS", default="0-1")
# Prefix of every index the portal owns, so tests and several portals can share
# one cluster without touching each other's data.
OPENSEARCH_INDEX_PREFIX = env.str("OPENSEARCH_INDEX_PREFIX", default="portal")
OPENSEARCH_TIMEOUT = env.float("OPENSEARCH_TIMEOUT", default=5.0)
# Citizens' searches and suggestions: one try of this long (no retry after a
# timeout), then the database answers. After OPENSEARCH_BREAKER_FAILURES
# failures in a row searches skip the engine; every
# OPENSEARCH_BREAKER_RESET_SECONDS one search probes it (search/breaker.py).
OPENSEARCH_SEARCH_TIMEOUT = env.float("OPENSEARCH_SEARCH_TIMEOUT", default=5.0)
OPENSEARCH_BREAKER_FAILURES = env.int("OPENSEARCH_BREAKER_FAILURES", default=3)
OPENSEARCH_BREAKER_RESET_SECONDS = env.int(
    "OPENSEARCH_BREAKER_RESET_SECONDS", default=30
)

# --- Celery ---------------------------------------------------------------

CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
# Tasks acknowledge early unless a task opts into acks_late (and says why it is
# idempotent); those are re-delivered if the worker dies mid-task.
CELERY_TASK_ACKS_LATE = False
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 3600
CELERY_WORKER_SEND_TASK_EVENTS = False
# Redis re-delivers an unacknowledged (acks_late) message after this long. The
# SQLAlchemy transport passes its options to create_engine, so none there.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600} if REDIS_URL else {}
# Periodic jobs. Apps add entries through ``core.celery.register_periodic``
# (called from their AppConfig.ready) so that the schedule lives beside the
# code it runs; this dict only holds the platform's own.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {}
# How often the sweeps run that queue again what a broker outage left behind
# (petition intake, page-feedback and dossier e-mails). The name it had when
# only petitions were swept is still read.
SWEEP_INTERVAL_SECONDS = env.int(
    "SWEEP_INTERVAL_SECONDS",
    default=env.int("FEEDBACK_SWEEP_INTERVAL_SECONDS", default=60),
)
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")

# Wagtail 8 runs its own background work (reference index, admin search index)
# through django-tasks. The immediate backend runs it in the request that
# caused it: those jobs are small, an editor sees the admin search and usage
# counts updated at once, and there is no second queue to watch. The portal's
# heavy or retried work (public search indexing, feedback intake) goes through
# Celery explicitly.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Wagtail --------------------------------------------------------------

WAGTAIL_SITE_NAME = PORTAL_NAME
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
).rstrip("/")
# Content is Vietnamese with English names in fields of their own (name_en),
# not Wagtail's per-locale page trees.
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No avatars from gravatar.com: an official's e-mail hash is not sent to a third
# party, and the admin's Content-Security-Policy names no outside host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the dashboard's upgrade check (releases.wagtail.org): versions are pinned in
# pyproject.toml, and the policy's connect-src is the site only.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["doc", "docx", "odt", "pdf", "rtf", "xls", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": f"{FRONTEND_URL}/preview"},
    "SERVE_BASE_URL": FRONTEND_URL,
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": True,
}

# --- API --------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "core.openapi.PortalAutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["core.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        # JSON objects only, then every text cleaned (core/parsers.py).
        "core.parsers.CleanJSONParser",
        "core.parsers.CleanMultiPartParser",
        "core.parsers.CleanFormParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "core.api.Pagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "core.api.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Public administration portal API",
    "DESCRIPTION": (
        "Procedure catalogue, search, petitions and satisfaction of the "
        "provincial one-stop portal. Errors are application/problem+json (RFC 9457)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["core.api.public_endpoints_only"],
    # Requests and responses get components of their own, so that a response's
    # always-present fields can be required (core/openapi.py).
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "opensearch": {"level": "WARNING"},
        "urllib3": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        # Wagtail logs every background task and page action at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # fpdf2 subsets the receipt's font: fontTools logs each table at INFO.
        "fontTools": {"level": "WARNING"},
        # django-axes logs every failed log-in at INFO; lock-outs are WARNING.
        "axes": {"level": "WARNING"},
    },
}

# --- Client addresses ------------------------------------------------------
# Rate limits, the log-in lock-out and spam screening count per client
# address (core/client_address.py). X-Forwarded-For is read only when the peer
# is one of these proxies (CIDRs, e.g. "127.0.0.1/32,10.0.0.0/8" for a local
# nginx and a load balancer's network); by default no proxy is trusted.
PORTAL_TRUSTED_PROXIES = env.list("PORTAL_TRUSTED_PROXIES", default=[])
# Shared with the SvelteKit server, which sends each citizen's address in
# X-Portal-Client-Address with this secret; empty: the header is never believed.
PORTAL_FRONTEND_SECRET = env.str("PORTAL_FRONTEND_SECRET", default="")

# Demo admin created by ``make run`` (changeable through the environment).
DEMO_ADMIN_USERNAME = env.str("PORTAL_ADMIN_USER", default="admin")
DEMO_ADMIN_PASSWORD = env.str("PORTAL_ADMIN_PASSWORD", default="")

# --- Feedback ---------------------------------------------------------------
# Petitions (PAKN), satisfaction ratings and their intake (feedback/).

# Public holidays skipped by working-day deadlines (ISO dates; weekends are
# always skipped). The default is the official schedule for 2025-2027 as
# announced or as set by the Labour Code 2019 (New Year, Tết, Hùng Kings,
# 30/4-1/5, National Day, with compensatory days); review it each year when
# the government announces the next one and override it through the env.
PUBLIC_HOLIDAYS = env.list(
    "PUBLIC_HOLIDAYS",
    default=[
        # 2025
        "2025-01-01",
        "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
        "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02",
        "2025-09-01", "2025-09-02",
        # 2026 (TB 9441/TB-BNV; docs/legal.md §2.1): 1/1 only, Mon 31/8
        # bridged to National Day and made up on Sat 22/8
        "2026-01-01",
        "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
        "2026-04-27", "2026-04-30", "2026-05-01",
        "2026-08-31", "2026-09-01", "2026-09-02",
        # 2027 (not yet published: Labour Code art. 112 dates only; review)
        "2027-01-01",
        "2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10",
        "2027-04-16", "2027-04-30", "2027-05-03",
        "2027-09-02", "2027-09-03",
    ],
)  # fmt: skip
# Predicted completion time (dossiers/prediction.py): the median and 90th
# percentile of the working days dossiers took, from those resolved in the
# PREDICTION_PERIOD_DAYS days up to yesterday; none with fewer dossiers than
# PREDICTION_MIN_DOSSIERS behind it.
PREDICTION_MIN_DOSSIERS = env.int("PREDICTION_MIN_DOSSIERS", default=20)
PREDICTION_PERIOD_DAYS = env.int("PREDICTION_PERIOD_DAYS", default=365)
# Open311 GeoReport v2 (open311/): the jurisdiction_id clients may send;
# empty: any is accepted (one portal, one jurisdiction).
OPEN311_JURISDICTION_ID = env.str("OPEN311_JURISDICTION_ID", default="")
# Alerts (alerts/): follow requests per client address. The e-mails' confirm
# and unsubscribe links are the citizens' site's (FRONTEND_URL/theo-doi/…, which
# passes Django's pages on); ALERTS_BASE_URL is where Django itself answers, the
# address of the RFC 8058 one-click List-Unsubscribe header (a mail provider's
# POST carries no Origin, which the SvelteKit server's form check refuses).
ALERTS_RATE_PER_IP = env.str("ALERTS_RATE_PER_IP", default="10/hour")
ALERTS_BASE_URL = env.str("ALERTS_BASE_URL", default=WAGTAILADMIN_BASE_URL)
# Digests and confirmations not sent after this many seconds are queued again by
# the sweep (alerts.tasks.sweep_unsent, every SWEEP_INTERVAL_SECONDS).
ALERTS_SWEEP_AFTER_SECONDS = env.int("ALERTS_SWEEP_AFTER_SECONDS", default=300)
# Confirmation e-mails one address receives a day at most (whoever asks).
ALERTS_CONFIRMATIONS_PER_ADDRESS = env.int(
    "ALERTS_CONFIRMATIONS_PER_ADDRESS", default=5
)
# The test settings write e-mails to files here when set (so that a test's
# Celery worker, another process, hands its e-mails to the test).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default="")
# Saturdays declared working days to make up for a bridged holiday.
MAKEUP_WORKING_DAYS = env.list(
    "MAKEUP_WORKING_DAYS", default=["2025-04-26", "2026-08-22"]
)

# Attachments live outside the web root (MEDIA_ROOT is never served for
# them); staff download them through the admin.
FEEDBACK_PRIVATE_ROOT = Path(
    env.str("FEEDBACK_PRIVATE_ROOT", default=str(DATA_DIR / "private" / "feedback"))
)
# Pixels an uploaded image may have (its header is read before any decoding):
# 30 million holds a 24-megapixel camera photo or an A4 page scanned at 600 dpi.
ATTACHMENT_MAX_IMAGE_PIXELS = env.int("ATTACHMENT_MAX_IMAGE_PIXELS", default=30_000_000)
FEEDBACK_MAX_ATTACHMENTS = 3
FEEDBACK_MAX_ATTACHMENT_BYTES = env.int(
    "FEEDBACK_MAX_ATTACHMENT_BYTES", default=5 * 1024 * 1024
)
# Synchronous limits (429 with Retry-After), DRF rate syntax "N/period".
FEEDBACK_RATE_PER_IP = env.str("FEEDBACK_RATE_PER_IP", default="20/hour")
FEEDBACK_RATE_PER_PHONE = env.str("FEEDBACK_RATE_PER_PHONE", default="5/day")
FEEDBACK_RATE_RATINGS_PER_IP = env.str(
    "FEEDBACK_RATE_RATINGS_PER_IP", default="120/hour"
)
# Likes and dislikes one address may add to one answer: each browser votes once
# (a signed reader id), and a script dropping its id gets a new one this often.
FEEDBACK_RATE_REACTIONS_PER_IP = env.str(
    "FEEDBACK_RATE_REACTIONS_PER_IP", default="10/day"
)
# Softer limits applied by the workers' spam screening: past them a petition
# is held for review rather than refused.
FEEDBACK_SCREEN_PER_IP_PER_HOUR = env.int("FEEDBACK_SCREEN_PER_IP_PER_HOUR", default=10)
FEEDBACK_SCREEN_PER_PHONE_PER_DAY = env.int(
    "FEEDBACK_SCREEN_PER_PHONE_PER_DAY", default=3
)
FEEDBACK_SCREEN_MAX_LINKS = env.int("FEEDBACK_SCREEN_MAX_LINKS", default=2)
FEEDBACK_SPAM_KEYWORDS = env.list(
    "FEEDBACK_SPAM_KEYWORDS",
    default=["casino", "cá cược", "cá độ", "lô đề", "vay tiền nhanh", "viagra"],
)
# Petitions the intake has not finished after this many seconds are queued
# again by the periodic sweep (a broker outage delays, never loses them).
FEEDBACK_SWEEP_AFTER_SECONDS = env.int("FEEDBACK_SWEEP_AFTER_SECONDS", default=120)
# Dotted path of the SMS sender (feedback.sms); the default only logs.
FEEDBACK_SMS_BACKEND = env.str(
    "FEEDBACK_SMS_BACKEND", default="feedback.sms.LoggingSmsSender"
)
FEEDBACK_FROM_EMAIL = env.str(
    "FEEDBACK_FROM_EMAIL", default="no-reply@dichvucong.localhost"
)
# A dossier is evaluated once; a second evaluation within this many days of
# the first replaces it (a corrected tap), later ones are refused (409).
FEEDBACK_EVALUATION_REVISE_DAYS = env.int("FEEDBACK_EVALUATION_REVISE_DAYS", default=7)
# Agency (code) that receives petitions naming neither agency nor procedure
# (else the agency flagged "đơn vị tiếp nhận mặc định", else the provincial
# centre, created: catalogue.services.default_reception_unit).
FEEDBACK_DEFAULT_AGENCY_CODE = env.str("FEEDBACK_DEFAULT_AGENCY_CODE", default="")
# Enums the OpenAPI schema would otherwise name by a hash (two "status", two
# "kind", two "level"): each gets its own name.
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "PetitionStatusEnum": "feedback.models.PetitionStatus",
        "ProcedureStatusEnum": "catalogue.models.EffectiveStatus",
        "PetitionKindEnum": "feedback.models.PetitionKind",
        "AgencyLevelEnum": "catalogue.models.LEVELS",
        # A procedure's channels and a dossier's are the same three.
        "ChannelEnum": "dossiers.models.Channel",
    }
)

# --- Dossiers -----------------------------------------------------------------
# Desk feed, public lookup, receipts and online filing (dossiers/).

# Public lookups and receipts per client IP (codes must not be enumerable).
DOSSIER_LOOKUP_RATE = env.str("DOSSIER_LOOKUP_RATE", default="30/min")
# Online filings per client IP.
DOSSIER_FILING_RATE = env.str("DOSSIER_FILING_RATE", default="10/hour")
# Procedures opened for online filing when first created by the importer (or
# by the migration that added the flag); editors own the flag afterwards.
PORTAL_ONLINE_FILING_PILOT = env.list(
    "PORTAL_ONLINE_FILING_PILOT",
    default=["1.001193", "BCT.KM.01", "2.000004"],
)
# Agency (code) receiving online dossiers when the procedure's own agency has
# no code (e.g. the province's Public Administration Centre).
DOSSIER_ONLINE_AGENCY_CODE = env.str("DOSSIER_ONLINE_AGENCY_CODE", default="")
# Working days promised for procedures that publish no processing time
# (notifications such as promotion notices: the receipt is confirmed).
DOSSIER_DEFAULT_PROCESSING_DAYS = env.int("DOSSIER_DEFAULT_PROCESSING_DAYS", default=1)
# Uploaded documents of online dossiers: outside the web root, like petitions.
DOSSIER_PRIVATE_ROOT = Path(
    env.str("DOSSIER_PRIVATE_ROOT", default=str(DATA_DIR / "private" / "dossiers"))
)
DOSSIER_MAX_FILE_BYTES = env.int("DOSSIER_MAX_FILE_BYTES", default=5 * 1024 * 1024)
DOSSIER_MAX_TOTAL_BYTES = env.int("DOSSIER_MAX_TOTAL_BYTES", default=20 * 1024 * 1024)
DOSSIER_MAX_FILES_PER_DOCUMENT = 5
DOSSIER_FROM_EMAIL = env.str("DOSSIER_FROM_EMAIL", default=FEEDBACK_FROM_EMAIL)
# Status e-mails not sent after this many seconds are queued again by the sweep.
DOSSIER_NOTIFY_SWEEP_AFTER_SECONDS = env.int(
    "DOSSIER_NOTIFY_SWEEP_AFTER_SECONDS", default=120
)
