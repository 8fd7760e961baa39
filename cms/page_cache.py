"""Full-page cache for anonymous readers, purged by tags when content changes.

A view opts in by tagging its response (``tag(response, *tags, ttl=…)``): public pages,
feeds, widgets, oEmbed and search do. The middleware stores tagged 200 responses for
anonymous GETs, keyed by the full URL and the request headers that change the output.
Each stored entry remembers the version of each of its tags; ``purge(*tags)`` bumps
those versions, so every entry carrying one of them is stale on the next request,
whatever its URL or query string. content/cache_purge.py says which tags a publish,
unpublish, move or delete touches.

Readers' browsers get ``Cache-Control: public, max-age=0, must-revalidate`` and an
ETag: a repeat visit costs a 304 of a few hundred bytes, and a purge is seen at once.
Logged-in editors, previews, POSTs and responses that set cookies are never cached.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

DEFAULT_TTL = 600
VARY = ("Save-Data",)  # request headers that change what a page looks like
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def cache():
    return caches[getattr(settings, "KEPU_PAGE_CACHE", "default")]


def tag(response, *tags, ttl=DEFAULT_TTL):
    """Mark ``response`` cacheable for anonymous readers, under ``tags``."""
    response.kepu_cache_tags = {"site", *tags}
    response.kepu_cache_ttl = ttl
    return response


def purge(*tags):
    """Make every cached response carrying any of ``tags`` stale."""
    now = time.time_ns()
    cache().set_many({f"pc:tag:{t}": now for t in tags}, timeout=None)


def _key(request):
    from cms.reading import COOKIES

    varying = "|".join(request.headers.get(h, "") for h in VARY)
    varying += "|" + "|".join(request.COOKIES.get(c, "") for c in COOKIES)
    raw = f"{request.get_host()}|{request.get_full_path()}|{varying}"
    return "pc:page:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _anonymous(request):
    """No session: never an editor, never someone let through a page's password."""
    if request.method not in ("GET", "HEAD") or request.path_info.startswith("/admin/"):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _from_entry(entry, request):
    packed = entry["gzip"]
    zipped = packed is not None and ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    response = HttpResponse(packed if zipped else entry["body"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if zipped:
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(packed))
        patch_vary_headers(response, ("Accept-Encoding",))
        etag = response.get("ETag", "")
        if etag and not etag.startswith("W/"):
            response["ETag"] = "W/" + etag  # as GZipMiddleware marks a compressed answer
    response["X-Kepu-Cache"] = "hit"
    return response


def _versions(tags):
    keys = [f"pc:tag:{t}" for t in tags]
    found = cache().get_many(keys)
    return [found.get(key) for key in keys]


def _fresh(entry):
    # Equal, not "not newer": a tag version that disappeared (evicted) also means stale.
    return _versions(entry["tags"]) == entry["versions"]


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous(request):
            return self.get_response(request)
        key = _key(request)
        entry = cache().get(key)
        if entry is not None and _fresh(entry):
            return _from_entry(entry, request)
        started = time.time_ns()
        response = self.get_response(request)
        tags = getattr(response, "kepu_cache_tags", None)
        cacheable = (
            tags
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        )
        if not cacheable:
            return response
        tags = sorted(tags)
        versions = _versions(tags)
        if any(v is not None and v >= started for v in versions):
            return response  # purged while it was being rendered: may already be old
        patch_vary_headers(response, VARY)
        if not response.has_header("ETag"):
            response["ETag"] = (
                '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
            )
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        # nginx's micro-cache (deploy/nginx) may keep this for one second; it does not
        # pass the header on to browsers.
        response["X-Accel-Expires"] = "1"
        response["X-Kepu-Cache"] = "miss"
        # Compressed once here rather than on every hit (GZipMiddleware leaves an
        # answer that is already encoded alone). Anonymous public pages hold no
        # secrets, so BREACH padding is not needed on this copy.
        packed = compress_string(response.content) if len(response.content) >= 200 else None
        # Plain bytes and headers: much cheaper to unpickle than a response object.
        entry = {
            "status": response.status_code,
            "headers": list(response.items()),
            "body": response.content,
            "gzip": packed,
            "tags": tags,
            "versions": versions,
        }
        cache().set(key, entry, timeout=response.kepu_cache_ttl)
        if packed is not None and ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = _from_entry(entry, request)  # compressed once, not again on the way out
            response["X-Kepu-Cache"] = "miss"
        return response
