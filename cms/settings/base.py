"""Settings shared by every environment. Site-specific values come from the environment.

The environment is read here and in the other settings modules only, each variable once,
with its default beside it (docs/operators.md and docs/deploy.md list them); the rest of
the code reads django.conf.settings.
"""

from pathlib import Path

from environs import Env

from cms import languages
from media.storage import configure_storages

# The one reader of the environment. environs rather than django-environ: django-environ
# takes any value that starts with "$" for the name of another variable to read instead
# (Django's own secret-key generator uses "$", and so may a password), and reads a
# mistyped flag as off; environs expands nothing unless asked, and a value it cannot
# read ("KEPU_SSL_REDIRECT=yes please") stops the start with the variable's name.
env = Env(expand_vars=False)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = env.path("KEPU_VAR_DIR", BASE_DIR / "var")


def env_list(name, default=""):
    """A comma-separated variable as a list, spaces and empty items dropped."""
    return [item.strip() for item in env.str(name, default).split(",") if item.strip()]


SECRET_KEY = env.str("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "cms",
    "content",
    "search",
    "media",
    # modeltranslation must come before django.contrib.admin and the apps it patches.
    "modeltranslation",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First, so that every log line of a request carries its id (cms/request_log.py).
    "cms.request_log.RequestIdMiddleware",
    # Health checks by IP address, before the Host header is validated (cms/health.py).
    "cms.health.HealthCheckMiddleware",
    # A Host port the site is not served on is dropped before anything builds an address.
    "cms.middleware.CanonicalHostMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # NUL in a path or query string: 400 before anything hands it to PostgreSQL.
    "cms.nul_guard.RefuseNulMiddleware",
    # HTML, feeds and JSON gzipped (a 17 KB article becomes about 4 KB on a metered
    # phone), with Django's BREACH mitigation; nginx leaves gzipped answers alone.
    "cms.middleware.GZipMiddleware",
    # ETag / If-None-Match → 304, for cached and freshly rendered pages alike.
    "django.middleware.http.ConditionalGetMiddleware",
    # Near the top, so that a cached page skips everything below; it was stored with
    # the headers those layers added (CSP, language, frame options).
    "cms.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # 429 with a growing Retry-After after repeated failed logins, per account and
    # address, per address, and per account from unknown addresses (cms/login_throttle.py).
    "cms.login_throttle.LoginThrottleMiddleware",
    "cms.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who is asking, for the page titles the admin shows (content/readable.py).
    "content.readable.ReaderMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # CSP (hashed inline scripts only), Permissions-Policy; stored with cached pages.
    "cms.security.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.context_processors.site_language",
                "cms.reading.context",
            ],
        },
    },
]

DATABASES = {
    # environs hands the URL to dj-database-url, and names the variable if it is not one.
    "default": env.dj_db_url(
        "DATABASE_URL",
        f"sqlite:///{VAR_DIR / 'kepu.sqlite3'}",
        conn_max_age=env.int("DATABASE_CONN_MAX_AGE", 0),
        # A persistent connection is checked before a request reuses it: after a
        # database restart each worker reconnects instead of failing one request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` has several processes on one file (server, task workers, scheduler). WAL lets
    # readers go on while one writes; a writer waits up to 20 s for another instead of
    # failing with "database is locked"; and a transaction takes the write lock when it
    # begins (IMMEDIATE), not half-way through when it first writes, which SQLite cannot
    # wait for (a deferred transaction that must upgrade its lock fails at once).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytical queries, never for a page's
    # few milliseconds of work. PostgreSQL decides by the planner's cost estimate, and
    # tables without statistics (freshly restored or loaded, before autovacuum has
    # analysed them) can estimate a one-row look-up in millions: the page's routing
    # query then spent 1 s compiling (docs/adr/0017-render-and-hit-costs.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", "")
if REDIS_URL:
    # Shared by every worker and machine. Use maxmemory-policy volatile-lru (or none):
    # the page cache's tag versions have no expiry and must never be evicted.
    # Django's backend, with one client per process rather than per operation
    # (cms/redis_cache.py).
    CACHES = {
        "default": {
            "BACKEND": "cms.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "cms.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    # The embedded default (make run) is several processes: the server, the task workers
    # and the scheduler. They share files under var/cache, so that a publish made by any
    # of them (scheduled publishing, import_content, manage.py shell) purges the pages the
    # server keeps. A hit costs 0.1 ms more than in memory (docs/performance.md).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache" / "default",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache" / "pages",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
KEPU_PAGE_CACHE = "pages"

# Addresses of our own proxies (nginx): their X-Real-IP names the client.
KEPU_TRUSTED_PROXIES = env_list("KEPU_TRUSTED_PROXIES", "127.0.0.1,::1")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: see cms/languages.py and docs/adr/0002-language-codes.md.
LANGUAGE_CODE = languages.DEFAULT
LANGUAGES = languages.django_languages()
WAGTAIL_I18N_ENABLED = True
# An edit made while a page is in review needs every review step again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "content.editorial.workflow_finish.publish_approved"
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Editors of every team use the admin in Chinese: Wagtail has no Tibetan catalogue and
# its Mongolian one is Cyrillic (docs/adr/0002-language-codes.md).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["cms.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

MODELTRANSLATION_DEFAULT_LANGUAGE = languages.DEFAULT
MODELTRANSLATION_LANGUAGES = languages.CODES
MODELTRANSLATION_FALLBACK_LANGUAGES = (languages.DEFAULT,)
MODELTRANSLATION_REQUIRED_LANGUAGES = (languages.DEFAULT,)

STATIC_URL = "/static/"
STATIC_ROOT = env.path("KEPU_STATIC_ROOT", VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("KEPU_MEDIA_ROOT", VAR_DIR / "media")
# Files on disk, or S3-compatible object storage when KEPU_S3_BUCKET is set (media/storage.py).
KEPU_S3 = {
    "bucket": env.str("KEPU_S3_BUCKET", ""),
    "endpoint_url": env.str("KEPU_S3_ENDPOINT_URL", ""),
    "region": env.str("KEPU_S3_REGION", ""),
    "access_key_id": env.str("KEPU_S3_ACCESS_KEY_ID", ""),
    "secret_access_key": env.str("KEPU_S3_SECRET_ACCESS_KEY", ""),
    "addressing_style": env.str("KEPU_S3_ADDRESSING_STYLE", ""),  # "path" for MinIO & co.
    "public_base_url": env.str("KEPU_S3_PUBLIC_BASE_URL", ""),  # a CDN in front of public/
}
STORAGES = configure_storages(
    {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    private_root=env.path("KEPU_PRIVATE_ROOT", VAR_DIR / "private"),
    s3=KEPU_S3,
)

# Where the object store's public files come from, if not from us (CSP img-src/media-src).
_media_base = KEPU_S3["public_base_url"] or KEPU_S3["endpoint_url"]
KEPU_MEDIA_PUBLIC_ORIGIN = "/".join(_media_base.split("/")[:3]) if "://" in _media_base else ""

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "青海科普"
# The public address, scheme://host[:port]: KEPU_BASE_URL in production; `make run`
# derives it from its HOST and PORT. setup_site gives the default Site record its host
# and port, and every absolute address (canonical, og:url, hreflang, feeds, sitemap, the
# APIs, oEmbed) is built from that record (cms/public_url.py). Wagtail's admin e-mails
# and rendition URLs read WAGTAILADMIN_BASE_URL: the same address.
KEPU_SITE_URL = env.str("KEPU_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = KEPU_SITE_URL or "http://127.0.0.1:8000"
# Wagtail's search backend: pages from the project's one index (the admin finds drafts
# too), images, documents and snippets from Wagtail's database index (docs/adr/0016).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
# Documents are for downloads; videos and narrations have their own models (media/).
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "csv", "odt", "docx"]
# Images: our model (translated alt text and caption, generated storage keys) and our
# upload checks (media/uploads.py).
WAGTAILIMAGES_IMAGE_MODEL = "kepu_media.KepuImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.KepuImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Pillow's AVIF at quality 60 looks like its WebP at 80 and is about 30 % smaller on
# photos (measured on 600 px photos: 50 KB against 72 KB); at 80 it is larger than WebP.
WAGTAILIMAGES_AVIF_QUALITY = 60
# Videos and narrations (media/uploads.py): originals up to these sizes.
KEPU_VIDEO_MAX_UPLOAD_SIZE = 1024 * 1024 * 1024
KEPU_AUDIO_MAX_UPLOAD_SIZE = 100 * 1024 * 1024
# Uploads above 10 MB go to a temporary file, not memory (ffprobe reads it there).
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = True

ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", "")
# The public read-only API (content/syndication/api.py, docs/api.md). No
# WAGTAILAPI_BASE_URL: without it Wagtail's API takes the Site record's root_url too.
WAGTAILAPI_LIMIT_MAX = 50
# The embed widget may be framed by registered partners only, unless this is set.
KEPU_EMBED_ALLOW_ANY_ORIGIN = env.bool("KEPU_EMBED_ALLOW_ANY_ORIGIN", False)
# Django's default is DENY; our own admin previews and the widget need same-origin.
X_FRAME_OPTIONS = "SAMEORIGIN"
# Index names start with this prefix (one index per language behind an alias).
KEPU_SEARCH_INDEX_PREFIX = env.str("KEPU_SEARCH_INDEX_PREFIX", "") or "kepu"
KEPU_SEARCH_INDEX_REPLICAS = env.int("KEPU_SEARCH_INDEX_REPLICAS", 0)
ELASTICSEARCH_API_KEY = env.str("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_CA_CERTS = env.str("ELASTICSEARCH_CA_CERTS", "")

# Background work (search indexing, Wagtail's own index updates, media processing) goes
# through queues in the database; `manage.py run_worker --queue-name NAME` runs one. Two
# queues, each with its own worker (`make run` starts both): "media" for video and audio
# transcodes and image renditions (hours for a long upload), "default" for all else
# (search indexing, cache purges), which must not wait behind a transcode.
TASK_QUEUES = ["default", "media"]
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend", "QUEUES": TASK_QUEUES}}
# ffmpeg runs under bubblewrap when it can (media/ffmpeg.py); with this set, media is not
# processed at all rather than processed without it (production sets it).
KEPU_REQUIRE_SANDBOX = env.bool("KEPU_REQUIRE_SANDBOX", False)

# Workflow notifications (submitted, approved, rejected) go by e-mail to the people
# concerned. Without a mail server configured they are written to the log instead.
EMAIL_HOST = env.str("EMAIL_HOST", "")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "kepu@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Review e-mails go to the groups that do the work (content/editorial/notifications.py), not to
# every superuser on every task.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# No avatars from gravatar.com: the admin calls no third-party host, and an editor's
# e-mail address (hashed) is nobody else's business.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

KEPU_LOG_LEVEL = env.str("KEPU_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": KEPU_LOG_LEVEL},
    # Wagtail logs every page action and background task at INFO: keep the console readable.
    # kepu.request: one line per request; production turns it on (runserver has its own).
    "loggers": {
        name: {"level": "WARNING"} for name in ("jieba", "wagtail", "django_tasks", "kepu.request")
    },
}
