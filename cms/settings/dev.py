"""Local development and `make run`: debug on, a throwaway secret, loopback hosts."""

from urllib.parse import urlsplit

from cms import dev_server

from .base import *  # noqa: F403
from .base import KEPU_SITE_URL, MIDDLEWARE, env, env_list

DEBUG = env.bool("KEPU_DEBUG", True)
SECRET_KEY = env.str("SECRET_KEY", "") or "dev-only-not-secret-qinghai-kepu"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# The host the site's links carry (`make run` derives KEPU_BASE_URL from HOST and PORT).
_public_host = urlsplit(KEPU_SITE_URL).hostname
if _public_host:
    ALLOWED_HOSTS.append(f"[{_public_host}]" if ":" in _public_host else _public_host)
# `make run HOST=0.0.0.0` (to try the site from a phone on the same network): the
# machine's own addresses and names, not "*". ALLOWED_HOSTS is what stops DNS
# rebinding: a web page on evil.example whose name is made to resolve to this machine
# gets its requests through with Host: evil.example, and could then read this debug
# server (demo accounts with known passwords, settings in tracebacks). With "*" it
# would answer them; an IP address or our own hostname is never the attacker's name.
if DEBUG and env.str("KEPU_LISTEN_HOST", "") in dev_server.EVERY_INTERFACE:
    ALLOWED_HOSTS += dev_server.own_addresses()
KEPU_DEMO = True

# A missing public page shows the site's own 404 page in the reader's language, as in
# production; the admin and other addresses keep Django's debugging page.
MIDDLEWARE = [*MIDDLEWARE, "cms.middleware.DevNotFoundMiddleware"]

# Review notifications (content/editorial/notifications.py) are printed in the `make run` console,
# whatever mail server the environment names: the demo accounts' addresses are not real.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
