"""Settings, all from FAZHI_* environment variables (see README)."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap as xstatic_bootstrap
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"环境变量 {name} 应为整数，现为「{raw}」。") from None


DEBUG = env_bool("FAZHI_DEBUG", False)
# No built-in key (docs/decisions/0017): without FAZHI_SECRET_KEY, commands and tests get a random key for this process
# only, and the serving entry point (wsgi.py) refuses to start; see require_real_secret_key().
SECRET_KEY_FROM_ENV = os.environ.get("FAZHI_SECRET_KEY", "")
SECRET_KEY = SECRET_KEY_FROM_ENV or secrets.token_urlsafe(50)
MIN_SECRET_KEY_LENGTH = 50


def require_real_secret_key() -> None:
    """Refuse to serve without a real key: set, at least 50 characters, not one character repeated (DEBUG or not)."""
    if not SECRET_KEY_FROM_ENV:
        raise ImproperlyConfigured(
            "未设置环境变量 FAZHI_SECRET_KEY，拒绝启动。请设置一个至少 50 个字符的随机密钥，"
            "例如：python3 -c 'import secrets; print(secrets.token_urlsafe(50))'。"
        )
    if len(SECRET_KEY_FROM_ENV) < MIN_SECRET_KEY_LENGTH or len(set(SECRET_KEY_FROM_ENV)) < 5:
        raise ImproperlyConfigured(
            f"FAZHI_SECRET_KEY 太弱（{len(SECRET_KEY_FROM_ENV)} 个字符），拒绝启动：至少需要 {MIN_SECRET_KEY_LENGTH} 个字符，"
            "且不能由少数几个字符重复组成。"
        )


def env_date(name: str):
    """An ISO date (YYYY-MM-DD) from the environment, or None when unset."""
    from datetime import date

    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(f"环境变量 {name} 应为日期（YYYY-MM-DD），现为「{raw}」。") from None


# The demo's fixed date (fazhi.core.clock, docs/decisions/0055): every "today" of the application. A served site
# refuses it unless the database holds the demo or DEBUG is on (fazhi.demo.guard, called from wsgi.py).
FAZHI_TODAY = env_date("FAZHI_TODAY")


ALLOWED_HOSTS = [h.strip() for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "ninja",  # serves the API docs' Swagger UI from our static files, not from a CDN
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "django_tasks.backends.database",
    "fazhi.core",
    "fazhi.audit",
    "fazhi.org",
    "fazhi.accounts",
    "fazhi.law",
    "fazhi.enforcement",
    "fazhi.review",
    "fazhi.counsel",
    "fazhi.publicity",
    "fazhi.disclosure",
    "fazhi.learning",
    "fazhi.inspection",
    "fazhi.mediation",
    "fazhi.normative",
    "fazhi.decisions",
    "fazhi.annual",
    "fazhi.exchange",
    "fazhi.supervision",
    "fazhi.clock",
    "fazhi.workbench",
    "fazhi.portal",
    "fazhi.jobs",
    "fazhi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.core.middleware.StorageUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fazhi.core.validation.InputGuardMiddleware",  # a NUL anywhere is 400; an escaped InvalidInput is 400
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fazhi.accounts.middleware.SessionLimitsMiddleware",
    "fazhi.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fazhi.jobs.replica.ReplicaMiddleware",  # marks read-only views for the replica; a no-op without one (0072)
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: it turns a lockout into the lockout page
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

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
                "fazhi.core.context_processors.demo_date",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("FAZHI_DATABASE_URL", f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue on the IMMEDIATE lock instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# Read replica (docs/decisions/0072): with FAZHI_DATABASE_REPLICA_URL set, a `replica` alias, a router that sends the
# reads of the read-only pages there (fazhi.jobs.replica) and never a write. Unset: one database, nothing routed.
FAZHI_DATABASE_REPLICA_URL = os.environ.get("FAZHI_DATABASE_REPLICA_URL", "").strip()
# Seconds a browser that just wrote reads from the primary (read-your-writes across the redirect after a form).
FAZHI_REPLICA_PIN_SECONDS = env_int("FAZHI_REPLICA_PIN_SECONDS", 10)
if FAZHI_DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(FAZHI_DATABASE_REPLICA_URL, conn_max_age=60)
    # Tests run the replica as a mirror of the test database: no second test database is created.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["fazhi.jobs.replica.ReplicaRouter"]
_replica_views = os.environ.get("FAZHI_REPLICA_VIEWS", "").strip()
FAZHI_REPLICA_VIEWS = [v.strip() for v in _replica_views.split(",") if v.strip()] if _replica_views else None

# Background tasks (docs/decisions/0073): django-tasks' database backend, worked by `fazhi db_worker`; the sweeps are
# enqueued by `fazhi schedule` (docs/decisions/0069). FAZHI_TASKS_IMMEDIATE=1 runs every task at once, in-process.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env_bool("FAZHI_TASKS_IMMEDIATE", False)
        else "django_tasks.backends.database.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or address before the password check
    "django.contrib.auth.backends.ModelBackend",
]

# Passwords (等保 2.0 身份鉴别): Django's four validators, with Chinese messages.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "fazhi.accounts.passwords.MinimumLengthValidator",  # Django's, with a Chinese message
        "OPTIONS": {"min_length": env_int("FAZHI_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule: its password_changed() puts every password change on the chain and revokes the user's API tokens.
    {"NAME": "fazhi.accounts.passwords.PasswordChangeHook"},
]

# Login failures (django-axes): an account is locked after FAZHI_LOGIN_FAILURE_LIMIT failures, an address after
# FAZHI_LOGIN_FAILURE_LIMIT_PER_ADDRESS (higher: a town office shares one address), for FAZHI_LOGIN_LOCKOUT_MINUTES
# after the last failure. `fazhi unlock` or the admin's 登录失败记录 page lifts a lockout early.
FAZHI_LOGIN_FAILURE_LIMIT = env_int("FAZHI_LOGIN_FAILURE_LIMIT", 5)
FAZHI_LOGIN_FAILURE_LIMIT_PER_ADDRESS = env_int("FAZHI_LOGIN_FAILURE_LIMIT_PER_ADDRESS", 20)
AXES_FAILURE_LIMIT = FAZHI_LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("FAZHI_LOGIN_LOCKOUT_MINUTES", 30))
AXES_RESET_ON_SUCCESS = False  # LockoutHandler clears only the account's own failures on success
AXES_HANDLER = "fazhi.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "fazhi.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # successful logins are on the audit chain
AXES_ENABLE_ADMIN = False  # fazhi.accounts.admin shows the failures in Chinese, with an unlock action
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
# Behind a reverse proxy: the header that carries the client's address (e.g. X-Forwarded-For), and how many proxies.
# One reading of it (fazhi.core.client) serves the login lockout and the public forms' rate limit alike.
FAZHI_CLIENT_IP_HEADER = (
    "HTTP_" + os.environ["FAZHI_CLIENT_IP_HEADER"].strip().upper().replace("-", "_")
    if os.environ.get("FAZHI_CLIENT_IP_HEADER", "").strip()
    else ""
)
FAZHI_PROXY_COUNT = env_int("FAZHI_PROXY_COUNT", 1)
AXES_CLIENT_IP_CALLABLE = "fazhi.core.client.client_address"

# API tokens (fazhi.accounts): default lifetime in days when the issuer picks none (at most 365).
FAZHI_API_TOKEN_DAYS = env_int("FAZHI_API_TOKEN_DAYS", 90)

# Second factor (django-otp): required for administrators and supervisors; see fazhi.accounts.second_factor.
OTP_TOTP_ISSUER = "法治平台"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Sessions: closed after FAZHI_SESSION_IDLE_MINUTES without a request and FAZHI_SESSION_MAX_HOURS after login
# (fazhi.accounts.middleware.SessionLimitsMiddleware), and when the browser closes.
FAZHI_SESSION_IDLE_MINUTES = env_int("FAZHI_SESSION_IDLE_MINUTES", 30)
FAZHI_SESSION_MAX_HOURS = env_int("FAZHI_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = FAZHI_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# HTTPS (FAZHI_SECURE_COOKIES=1 when the site is served over HTTPS, directly or behind a proxy that says so in
# FAZHI_PROXY_SSL_HEADER, e.g. "X-Forwarded-Proto" or "X-Forwarded-Proto: https").
FAZHI_SECURE_COOKIES = env_bool("FAZHI_SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = FAZHI_SECURE_COOKIES
SECURE_SSL_REDIRECT = FAZHI_SECURE_COOKIES
SECURE_HSTS_SECONDS = env_int("FAZHI_HSTS_SECONDS", 31536000) if FAZHI_SECURE_COOKIES else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = bool(SECURE_HSTS_SECONDS)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if os.environ.get("FAZHI_PROXY_SSL_HEADER", "").strip():
    _header, _, _value = os.environ["FAZHI_PROXY_SSL_HEADER"].partition(":")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _header.strip().upper().replace("-", "_"), _value.strip() or "https")
CSRF_FAILURE_VIEW = "fazhi.core.error_pages.csrf_failure"
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("FAZHI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# Content Security Policy (django-csp): only this site's own scripts, styles and images; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap's CSS draws its form icons as data: SVG images.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "zh-hans"
# Chinese only: the browser's Accept-Language must not switch dates and admin to English.
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise looks for this folder at start-up; collectstatic fills it (make demo).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", xstatic_bootstrap.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Not the manifest variant: pages must render in tests and management commands without collectstatic.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("FAZHI_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Data exchange (fazhi.exchange, docs/exchange.md): where `fazhi exchange_push` sends the outbox, and the API token the
# upstream issued to this instance's sender account.
FAZHI_EXCHANGE_URL = os.environ.get("FAZHI_EXCHANGE_URL", "").strip()
FAZHI_EXCHANGE_TOKEN = os.environ.get("FAZHI_EXCHANGE_TOKEN", "").strip()
