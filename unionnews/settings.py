"""Settings for unionnews: one module, driven by environment variables.

Every value has a default that works on a developer's machine (SQLite, DEBUG
off unless asked for). Production differs only by environment values; see
README.md, "Configuration".
"""

import hashlib
import os
import re
import tempfile
from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() not in {"1", "0", "true", "false", "yes", "no"}:
        raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")
    return raw.lower() in {"1", "true", "yes"}


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    # A Chinese input method types the full-width comma.
    return [item.strip() for item in re.split("[,，]", raw) if item.strip()]


DEBUG = env_bool("DEBUG")
# The fallback key is for development only; `check --deploy` flags it.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-unionnews-development-only"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# A refused form (forged, or left open past its session) gets a Chinese page that says what to do.
CSRF_FAILURE_VIEW = "unionnews.views.csrf_failure"
# Where absolute URLs point (unionnews.siteurl); unset: the host of each request.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
if SITE_URL and not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, got {SITE_URL!r}")
SITE_NAME = os.environ.get("SITE_NAME", "工会新闻")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "taggit",
    "treebeard",
    "django_prose_editor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "unionnews.accounts",
    "unions",
    "articles",
    "articles.events",
    "articles.search",
    "articles.editorial",
    "articles.epaper",
    "articles.campaigns",
    "articles.readership",
    "articles.statistics",
    "unionnews.demo",
    "unionnews.pagecache",
]

MIDDLEWARE = [
    # First: a cached page skips everything below (README "Page cache"); it stores the
    # headers the middleware below set (CSP, HSTS, …) with the page.
    "unionnews.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise, which serves static files compressed already; HTML, feeds and sitemaps only.
    "unionnews.pagecache.middleware.TextGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "unionnews.limits.refuse_large_requests",
    "unionnews.middleware.reject_nul_bytes",
    "unionnews.outages.database_time_limits",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth and messages: ends idle admin sessions, asks for the second step of a
    # two-factor login, then sends a staff user whose password is too old to the
    # password-change page.
    "unionnews.accounts.middleware.end_idle_sessions",
    "unionnews.accounts.twofactor.middleware.require_two_factor",
    "unionnews.accounts.middleware.require_password_change",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the login view's answer and turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "unionnews.urls"
WSGI_APPLICATION = "unionnews.wsgi.application"

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
                "unionnews.context_processors.site",
                "unionnews.context_processors.csp_nonce",
            ],
            "libraries": {"csp": "unionnews.templatetags.csp"},
        },
    },
]

DATABASES = {
    # An empty DATABASE_URL means the default, as an unset one does.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. A deferred transaction that reads and
    # then writes cannot wait for the lock (two reviewers at once: "database is
    # locked"), so every transaction takes the write lock when it begins and
    # waits up to `timeout` seconds for it. WAL lets readers run during a write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
    # The sitemap index's index carries revised_at as a non-key column on PostgreSQL;
    # SQLite has no such columns and uses it as a plain partial index, which Django 6
    # warns about (models.W040) although that is the intent.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL with per-request time limits (unionnews/db/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "unionnews.db.postgresql"
    # A reader's page asks for a few rows along an index: starting parallel workers costs
    # more (about 10 ms) than the scan, and under load the other requests need the cores.
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5),
        "options": f"-c max_parallel_workers_per_gather={env_int('DATABASE_PARALLEL_WORKERS', 0)}",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "unionnews",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "unionnews.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {
        "NAME": "unionnews.accounts.passwords.CharacterKindsValidator",
        "OPTIONS": {"min_kinds": env_int("PASSWORD_MIN_KINDS", 2)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a check: Django calls it whenever a password is set and saved, to note when.
    {"NAME": "unionnews.accounts.passwords.RecordPasswordAge"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# A path through this site's proxy, or a media domain/CDN (README "Object storage (S3)").
MEDIA_URL = os.environ.get("MEDIA_URL") or "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Lets gunicorn serve uploads in a single-container deployment (docker compose);
# behind a web server that serves MEDIA_ROOT itself, leave it off.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "unionnews.media.CleanFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: Django keeps large files on disk while it reads them; these bound
# what a single request may send.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 15 * 1024 * 1024)
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_PIXELS", 40_000_000)

# 三审三校: nobody approves their own story or two stages of one story. A desk
# too small for three different reviewers may relax this.
WORKFLOW_ONE_PERSON_MAY_REVIEW_TWICE = env_bool("WORKFLOW_ONE_PERSON_MAY_REVIEW_TWICE")

# Deleted stories wait this many days in the trash (回收站), where 总编 may
# restore them, before `manage.py purge_trash` deletes them for good.
TRASH_DAYS = env_int("TRASH_DAYS", 30)
if TRASH_DAYS < 0:
    raise ImproperlyConfigured(f"TRASH_DAYS must be 0 or more, got {TRASH_DAYS}")

# django-taggit: 学习贯彻，工会、工BA is three tags, and 工BA is 工ba.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "articles.tagging.parse_tags"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)

# Outages (unionnews/outages.py): a database that is down, hung or too slow gives
# readers a 503 "稍后再试" with Retry-After within seconds, and the site recovers
# by itself. Each web request's statements end after these many seconds (0: no
# limit); the admin's bulk actions get longer. Management commands have none.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5)
DATABASE_READER_TIMEOUT = env_int("DATABASE_READER_TIMEOUT", 10)
DATABASE_ADMIN_TIMEOUT = env_int("DATABASE_ADMIN_TIMEOUT", 60)
# A server that does not answer at all is given up this many seconds after the limit.
DATABASE_HANG_GRACE = env_int("DATABASE_HANG_GRACE", 2)

# Request limits and the reverse proxy (README.md, "Limits and the reverse proxy").
# A request announcing a larger body is refused with 413 before it is read
# (unionnews.limits). The default fits one save of the story form carrying six
# photos of the largest allowed size plus its text; deploy/nginx/site.conf's
# client_max_body_size must say the same. DATA_UPLOAD_MAX_MEMORY_SIZE (above)
# bounds the form fields apart from files; a roundup story covering all 91
# county unions posts over 1,000 fields, so their number is capped higher.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 6 * PHOTO_MAX_BYTES + 5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 4000)

# Two-factor login (django-otp): staff in these roles (group names, e.g. "总编,管理员";
# superusers count as 管理员) must set up an authenticator app before they can use
# the admin. Empty (the default): optional for everyone. README.md, "Two-factor login".
REQUIRE_2FA_ROLES = env_list("REQUIRE_2FA_ROLES", [])
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER") or SITE_NAME
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Uploads and media (unionnews/media.py). MEDIA_ROOT is public: it holds only
# what readers may fetch (photo renditions). Photo originals go to the
# "originals" storage at PRIVATE_MEDIA_ROOT, which no URL serves; editors
# download them through the admin. When the app serves media itself
# (SERVE_MEDIA), it serves only these folders of MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES["originals"] = {"BACKEND": "unionnews.media.PrivateFileSystemStorage"}
MEDIA_PUBLIC_PREFIXES = env_list("MEDIA_PUBLIC_PREFIXES", ["photos/renditions/", "photos/display/", "photos/thumb/"])

# Logins and sessions (等保 2.0): failed-login limits (django-axes, database handler),
# the client address behind a trusted proxy, password age, idle admin sessions.
# TRUSTED_PROXIES: addresses or networks (CIDR) of reverse proxies whose
# X-Forwarded-For is believed; empty means every request's REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or network") from None
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
if LOGIN_FAILURE_LIMIT < 1 or LOGIN_LOCKOUT_MINUTES < 1:
    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT and LOGIN_LOCKOUT_MINUTES must be 1 or more")
AUTHENTICATION_BACKENDS = [
    "unionnews.accounts.lockout.LoginLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
# Counted separately: failures for one account from anywhere, and from one address for any account.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A refused try while locked does not push the end of the lockout further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Not reset by a successful login: that would let anyone with an account clear the count
# of their address (and of every account tried from it) between guesses.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "unionnews.accounts.addresses.client_ip"
AXES_LOCKOUT_CALLABLE = "unionnews.accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = False  # unionnews.accounts.admin registers a Chinese one with 解除锁定
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit log already
# 0 = passwords do not expire; otherwise staff must change a password older than this.
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 0)
ADMIN_IDLE_MINUTES = env_int("ADMIN_IDLE_MINUTES", 30)  # 0 = no idle limit
if ADMIN_IDLE_MINUTES < 0:
    raise ImproperlyConfigured(f"ADMIN_IDLE_MINUTES must be 0 or more, got {ADMIN_IDLE_MINUTES}")
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)


# Security headers (README "Security → Headers"). One policy on Django 5.2 and
# 6.x, sent by django-csp. No inline script or style: a tag that must be inline
# (the rich-text editor's import map) carries the request's nonce; the one
# <style> the editor (tiptap) injects itself is allowed by its hash.
def origin_of(url):
    """["https://media.example.org"] for an absolute URL, [] for a path on this site."""
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


CSP_TIPTAP_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE, CSP_TIPTAP_STYLE],
        # Photos: MEDIA_URL may point at another origin (a CDN or object storage).
        "img-src": [SELF, *origin_of(MEDIA_URL)],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
PERMISSIONS_POLICY = {
    feature: [] for feature in ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]
}

# Sitemaps (unionnews.sitemaps): at most this many URLs per file (the protocol allows
# 50,000; 10,000 keeps each file quick to build); the Google News sitemap lists the
# stories of the last SITEMAP_NEWS_HOURS hours, in SITEMAP_NEWS_LANGUAGE (Google's code
# for Simplified Chinese is zh-cn).
SITEMAP_URLS_PER_FILE = env_int("SITEMAP_URLS_PER_FILE", 10_000)
SITEMAP_NEWS_HOURS = 48
SITEMAP_NEWS_LANGUAGE = "zh-cn"

# /healthz (unionnews/health.py) answers over plain HTTP too: a load balancer checks
# the app directly, and a redirect to HTTPS would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


# Page cache (unionnews/pagecache, README "Page cache"): anonymous GET/HEAD of every
# public page, never stale. Pages live in each process (up to PAGE_CACHE_LOCAL_BYTES)
# and, with REDIS_URL, in Redis for every worker and host. PAGE_CACHE_SECONDS bounds a
# page's age only as a safety net (a change is shown at once, by the generation).
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_LOCAL_BYTES = env_int("PAGE_CACHE_LOCAL_BYTES", 64 * 1024 * 1024)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
if PAGE_CACHE_LOCAL_BYTES < 0 or PAGE_CACHE_SECONDS < 1:
    raise ImproperlyConfigured("PAGE_CACHE_LOCAL_BYTES must be 0 or more and PAGE_CACHE_SECONDS 1 or more")
# Without REDIS_URL: the file whose changes tell a host's workers (and management
# commands) that pages changed; one file for all of them. By default one per database,
# in the temporary folder.
_database_id = repr([DATABASES["default"].get(key) for key in ("NAME", "HOST", "PORT")])
PAGE_CACHE_GENERATION_FILE = Path(
    os.environ.get("PAGE_CACHE_GENERATION_FILE")
    or Path(tempfile.gettempdir()) / f"unionnews-pages-{hashlib.sha256(_database_id.encode()).hexdigest()[:16]}"
)

# Site icons (issue 12): browsers and crawlers ask for /favicon.ico at the root whatever
# the page links to; whitenoise serves the files of static/root/ there (nginx passes
# every path but /static/ and /media/ to the app). The other icons and the web app
# manifest are ordinary static files, linked from templates/base.html.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"

# Photos (issue 16): camera originals wider or taller than this many pixels are
# scaled down on upload (turned upright first), so a 24-megapixel JPEG is kept at
# 4000 pixels on its long edge; 0 keeps every original as sent.
PHOTO_MAX_EDGE = env_int("PHOTO_MAX_EDGE", 4000)
if PHOTO_MAX_EDGE < 0:
    raise ImproperlyConfigured(f"PHOTO_MAX_EDGE must be 0 or more, got {PHOTO_MAX_EDGE}")
# A valid photo chosen in a story form that could not be saved waits in the originals
# storage's photos/staging/ (named by a signed token in the re-shown form) for the next
# save; after this many hours the token expires and cleanup_media removes the file.
PHOTO_STAGING_HOURS = env_int("PHOTO_STAGING_HOURS", 24)
if PHOTO_STAGING_HOURS < 1:
    raise ImproperlyConfigured(f"PHOTO_STAGING_HOURS must be 1 or more, got {PHOTO_STAGING_HOURS}")

# The editor in Chinese (issue 16): Chinese for the rich-text editor's dialogs, which
# django-prose-editor asks for through gettext (the admin's jsi18n catalog reads these).
LOCALE_PATHS = [BASE_DIR / "locale"]

# 数字报 for readers (issue 13): the page images and PDFs under MEDIA_ROOT/epaper/ are
# public like photo renditions, so the app serves them too when it serves media itself.
if "MEDIA_PUBLIC_PREFIXES" not in os.environ:
    MEDIA_PUBLIC_PREFIXES = [*MEDIA_PUBLIC_PREFIXES, "epaper/"]

# 数字报 engine (issue 13, articles/epaper): the largest page PDF an upload or
# import_epaper takes (a page from a layout system is a few MB; 60 MB leaves room for
# high-resolution photos). (MEDIA_PUBLIC_PREFIXES gains epaper/ in the readers' block.)
EPAPER_MAX_BYTES = env_int("EPAPER_MAX_BYTES", 60 * 1024 * 1024)
if EPAPER_MAX_BYTES < 1024 * 1024:
    raise ImproperlyConfigured(f"EPAPER_MAX_BYTES must be at least 1 MB, got {EPAPER_MAX_BYTES}")

# 专题 (issue 14): campaign banners under MEDIA_ROOT/campaigns/ are public like photo
# renditions, so the app serves them too when it serves media itself.
if "MEDIA_PUBLIC_PREFIXES" not in os.environ:
    MEDIA_PUBLIC_PREFIXES = [*MEDIA_PUBLIC_PREFIXES, "campaigns/"]

# 阅读量 (issue 14, articles.readership; README "阅读量"): a view is counted once per reader
# (address and browser, hashed, kept in the cache only) and story per READERSHIP_VISITOR_MINUTES;
# browsers sending Do-Not-Track or Sec-GPC are not counted unless READERSHIP_RESPECT_DNT is off.
# The home page's 热门 lists the READERSHIP_POPULAR_COUNT most-read stories of the last
# READERSHIP_POPULAR_DAYS days, worked out at most every READERSHIP_POPULAR_SECONDS, which is
# also how long the home page is kept in the page cache. With a Redis cache, views wait in it
# until `manage.py flush_views` (cron) writes them to the database.
READERSHIP_CACHE = "default"
READERSHIP_VISITOR_MINUTES = env_int("READERSHIP_VISITOR_MINUTES", 30)
READERSHIP_RESPECT_DNT = env_bool("READERSHIP_RESPECT_DNT", True)
READERSHIP_POPULAR_DAYS = env_int("READERSHIP_POPULAR_DAYS", 7)
READERSHIP_POPULAR_COUNT = env_int("READERSHIP_POPULAR_COUNT", 5)
READERSHIP_POPULAR_SECONDS = env_int("READERSHIP_POPULAR_SECONDS", 300)
if min(READERSHIP_VISITOR_MINUTES, READERSHIP_POPULAR_DAYS, READERSHIP_POPULAR_COUNT, READERSHIP_POPULAR_SECONDS) < 1:
    raise ImproperlyConfigured(
        "READERSHIP_VISITOR_MINUTES, _POPULAR_DAYS, _POPULAR_COUNT and _POPULAR_SECONDS must be 1 or more"
    )

# Read replica (issue 15, unionnews/db/replica.py; README "Read replica"): with
# DATABASE_REPLICA_URL, anonymous readers' pages read a PostgreSQL streaming replica,
# built like "default". Editors, writes, migrations and commands use the primary; a
# browser whose request wrote reads the primary for REPLICA_PIN_SECONDS. A replica more
# than REPLICA_MAX_LAG_SECONDS behind, or down, is skipped: readers read the primary. Its
# state is asked every REPLICA_CHECK_SECONDS per process, REPLICA_RETRY_SECONDS when down.
REPLICA_MAX_LAG_SECONDS = env_int("REPLICA_MAX_LAG_SECONDS", 5)
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 15)
REPLICA_CHECK_SECONDS = env_int("REPLICA_CHECK_SECONDS", 2)
REPLICA_RETRY_SECONDS = env_int("REPLICA_RETRY_SECONDS", 5)
if min(REPLICA_MAX_LAG_SECONDS, REPLICA_PIN_SECONDS, REPLICA_CHECK_SECONDS, REPLICA_RETRY_SECONDS) < 0:
    raise ImproperlyConfigured(
        "REPLICA_MAX_LAG_SECONDS, _PIN_SECONDS, _CHECK_SECONDS and _RETRY_SECONDS must be 0 or more"
    )
# Just after AuthenticationMiddleware: it reads request.user (without a query for a visitor
# with no session cookie). Does nothing when there is no replica.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "unionnews.db.replica.choose_database",
)
if os.environ.get("DATABASE_REPLICA_URL"):
    _primary = DATABASES["default"]
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=_primary["CONN_MAX_AGE"], conn_health_checks=True
    )
    if (
        DATABASES["replica"]["ENGINE"] != "django.db.backends.postgresql"
        or _primary["ENGINE"] != "unionnews.db.postgresql"
    ):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs PostgreSQL for both DATABASE_URL and the replica")
    DATABASES["replica"]["ENGINE"] = _primary["ENGINE"]
    # A replica that does not answer is given up sooner than the primary: readers have the primary.
    DATABASES["replica"]["OPTIONS"] = {
        **_primary["OPTIONS"],
        "connect_timeout": env_int("REPLICA_CONNECT_TIMEOUT", 2),
        **DATABASES["replica"].get("OPTIONS", {}),
    }
    # Tests run against one database: the replica mirrors it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["unionnews.db.replica.ReplicaRouter"]

# CDN purge (issue 15, unionnews/pagecache/cdn.py; README "CDN purge"): with CDN_PURGE_URL,
# publishing, editing a live story or withdrawing one POSTs {"urls": [...]} there after the
# commit (Authorization: Bearer CDN_PURGE_TOKEN when set), from a background thread, up to
# CDN_PURGE_TRIES times, waiting CDN_PURGE_BACKOFF seconds and doubling between tries.
CDN_PURGE_URL = os.environ.get("CDN_PURGE_URL", "")
CDN_PURGE_TOKEN = os.environ.get("CDN_PURGE_TOKEN", "")
CDN_PURGE_TRIES = env_int("CDN_PURGE_TRIES", 3)
CDN_PURGE_BACKOFF = env_int("CDN_PURGE_BACKOFF", 2)
if CDN_PURGE_URL and not CDN_PURGE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"CDN_PURGE_URL must start with http:// or https://, got {CDN_PURGE_URL!r}")
if CDN_PURGE_TRIES < 1 or CDN_PURGE_BACKOFF < 0:
    raise ImproperlyConfigured("CDN_PURGE_TRIES must be 1 or more and CDN_PURGE_BACKOFF 0 or more")

# Object storage (issue 15, README "Object storage (S3)"): with AWS_STORAGE_BUCKET_NAME set,
# uploads, renditions, e-paper pages and banners go to that S3 bucket (django-storages),
# served at MEDIA_URL + key (through the proxy, or a media domain); photo originals go to
# AWS_PRIVATE_BUCKET_NAME, or when it is unset under "private/" of the same bucket, which
# neither the proxy nor the bucket's public-read policy may expose. Unset: local disk.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_PRIVATE_BUCKET_NAME = os.environ.get("AWS_PRIVATE_BUCKET_NAME", "")
if not MEDIA_URL.endswith("/"):
    raise ImproperlyConfigured(f"MEDIA_URL must end with a slash, got {MEDIA_URL!r}")
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config

    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or "us-east-1"
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    # Path-style (endpoint/bucket/key) works on every S3-compatible store; AWS also takes "virtual".
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or "path"
    # A store that does not answer holds a web request for seconds, not minutes.
    AWS_S3_CLIENT_CONFIG = Config(
        connect_timeout=env_int("AWS_S3_CONNECT_TIMEOUT", 5),
        read_timeout=env_int("AWS_S3_READ_TIMEOUT", 30),
        retries={"mode": "standard", "max_attempts": 3},
        signature_version="s3v4",
        s3={"addressing_style": AWS_S3_ADDRESSING_STYLE},
    )
    STORAGES["default"] = {"BACKEND": "unionnews.media.CleanS3Storage"}
    STORAGES["originals"] = {
        "BACKEND": "unionnews.media.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": AWS_PRIVATE_BUCKET_NAME or AWS_STORAGE_BUCKET_NAME,
            "location": "" if AWS_PRIVATE_BUCKET_NAME else "private",
        },
    }
