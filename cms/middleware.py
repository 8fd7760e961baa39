"""Site-wide middleware: one host spelling, language redirects only where a page in a
language is meant, and gzip for text only. Security headers are in cms/security.py."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port
from django.middleware import gzip, locale

from cms import languages, views


class CanonicalHostMiddleware:
    """A Host header's port is kept only if the site is served on that port.

    Django checks ALLOWED_HOSTS on the name alone, so ``Host: kepu.example:1234``
    passes, and every absolute address built from the request (canonical links,
    hreflang, feeds, oEmbed, the search API: ``build_absolute_uri``, ``get_host``) would
    carry ``:1234``, into the page cache and into nginx's micro-cache, which keys on the
    name without the port. Here, before anything reads the host, a port that is neither
    the configured base URL's (KEPU_BASE_URL) nor, when developing, the one runserver
    listens on, is dropped."""

    def __init__(self, get_response):
        self.get_response = get_response
        ports = {urlsplit(url).port for url in (settings.WAGTAILADMIN_BASE_URL,) if url}
        self.ports = {str(port) for port in ports if port}

    def __call__(self, request):
        self.drop_port(request)
        return self.get_response(request)

    def drop_port(self, request):
        """(Also used by cms/fast_hit.py, which answers cached pages before Django.)"""
        host = request.META.get("HTTP_HOST", "")
        domain, port = split_domain_port(host)
        if domain and port and port not in self.ports:
            if not (settings.DEBUG and port == request.META.get("SERVER_PORT")):
                request.META["HTTP_HOST"] = host[: -len(port) - 1]


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 from a language-neutral address
    (feeds, embeds, oEmbed, APIs, media) stays a 404. Django would redirect it to
    /zh-hans/<address>, because Wagtail's catch-all pattern makes every path look
    valid there: a feed reader or oEmbed consumer would get a redirect to a page."""

    NEUTRAL = (
        "/feeds/",
        "/embed",
        "/oembed/",
        "/api/",
        "/media/",
        "/documents/",
        "/admin/",
        "/prefs/",
        "/images/",
        "/sitemap.xml",
        "/static/",
    )

    # A first segment shaped like a language tag (/en/, /zh/, /bo-CN/) that is not one of
    # ours: a 404, not a redirect to /zh-hans/en/.
    LANGUAGE_LIKE = re.compile(r"^/[a-z]{2,3}(-[a-z0-9]{2,8})*(/|$)", re.IGNORECASE)

    def process_response(self, request, response):
        if request.path_info.startswith(self.NEUTRAL):
            return response
        if response.status_code == 404 and self.LANGUAGE_LIKE.match(request.path_info):
            return response
        return super().process_response(request, response)


class GZipMiddleware(gzip.GZipMiddleware):
    """Django's GZipMiddleware for text only (HTML, CSS, JS, JSON, XML feeds). Media
    is already compressed, and a gzipped range (206) would no longer be the bytes the
    Content-Range header promises."""

    TEXT = ("text/", "application/json", "application/feed+json", "application/javascript",
            "application/rss+xml", "application/atom+xml", "application/xml")  # fmt: skip

    def process_response(self, request, response):
        if response.streaming or response.status_code == 206:
            return response
        if not response.get("Content-Type", "").startswith(self.TEXT):
            return response
        return super().process_response(request, response)


class DevNotFoundMiddleware:
    """Development only (cms/settings/dev.py): with DEBUG on, Django answers a missing
    page with its technical 404, in English, listing the URL patterns. A reader's
    address (under /zh-hans/, /bo/, /mn/) gets the site's own 404 page instead, in the
    reader's language, as in production, so that it can be seen and checked while
    developing. The admin and the other addresses keep Django's page, which helps there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404) and _public(request):
            return views.page_not_found(request, exception)
        return None


def _public(request):
    first = request.path_info.split("/")[1:2]
    return bool(first) and first[0] in languages.BY_CODE
