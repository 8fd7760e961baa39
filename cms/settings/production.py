"""Production: every secret and site-specific value must come from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import KEPU_LOG_LEVEL, env, env_list


def required(name):
    value = env.str(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or required("ALLOWED_HOSTS")
required("DATABASE_URL")
# A gunicorn worker answers request after request: its connection is kept for a minute
# (health-checked before reuse, base.py) instead of opened for each one. On SQLite,
# opening and closing one (with the PRAGMAs of base.py) was 1.6 of the 3.9 ms a search
# API answer cost; on PostgreSQL it is a TLS handshake and authentication.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
KEPU_DEMO = False
# Uploaded media is processed only inside bubblewrap (media/ffmpeg.py, docs/deploy.md).
KEPU_REQUIRE_SANDBOX = env.bool("KEPU_REQUIRE_SANDBOX", True)

# WhiteNoise serves the collected, hashed and compressed static files.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# DENY: Wagtail's preview views override it to SAMEORIGIN themselves, the embed widget
# is exempt and sets CSP frame-ancestors from the registered partners (cms/security.py).
X_FRAME_OPTIONS = "DENY"
# HTTPS only: nginx redirects port 80, Django too for anything that reaches it by HTTP,
# except the load balancer's health checks (answered earlier, by cms.health).
SECURE_SSL_REDIRECT = env.bool("KEPU_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.int("KEPU_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("KEPU_HSTS_SUBDOMAINS", True)
# Joining the browsers' preload list binds every subdomain to HTTPS for years: the
# domain's owner decides (KEPU_HSTS_PRELOAD=1); until then the check is silenced.
SECURE_HSTS_PRELOAD = env.bool("KEPU_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Editors' sessions end after a working day without use.
SESSION_COOKIE_AGE = 12 * 3600

# One JSON object per line, each with its request's id (cms/request_log.py).
LOGGING["formatters"] = {"json": {"()": "cms.request_log.JsonFormatter"}}  # noqa: F405
LOGGING["filters"] = {"request_id": {"()": "cms.request_log.RequestIdFilter"}}  # noqa: F405
LOGGING["handlers"]["console"].update(formatter="json", filters=["request_id"])  # noqa: F405
LOGGING["loggers"]["kepu.request"] = {"level": KEPU_LOG_LEVEL}  # noqa: F405
