"""Cached pages answered before Django's handler: the WSGI application of cms/wsgi.py.

A page-cache hit through Django's handler spent most of its CPU around the cache, not in
it: the request_started and request_finished signals (every database connection looked
at twice), the URL configuration set up, a dozen middleware calls each wrapped in its
exception handler. None of it is needed for bytes read from the cache.

Here an anonymous GET or HEAD is read by Django's own WSGIRequest, then goes through
what each middleware above the page cache in settings.MIDDLEWARE does on the way in
(same instances or functions: port dropped, HTTPS redirect, NUL refusal), is looked up
by cms/page_cache.Lookup (the key, lookup and freshness of the middleware: one code),
and a hit goes back out through what those middleware do on the way out (304 for a
matching ETag, Vary, security headers), with the request id and the log line of
cms/request_log.py. Everything else is left to Django's handler, which starts again from
the untouched environ, as if this module were not there: a miss (its lookup handed on,
so that the middleware does not read the cache again), a query string not yet known
canonical, a health check, a static file, a redirect or refusal, a Host not allowed, an
error of the cache.

Each middleware above the page cache must be one this module knows (``STEPS``): with
any other there, or without the page cache, it turns itself off and Django answers
everything, as before.
"""

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest
from django.utils.module_loading import import_string

from cms import health, nul_guard, page_cache, request_log

logger = logging.getLogger(__name__)

REQUEST_ID = "cms.request_log.RequestIdMiddleware"
PAGE_CACHE = "cms.page_cache.PageCacheMiddleware"


def _unused(request):
    raise AssertionError("a middleware's own call is never made here")


class _Static:
    """WhiteNoise answers files under STATIC_URL: never a cached page."""

    def __init__(self, name):
        static = settings.STATIC_URL or ""
        if getattr(settings, "WHITENOISE_ROOT", None) or not static.startswith("/"):
            raise LookupError(f"{name} may answer outside {static!r}")
        self.prefix = static

    def request(self, request):
        return not request.path_info.startswith(self.prefix)


class _Health:
    def __init__(self, name):
        pass

    def request(self, request):
        return request.path_info not in health.HealthCheckMiddleware.VIEWS


class _Middleware:
    """A middleware whose halves are called as they are: ``request`` runs its way in
    (``way_in``: a method that may change the request, or a process_request whose
    answer means "not a hit"), ``response`` its process_response."""

    def __init__(self, name, way_in=None, way_out=False):
        self.instance = import_string(name)(_unused)
        self.way_in = getattr(self.instance, way_in) if way_in else None
        self.way_out = self.instance.process_response if way_out else None

    def request(self, request):
        return self.way_in is None or self.way_in(request) is None


class _Nul:
    def __init__(self, name):
        pass

    def request(self, request):
        return not nul_guard.has_nul(request)


# What each middleware allowed above the page cache does to a hit.
STEPS = {
    "whitenoise.middleware.WhiteNoiseMiddleware": _Static,
    "cms.health.HealthCheckMiddleware": _Health,
    "cms.middleware.CanonicalHostMiddleware": lambda n: _Middleware(n, way_in="drop_port"),
    "django.middleware.security.SecurityMiddleware": lambda n: _Middleware(
        n, way_in="process_request", way_out=True
    ),
    "cms.nul_guard.RefuseNulMiddleware": _Nul,
    "cms.middleware.GZipMiddleware": lambda n: _Middleware(n, way_out=True),
    "django.middleware.http.ConditionalGetMiddleware": lambda n: _Middleware(n, way_out=True),
}


def steps():
    """The steps for the middleware between the request id and the page cache, in
    their order, or None (with the reason logged) if one is not known here."""
    names = list(settings.MIDDLEWARE)
    if not names or names[0] != REQUEST_ID or PAGE_CACHE not in names:
        return None
    made = []
    for name in names[1 : names.index(PAGE_CACHE)]:
        if name not in STEPS:
            logger.warning("cached pages go through Django: %s is above the page cache", name)
            return None
        try:
            made.append(STEPS[name](name))
        except LookupError as exc:
            logger.warning("cached pages go through Django: %s", exc)
            return None
    return made


class _Body(list):
    """The response body: WSGI servers (and cms/warmup.py) call close()."""

    def close(self):
        pass


class FastHits:
    """WSGI application: cached pages here, everything else to ``application``."""

    def __init__(self, application):
        self.application = application
        self.steps = steps()
        if self.steps is not None:
            self.way_in = [step.request for step in self.steps]
            self.way_out = [
                step.way_out for step in reversed(self.steps) if getattr(step, "way_out", None)
            ]

    def __call__(self, environ, start_response):
        answer = self.hit(environ) if self.steps is not None else None
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return body

    def hit(self, environ):
        """(status, headers, body) of a page-cache hit, as Django's handler would send
        it, or None: Django's handler answers."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        # A copy: the Host and the query string are rewritten on the way, and Django's
        # handler must start from what the reader sent.
        request = WSGIRequest(dict(environ))
        token, started = request_log.begin(request)
        try:
            if not all(step(request) for step in self.way_in):
                return None
            if not page_cache.anonymous(request):
                return None
            seen = page_cache.Lookup(request)
            response = seen.answer
            if response is None:
                if seen.cacheable:
                    environ[page_cache.MISSED] = seen  # the middleware's, not read again
                return None
            for way_out in self.way_out:
                response = way_out(request, response)
            # A 412 (If-Match) is Django's to give and log as it always did.
            if response.status_code not in (200, 304):
                return None
            request_log.finish(request, response, started)
            headers = [
                # what response.items() gives, without its per-header lookups (~20 µs)
                *response.headers._store.values(),
                *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
            ]
            body = b"" if request.method == "HEAD" else response.content
            return f"{response.status_code} {response.reason_phrase}", headers, _Body([body])
        except SuspiciousOperation:  # a Host not allowed: Django says 400, and logs it
            return None
        except Exception as exc:  # a cache that is down, an entry that will not unpickle
            logger.warning("cached page left to Django: %r", exc)
            return None
        finally:
            request_log.request_id.reset(token)
