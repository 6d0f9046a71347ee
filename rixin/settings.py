"""Rixin settings.

Everything that differs between a laptop and a county's server is read from the
environment through the small typed helpers below. With no environment at all
Rixin runs in debug mode on an embedded SQLite database under ``var/``.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "1")
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "rixin-development-only-not-for-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
VAR_DIR = Path(os.getenv("RIXIN_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_filters",
    "axes",
    "csp",
    "rixin.regions",
    "rixin.accounts",
    "rixin.audit",
    "rixin.directory",
    "rixin.spreadsheets",
    "rixin.parks",
    "rixin.projects",
    "rixin.maps",
    "rixin.investment",
    "rixin.indicators",
    "rixin.appeals",
    "rixin.approvals",
    "rixin.cockpit",
    "rixin.reports",
    "rixin.workcalendar",
    "rixin.funds",
    "rixin.innovation",
    "rixin.notices",
    "rixin.jobs",
    "rixin.todo",
    "rixin.figurecache",
    "rixin.search",
    "rixin.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rixin.audit.context.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "rixin.accounts.middleware.LoginRequiredMiddleware",
    "rixin.api.InputCheckMiddleware",
    "rixin.accounts.middleware.IdleTimeoutMiddleware",
    "rixin.accounts.middleware.PasswordChangeRequiredMiddleware",
    "rixin.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rixin.urls"
WSGI_APPLICATION = "rixin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "rixin" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rixin.navigation.navigation",
            ],
            "builtins": ["rixin.templatetags.rixin"],
        },
    }
]

# SQLite (WAL, see rixin.regions.apps) unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rixin.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


# The cache (Django's cache framework): a table of the database by default (created by
# ``migrate``), Redis or memcached when RIXIN_CACHE_URL names one: redis://host:6379/0 (Django's
# own backend; needs the redis package), memcached://host:11211 (needs pymemcache), locmem://,
# dummy://. The cockpit's and the comparison views' figures are cached in it for
# RIXIN_FIGURE_CACHE_SECONDS under their data version (rixin.figurecache); 0 turns that off.
def cache_from_url(url: str) -> dict:
    scheme, _sep, rest = url.partition("://")
    if scheme in {"redis", "rediss", "unix"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme in {"memcached", "pymemcache"}:
        return {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": rest}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme in {"", "db"}:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest or "rixin_cache",
            "OPTIONS": {"MAX_ENTRIES": envint("RIXIN_CACHE_MAX_ENTRIES", "20000")},
        }
    raise RuntimeError(f"RIXIN_CACHE_URL: unknown cache {scheme!r}")


CACHES = {"default": {**cache_from_url(os.getenv("RIXIN_CACHE_URL", "")), "KEY_PREFIX": "rixin"}}
RIXIN_FIGURE_CACHE_SECONDS = envint("RIXIN_FIGURE_CACHE_SECONDS", "3600")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rixin.accounts.backends.RefuseSystemActor",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "rixin.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login hardening. The numbers are defaults: the security administrator's policy overrides them.
AXES_FAILURE_LIMIT = "rixin.accounts.policy.failure_limit"
AXES_COOLOFF_TIME = "rixin.accounts.policy.cooloff_time"
# Lock the account, not the address: a county office sits behind one NAT address, and
# locking it would shut out every colleague because of one mistyped password.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "rixin.accounts.views.locked_out"
AXES_VERBOSE = False
RIXIN_DEFAULT_FAILURE_LIMIT = envint("RIXIN_FAILURE_LIMIT", "5")
RIXIN_DEFAULT_LOCKOUT_MINUTES = envint("RIXIN_LOCKOUT_MINUTES", "30")
RIXIN_DEFAULT_IDLE_MINUTES = envint("RIXIN_IDLE_MINUTES", "30")
# The address people open Rixin at, for links sent outside it (the marking link by SMS).
RIXIN_PUBLIC_URL = os.getenv("RIXIN_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

SESSION_COOKIE_AGE = 12 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "1")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "1")

# Content-Security-Policy (django-csp): scripts only from Rixin itself (the vendored HTMX,
# Bootstrap and ECharts, rixin/static) and the inline chart scripts that carry the request's
# nonce; no inline event handlers, no eval. ``json_script`` data is not script. Inline styles
# stay allowed: ECharts and Bootstrap set them, and a style cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "rixin" / "locale"]
# Selects say 请选择 / 全部 for their empty choice (rixin.forms.Renderer).
FORM_RENDERER = "rixin.forms.Renderer"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "rixin" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
RIXIN_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# What an imported workbook may hold, checked before it is parsed (zip bombs, huge files).
RIXIN_IMPORT_MAX_UNZIPPED_BYTES = envint("RIXIN_IMPORT_MAX_UNZIPPED_BYTES", str(25 * 1024 * 1024))
RIXIN_IMPORT_MAX_MEMBERS = envint("RIXIN_IMPORT_MAX_MEMBERS", "200")
RIXIN_IMPORT_MAX_ROWS = envint("RIXIN_IMPORT_MAX_ROWS", "20000")
RIXIN_IMPORT_MAX_CELL_CHARS = envint("RIXIN_IMPORT_MAX_CELL_CHARS", "5000")
# A file of more rows is confirmed in the background by the worker (``manage.py work``).
RIXIN_IMPORT_BACKGROUND_ROWS = envint("RIXIN_IMPORT_BACKGROUND_ROWS", "2000")
# …and its progress is recorded after every this many rows written.
RIXIN_IMPORT_PROGRESS_ROWS = envint("RIXIN_IMPORT_PROGRESS_ROWS", "500")
# Background jobs' result files and live progress, outside MEDIA_ROOT (see rixin/jobs/files.py).
RIXIN_JOBS_DIR = Path(os.getenv("RIXIN_JOBS_DIR", VAR_DIR / "jobs"))
# Digits a number may have where the importer names no model field.
RIXIN_IMPORT_MAX_DIGITS = envint("RIXIN_IMPORT_MAX_DIGITS", "16")
RIXIN_BACKUP_DIR = Path(os.getenv("RIXIN_BACKUP_DIR", VAR_DIR / "backups"))
RIXIN_AUDIT_MIN_RETENTION_DAYS = 180
RIXIN_OC4IDS_PREFIX = os.getenv("RIXIN_OC4IDS_PREFIX", "oc4ids-rixin-")

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_CLASS = "rixin.pagination.BoundedLimitOffsetPagination"
