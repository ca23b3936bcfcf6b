"""Django settings for Gongzhi, read from the environment.

Defaults are safe for production (DEBUG off, secure cookies, no default secret):
development and the demo set ``GONGZHI_ENV=dev`` (the Makefile does), which relaxes them.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
# Data directory (SQLite file, uploads, collected static files). A source checkout uses
# ./var; an installed package must be told where (GONGZHI_VAR_DIR, docs/deployment.md).
_DEFAULT_VAR = (
    PROJECT_DIR / "var" if (PROJECT_DIR / "pyproject.toml").exists() else Path("/var/lib/gongzhi")
)
VAR_DIR = Path(os.environ.get("GONGZHI_VAR_DIR", _DEFAULT_VAR))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


ENVIRONMENT = os.environ.get("GONGZHI_ENV", "production")
DEV = ENVIRONMENT in {"dev", "test"}
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEV:
        raise ImproperlyConfigured("SECRET_KEY must be set in production (GONGZHI_ENV=production).")
    SECRET_KEY = "dev-only-insecure-key-" + "x" * 40  # noqa: S105 - dev/test only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEV else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "gongzhi.core",
    "gongzhi.audit",
    "gongzhi.jurisdictions",
    "gongzhi.accounts",
    "gongzhi.registry",
    "gongzhi.contracts",
    "gongzhi.events",
    "gongzhi.decisions",
    "gongzhi.complaints",
    "gongzhi.mediation",
    "gongzhi.assessments",
    "gongzhi.credit",
    "gongzhi.funds",
    "gongzhi.fees",
    "gongzhi.disclosure",
    "gongzhi.notices",
    "gongzhi.lifecycle",
    "gongzhi.open311",
    "gongzhi.holidays",
    # new domain apps go after the others: for a msgid two apps translate, the app
    # listed first wins (Django merges the catalogues in INSTALLED_APPS order)
    "gongzhi.oversight",
    "gongzhi.dashboards",
    "gongzhi.repairs",
    "gongzhi.surveys",
    "gongzhi.privacy",
    "gongzhi.assembly",
    "gongzhi.oldprojects",
    "gongzhi.web",
    "gongzhi.demo",
    "gongzhi.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongzhi.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gongzhi.core.middleware.RequestContextMiddleware",
    "gongzhi.web.middleware.AccessMiddleware",
    "gongzhi.web.ratelimits.RateLimitMiddleware",
    "gongzhi.core.http.DomainErrorMiddleware",
]

ROOT_URLCONF = "gongzhi.urls"
WSGI_APPLICATION = "gongzhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gongzhi.web.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite embedded by default, PostgreSQL in production -----------------
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'gongzhi.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _db_name = str(DATABASES["default"].get("NAME") or "")
    if _db_name and _db_name != ":memory:":
        Path(_db_name).parent.mkdir(parents=True, exist_ok=True)
    # Persistent connections as on PostgreSQL (CONN_MAX_AGE): opening a SQLite connection
    # (the init pragmas) and closing it (a WAL checkpoint) cost more than a small request.
    # runserver closes its connections after every request anyway; docs/deployment.md §4.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA busy_timeout=5000;",
        }
    )
# Behind pgbouncer in transaction-pooling mode server-side cursors must be off.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DISABLE_SERVER_SIDE_CURSORS", False)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: limit counters and other state shared by every app server -----------------
# The database cache by default (``manage.py migrate`` creates its table, see
# gongzhi.core.apps; the abuse-limit counters get a table of their own, gongzhi.core.cache);
# CACHE_URL=redis://host:6379/1 for Redis. Never per-process memory:
# two app servers must see the same rate-limit counters (docs/deployment.md).
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES: dict[str, dict[str, object]]
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "gongzhi",
        }
    }
else:
    CACHES = {
        "default": {
            # Django's, whose clear() also empties the abuse-limit counters (core.cache)
            "BACKEND": "gongzhi.core.cache.DatabaseCache",
            "LOCATION": "gongzhi_cache",
            "KEY_PREFIX": "gongzhi",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "100000"))},
        }
    }

# --- Abuse limits (gongzhi.core.ratelimit): "COUNT/PERIOD", PERIOD in s, m, h or d -------
# Each scope counts requests in a fixed window per key (an account, an address, an Open311
# key, a user); the request after COUNT in one window gets 429 with Retry-After.
# Override one with RATE_LIMIT_<SCOPE>=COUNT/PERIOD, e.g. RATE_LIMIT_LOGIN_ADDRESS=200/15m.
_RATE_LIMIT_DEFAULTS = {
    # sign-in attempts (password or TOTP step) on one account, by username or mobile number
    "login_account": "10/15m",
    # sign-in attempts from one address (a housing estate's owners may share one NAT address)
    "login_address": "60/15m",
    # requests to /api/v1 with an unknown, expired or revoked bearer token, per address
    "api_token_address": "20/15m",
    # Open311 GeoReport requests per api_key (or per address for keyless reads)
    "open311_key": "600/1h",
    # public pages without sign-in (company credit look-up, disclosure boards), per address
    "public_address": "300/10m",
    # ballot receipt checks, per account (a receipt code is a secret to guess)
    "receipt_check": "30/10m",
    # file uploads (multipart posts carrying files), per signed-in user or address
    "upload": "120/1h",
}
GONGZHI_RATE_LIMITS = {
    scope: os.environ.get(f"RATE_LIMIT_{scope.upper()}", default)
    for scope, default in _RATE_LIMIT_DEFAULTS.items()
}
# Rate limits on/off (on in production; tests switch them off and on per test).
GONGZHI_RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", True)

# --- Personal data retention (gongzhi.core.privacy, docs/privacy.md) ------------------
# Days after which the nightly retention task (gongzhi.privacy.tasks) blanks a kind of
# personal data; override one with RETENTION_<KIND>_DAYS, e.g. RETENTION_SIGN_IN_LOG_DAYS=400.
_RETENTION_DEFAULTS = {
    "complaint_contact": 3 * 365,  # after the complaint is closed
    "repair_contact": 3 * 365,  # after the repair request was made (once finished)
    "open311_contact": 3 * 365,  # after the hotline request came in
    "fee_reminder": 2 * 365,  # after the reminder was sent
    "sign_in_log": 365,  # sign-in rows' addresses (Cybersecurity Law art. 21: >= 180)
}
GONGZHI_RETENTION_DAYS = {
    kind: int(os.environ.get(f"RETENTION_{kind.upper()}_DAYS", str(days)))
    for kind, days in _RETENTION_DEFAULTS.items()
}

# --- Accounts --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["gongzhi.accounts.backends.UsernameOrMobileBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lockout after repeated failed logins (per account).
GONGZHI_LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "5"))
GONGZHI_LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
GONGZHI_TOTP_ISSUER = os.environ.get("TOTP_ISSUER", "Gongzhi")
GONGZHI_API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))

# --- Internationalisation: Chinese by default, English available -----------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files: served by WhiteNoise, no CDN ----------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Backups (`gongzhi backup`, docs/deployment.md "Backup and restore"): where, and how many
# of the newest are kept when a backup prunes (daily backups: two weeks).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "14"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEV
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

WHITENOISE_USE_FINDERS = DEV
WHITENOISE_AUTOREFRESH = DEV

# --- Background tasks: database backend by default, RQ is configuration ---------------
TASK_BACKEND = os.environ.get("TASK_BACKEND", "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
    "rq": "django_tasks_rq.RQBackend",
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASK_BACKEND must be one of {sorted(_TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND]}}
if TASK_BACKEND == "rq":
    # pip install 'gongzhi[rq]'; run workers with:
    #   manage.py rqworker default --job-class django_tasks_rq.Job
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}

# --- E-mail and SMS -----------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEV
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongzhi@localhost")
SMS_BACKEND = os.environ.get(
    "SMS_BACKEND",
    "gongzhi.core.sms.ConsoleSmsBackend" if DEV else "gongzhi.core.sms.LogSmsBackend",
)

# FileSmsBackend's outbox (one JSON line per message)
SMS_OUTBOX = Path(os.environ.get("SMS_OUTBOX", VAR_DIR / "sms-outbox.jsonl"))

# --- Security (production defaults; dev relaxes) --------------------------------------
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEV)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEV)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEV)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEV else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEV
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): no inline script or style anywhere; pages load
# their scripts and styles from /static/, data for scripts travels in
# <script type="application/json"> blocks (json_script), which are not executed.
_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/v1/docs"],  # django-ninja's Swagger page (inline script)
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
# Browser features no page uses are switched off (gongzhi.web.security).
GONGZHI_PERMISSIONS_POLICY = (
    "camera=(self), geolocation=(), microphone=(), payment=(), usb=(), "
    "magnetometer=(), gyroscope=(), accelerometer=()"
)
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", ["security.W021"])

# Uploaded documents (scans, PDFs) and Excel imports: checked by gongzhi.core.uploads.
GONGZHI_MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_MB", "10")) * 1024 * 1024
GONGZHI_MAX_IMPORT_BYTES = int(os.environ.get("MAX_IMPORT_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Policy profile used when no node in a jurisdiction's ancestry names one.
GONGZHI_DEFAULT_PROFILE = os.environ.get("GONGZHI_DEFAULT_PROFILE", "national")
