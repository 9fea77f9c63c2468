"""Settings, read from the environment.

Every setting a deployment may change is an environment variable named like
the Django setting it feeds; the README lists them. The defaults are the
embedded set-up: SQLite, the in-memory channel layer, the offline engine.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and (VAR_DIR / "secret_key").is_file():
    # The embedded set-up's own key, made by bin/serve on first start.
    SECRET_KEY = (VAR_DIR / "secret_key").read_text().strip()
if not SECRET_KEY:
    if not DEBUG:
        # Fail fast: a production process with a guessable key signs forgeable
        # sessions. bin/serve generates and keeps a key for the embedded set-up.
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-debug-only-key"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # daphne first, so that runserver serves ASGI and websockets.
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "django_countries",
    "turbo",
    "accounts",
    "speech",
    "room",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "lib.middleware.BadRequestBodies",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it answers for log-ins it has locked out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Persistent connections leak under ASGI, where each request may run
        # in a different thread; reconnecting is cheap next to recognition.
        conn_max_age=0,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    # Rate limits must be shared by every process behind the load balancer.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "lib.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "me"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Addresses (or networks) of the proxies in front of daphne, whose
# X-Forwarded-For is believed: the client address every limit counts.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "")

# Log-in attempts (django-axes, the site's form and the admin's): failures
# allowed per account and client address together, so that nobody elsewhere
# can lock the owner out; the address is the account however it is typed.
LOGIN_ATTEMPTS = envint("LOGIN_ATTEMPTS", "10")
LOGIN_WINDOW_SECONDS = envint("LOGIN_WINDOW_SECONDS", "300")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_ATTEMPTS
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_WINDOW_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.lockout.username"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.ip_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # failures are counted; successes need no record
# Password-reset mails to one address, and reset requests from one client,
# an hour; registration attempts (each may tell whether an address has an
# account) from one client an hour.
PASSWORD_RESETS_PER_ADDRESS = envint("PASSWORD_RESETS_PER_ADDRESS", "3")
PASSWORD_RESET_REQUESTS = envint("PASSWORD_RESET_REQUESTS", "10")
REGISTER_CHECKS_PER_HOUR = envint("REGISTER_CHECKS_PER_HOUR", "30")

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
if os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = envint("EMAIL_PORT", "587")
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "true")

# Every page's own files only: no inline script or style anywhere, no other
# site's; websockets to this host ('self' covers ws: and wss: in CSP 3).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # and the one stylesheet Turbo 8.0.23 adds itself (its progress bar's,
        # fixed text): by its hash, not by allowing inline styles.
        "style-src": ["'self'", "'sha256-WAyOw4V+FqDc35lQPyRADLBWbuNK8ahvYEaQIYF1+Ps='"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The microphone for this site's own pages; nothing else a page could ask for.
PERMISSIONS_POLICY = {
    "microphone": ["self"],
    "camera": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "display-capture": [],
}
# A refused form (no or a wrong CSRF token): JSON for JSON clients.
CSRF_FAILURE_VIEW = "lib.errors.csrf_failure"

# HTTPS-only settings: off unless set, so that the site also runs over plain
# HTTP on loopback with DEBUG off. docs/deploy.md says to turn them on.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false")
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "false")
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", "false")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "false")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
if envbool("SECURE_PROXY_SSL_HEADER", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes tells of every failed log-in at INFO; its lockouts are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}

# Speech recognition. Engines: moonshine (offline, the default), sphinx
# (offline), google (sends audio to Google: needs SPEECH_ALLOW_NETWORK).
SPEECH_ENGINES = envlist("SPEECH_ENGINES", "moonshine,sphinx")
SPEECH_DEFAULT_ENGINE = os.environ.get("SPEECH_DEFAULT_ENGINE", SPEECH_ENGINES[0])
SPEECH_DEFAULT_LANGUAGE = os.environ.get("SPEECH_DEFAULT_LANGUAGE", "en")
SPEECH_ALLOW_NETWORK = envbool("SPEECH_ALLOW_NETWORK", "false")
SPEECH_WORKERS = envint("SPEECH_WORKERS", "2")
SPEECH_MAX_JOBS = envint("SPEECH_MAX_JOBS", "4")
SPEECH_MAX_UPLOAD_BYTES = envint("SPEECH_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024))
SPEECH_MAX_AUDIO_SECONDS = envint("SPEECH_MAX_AUDIO_SECONDS", "120")
SPEECH_MAX_PIECE_SECONDS = envint("SPEECH_MAX_PIECE_SECONDS", "15")
SPEECH_RATE_LIMIT = envint("SPEECH_RATE_LIMIT", "60")
SPEECH_RATE_WINDOW_SECONDS = envint("SPEECH_RATE_WINDOW_SECONDS", "60")
# What recognition costs, per client (a signed-in user, or an anonymous
# address): seconds of audio in a window, and recordings recognised at once.
SPEECH_AUDIO_WINDOW_SECONDS = envint("SPEECH_AUDIO_WINDOW_SECONDS", "600")
SPEECH_AUDIO_SECONDS = envint("SPEECH_AUDIO_SECONDS", "900")
SPEECH_ANONYMOUS_AUDIO_SECONDS = envint("SPEECH_ANONYMOUS_AUDIO_SECONDS", "180")
SPEECH_JOBS_PER_CLIENT = envint("SPEECH_JOBS_PER_CLIENT", "2")
SPEECH_ANONYMOUS_JOBS_PER_CLIENT = envint("SPEECH_ANONYMOUS_JOBS_PER_CLIENT", "1")
SPEECH_DICTATE_PASSWORDS = envbool("SPEECH_DICTATE_PASSWORDS", "false")
# WebRTC noise suppression in front of the engine (speech/denoise.py).
SPEECH_NOISE_SUPPRESSION = envbool("SPEECH_NOISE_SUPPRESSION", "true")
# Where dictated phone numbers without a country code belong (ISO 3166 code).
PHONE_REGION = os.environ.get("PHONE_REGION", "US")
if SPEECH_DEFAULT_ENGINE not in SPEECH_ENGINES:
    raise ImproperlyConfigured("SPEECH_DEFAULT_ENGINE must be one of SPEECH_ENGINES")
# A base64 `record` of the largest upload, and the form fields around it.
DATA_UPLOAD_MAX_MEMORY_SIZE = SPEECH_MAX_UPLOAD_BYTES * 4 // 3 + 64 * 1024
# Every other request's body, refused by its length before Django reads it
# (lib/asgi.py): forms here are small.
REQUEST_MAX_BYTES = envint("REQUEST_MAX_BYTES", str(1024 * 1024))

# Live transcription over /ws/.
LIVE_SESSIONS_PER_USER = envint("LIVE_SESSIONS_PER_USER", "2")
LIVE_MAX_SECONDS = envint("LIVE_MAX_SECONDS", "1800")
LIVE_MAX_FRAME_BYTES = envint("LIVE_MAX_FRAME_BYTES", "65536")
# A speech worker's answer later than this is not coming (the worker died):
# the sentence is given up and the user told. After stop, the longest the
# last sentences are awaited before the transcript is closed with what it has.
LIVE_JOB_SECONDS = envint("LIVE_JOB_SECONDS", "30")
LIVE_FINISH_SECONDS = envint("LIVE_FINISH_SECONDS", "30")
# With Redis, recognition (live sentences and dictations) runs in Channels
# workers (manage.py speechworker) that any machine can run,
# and web processes load no speech model; without, in each web process. A
# dictation not answered within DICTATION_WORKER_SECONDS is given up (503).
SPEECH_WORKER_CHANNEL = "speech-recognition"
SPEECH_USE_WORKERS = envbool("SPEECH_USE_WORKERS", "true" if REDIS_URL else "false")
DICTATION_WORKER_SECONDS = envint("DICTATION_WORKER_SECONDS", "60")

# The room.
ROOM_MAX_MESSAGE_CHARS = envint("ROOM_MAX_MESSAGE_CHARS", "2000")
ROOM_POSTS_PER_MINUTE = envint("ROOM_POSTS_PER_MINUTE", "20")
