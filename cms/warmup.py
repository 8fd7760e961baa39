"""Render a few pages before a server process takes traffic.

A fresh process pays for its first page once: templates compiled, translation
catalogues and URL patterns loaded, Wagtail's and the app's lazy set-up done (300 ms
and more, against 20–40 ms for the next page). gunicorn loads the app in its master
(``preload_app``) and forks the workers from it, so rendering a page in each language
there, once, gives every worker, and every worker gunicorn starts again later
(``max_requests``), most of that already done.

The master does not listen until this is over: it renders one page per language (its
deepest, an article: the most templates), and stops after ``TIME_CAP`` seconds
whatever is left, so that a loaded machine never holds the server back (a health
check waits for it).

Only Wagtail's page table is read, to find the pages: the core floor names no page
type (docs/adr/0015-layers.md).
"""

import io
import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections

logger = logging.getLogger(__name__)

TIME_CAP = 3.0  # seconds


def _paths():
    """One live page in each language: its deepest (an article), the first in the tree."""
    from wagtail.models import Locale, Page

    pages = (
        Page.objects.live().filter(depth__gt=1, locale=locale).order_by("-depth", "path").first()
        for locale in Locale.objects.order_by("pk")
    )
    return [page.url for page in pages if page is not None]


def _host():
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL or "")
    if base.hostname:
        return base.hostname
    return next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")


def warm(handler=None):
    """Render the pages through the whole middleware stack, as a reader's GET would
    (a page rendered here may be kept in the page cache, as it would be then). Never
    stops the server from starting: a database that is not there yet only costs the
    first readers the slower first page. Closes the database and cache connections
    afterwards: a process forked from this one must open its own."""
    handler = handler or WSGIHandler()
    started = time.monotonic()
    try:
        paths = [path for path in _paths() if path]
        for done, path in enumerate(paths):
            if time.monotonic() - started > TIME_CAP:
                logger.info("warm-up stopped after %d of %d pages", done, len(paths))
                break
            environ = {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": path,
                "QUERY_STRING": "",
                "SERVER_NAME": _host(),
                "SERVER_PORT": "443",
                "HTTP_HOST": _host(),
                "HTTP_ACCEPT_ENCODING": "gzip",
                "HTTP_X_FORWARDED_PROTO": "https",
                "REMOTE_ADDR": "127.0.0.1",
                "wsgi.url_scheme": "https",
                "wsgi.input": io.BytesIO(),
                "wsgi.errors": io.StringIO(),
            }
            response = handler(environ, lambda status, headers, exc_info=None: None)
            response.close()
        logger.info("warm-up over in %.1f s", time.monotonic() - started)
    except Exception:  # the server must start all the same
        logger.warning("warm-up skipped", exc_info=True)
    finally:
        connections.close_all()
        for cache in caches.all(initialized_only=True):
            cache.close()
