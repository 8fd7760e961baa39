"""Full-page cache for anonymous readers, purged by tags when content changes.

A view opts in by tagging its response (``tag(response, *tags, ttl=…)``): public pages,
feeds, widgets, oEmbed and search do. The middleware stores tagged 200 responses for
anonymous GETs. Each stored entry remembers the version of each of its tags;
``purge(*tags)`` gives those tags new versions, so every entry carrying one of them is
stale on the next request, whatever its URL or query string. content/publishing.py
says which tags a change touches, and purges them once per transaction.

What a key holds, and why a flood cannot empty the cache (docs/performance.md):
- the host as the site knows it (cms/middleware.CanonicalHostMiddleware drops a port
  the site does not use), and the path;
- the query parameters the view reads, canonical (cms/cache_params.py): made-up
  parameters and odd spellings are rewritten away before the view runs, so they share
  the clean address's entry and never appear in the page. Which parameters a path's view
  reads is learnt from its first answer; until then a request with a query string is
  answered but kept only if it was already canonical. A path keeps at most
  MAX_QUERY_VARIANTS query strings per TTL (searches, widget options);
- the reading mode (cms/reading.variant: four values), not the raw cookies and headers.

Versions are random tokens, not clock readings: several machines share the cache, and
their clocks need not agree. An entry is stored only if no purge happened while it was
rendered (a purge also changes GENERATION).

Round trips to the cache (Redis in production): a hit is one get_many (the entry, with
the versions of the tags this process last saw it carry; a second read only if they
changed); a miss is that, one get_many of the versions and the generation after the
render, and one set. An entry holds its bytes plain and gzipped, each with the headers a
hit sends, ready to go out.

Under gunicorn a hit does not reach this middleware: cms/fast_hit.py answers it before
Django's handler, with ``Lookup`` and ``anonymous`` from here (one way to key and to
judge freshness) and the same middleware above this one; what it does not answer comes
here as before.

Readers' browsers get ``Cache-Control: public, max-age=0, must-revalidate`` and an
ETag: a repeat visit costs a 304 of a few hundred bytes, and a purge is seen at once.
Logged-in editors, previews, POSTs and responses that set cookies are never cached.
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.dispatch import Signal
from django.http import HttpResponse, QueryDict
from django.http.response import ResponseHeaders
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

from cms import cache_params, reading

DEFAULT_TTL = 600
VARY = ("Save-Data",)  # request headers that change what a page looks like
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
GENERATION = "pc:generation"  # changes with every purge
MAX_QUERY_VARIANTS = 32
KIND_TTL = 24 * 3600
# The WSGI environ key under which cms/fast_hit.py hands a missed Lookup to the
# middleware (not a header: a reader's headers arrive as HTTP_*).
MISSED = "kepu.page_cache.missed"
# Which tag keys each entry had, as this process last saw it: read in the same round
# trip as the entry (a hit is one get_many). Only a guess: a wrong one costs a second
# read. Bounded; forgetting costs the same.
_TAG_KEYS = {}
MAX_REMEMBERED = 10_000


def cache():
    return caches[getattr(settings, "KEPU_PAGE_CACHE", "default")]


def tag(response, *tags, ttl=DEFAULT_TTL, params=None):
    """Mark ``response`` cacheable for anonymous readers, under ``tags``. ``params``
    names the view's entry in cms/cache_params.PARAMS (the query parameters it reads),
    when it is neither a page model nor the URL name."""
    response.kepu_cache_tags = {"site", *tags}
    response.kepu_cache_ttl = ttl
    if params is not None:
        response.kepu_cache_params = params
    return response


def _token():
    return uuid.uuid4().hex


def _tag_key(tag):
    return f"pc:tag:{tag}"


# Sent with the tags of every purge, before the entries are made stale: what keeps
# copies of its own that pages are built from (content/chrome.py, the header and
# footer) drops them first. The other way round, a page rendered between the two would
# be built from the old copy and stored under the new versions, fresh for good.
purging = Signal()


def purge(*tags):
    """Make every cached response carrying any of ``tags`` stale."""
    purging.send(sender=None, tags=tags)
    versions = {_tag_key(t): _token() for t in tags}
    cache().set_many({**versions, GENERATION: _token()}, timeout=None)


def _hash(raw):
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _base(request):
    return f"{request.get_host().lower()}|{request.path}"


def _key(base, query, request):
    return "pc:entry:" + _hash(f"{base}|{query}|{reading.variant(request)}")


def _kind(request, response):
    """The entry of cms/cache_params.PARAMS for the view that answered."""
    declared = getattr(response, "kepu_cache_params", None)
    if declared is not None:
        return declared
    page = (getattr(response, "context_data", None) or {}).get("page")
    if page is not None and hasattr(page, "_meta"):
        return page._meta.label_lower
    match = getattr(request, "resolver_match", None)
    return match.url_name if match else None


def _rewrite(request, query):
    """The request as its canonical address: the view reads and echoes nothing else."""
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)


def anonymous(request):
    """No session: never an editor, never someone let through a page's password."""
    if request.method not in ("GET", "HEAD") or request.path_info.startswith("/admin/"):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _stored(response, packed):
    """The entry for ``response``: its bytes, plain and gzipped, each with the headers
    a hit sends, made once here rather than on every hit."""
    plain = ResponseHeaders({**response.headers, "X-Kepu-Cache": "hit"})
    zipped = None
    if packed is not None:
        copy = HttpResponse(packed, status=response.status_code, headers=plain)
        copy["Content-Encoding"] = "gzip"
        copy["Content-Length"] = str(len(packed))
        patch_vary_headers(copy, ("Accept-Encoding",))
        etag = copy.get("ETag", "")
        if etag and not etag.startswith("W/"):
            copy["ETag"] = "W/" + etag  # as GZipMiddleware marks a compressed answer
        zipped = (packed, copy.headers)
    return {"status": response.status_code, "plain": (response.content, plain), "gzip": zipped}


def _answer(entry, request):
    """The stored response, as the reader's Accept-Encoding wants it. The headers come
    from the entry just read (a copy of its own), so nothing else shares them."""
    zipped = entry["gzip"] is not None and ACCEPTS_GZIP.search(
        request.META.get("HTTP_ACCEPT_ENCODING", "")
    )
    body, headers = entry["gzip" if zipped else "plain"]
    response = HttpResponse(body, status=entry["status"])
    response.headers = headers
    return response


def _remember(key, tag_keys):
    if len(_TAG_KEYS) >= MAX_REMEMBERED:
        _TAG_KEYS.clear()
    _TAG_KEYS[key] = tag_keys


def _lookup(key, kind_key):
    """The entry under ``key`` if it is still fresh, and what was read with it (the
    generation, the path's kind): one round trip when this process has seen the entry
    before (its tag versions are read with it)."""
    guessed = _TAG_KEYS.get(key, ())
    found = cache().get_many([key, GENERATION, kind_key, *guessed])
    entry = found.get(key)
    if entry is not None:
        tag_keys = entry["tag_keys"]
        unread = [k for k in tag_keys if k not in guessed]
        if unread:
            found.update(cache().get_many(unread))
            _remember(key, tag_keys)
        # Equal: a version that changed or disappeared (evicted) means stale.
        if [found.get(k) for k in tag_keys] != entry["versions"]:
            entry = None
    return entry, found


def _versions(tag_keys):
    """The current version of each tag, and the generation, read together. A tag
    without a version gets one now, so that an entry never records "no version" (if a
    version were evicted, an old entry would match again)."""
    found = cache().get_many([*tag_keys, GENERATION])
    missing = [key for key in tag_keys if key not in found]
    if missing:
        for key in missing:
            cache().add(key, _token(), timeout=None)
        found = cache().get_many([*tag_keys, GENERATION])
    return [found.get(key) for key in tag_keys], found.get(GENERATION)


def _room_for(base, ttl):
    """Whether ``base`` may keep one more query string (searches, widget options are
    real but unbounded: a flood of them must not push out everything else)."""
    key = "pc:n:" + _hash(base)
    cache().add(key, 0, timeout=ttl)
    try:
        return cache().incr(key) <= MAX_QUERY_VARIANTS
    except ValueError:  # evicted in between
        return True


class Lookup:
    """The cache's answer to an anonymous GET or HEAD (``answer``, None on a miss), and
    what the lookup read, which a render needs to store its own. The one way a request
    is looked up: by the middleware below, and by cms/fast_hit.py before Django's
    handler. A query string is rewritten to its canonical form on ``request``."""

    def __init__(self, request):
        self.answer = None
        self.cacheable = True  # False: a value not kept (Uncacheable), the view answers
        self.base = base = _base(request)
        self.asked = asked = request.META.get("QUERY_STRING", "")
        self.kind_key = "pc:kind:" + _hash(base)
        self.known = self.found = None
        self.query = ""
        if asked:
            # Which parameters this path's view reads, learnt from an earlier answer.
            self.known = cache().get(self.kind_key)
            self.query = None  # not known yet: answered by the view, kept only if canonical
            if self.known is not None:
                try:
                    self.query = cache_params.canonical(request.GET, self.known)
                except (cache_params.Uncacheable, KeyError):
                    self.cacheable = False
                    return
                self.rewrite(request)
        if self.query is not None:
            entry, self.found = _lookup(_key(base, self.query, request), self.kind_key)
            if entry is not None:
                self.answer = _not_for_nginx(_answer(entry, request), asked != self.query)

    def rewrite(self, request):
        """Give ``request`` the canonical query string this lookup found for it."""
        if self.asked and self.known is not None and self.cacheable:
            _rewrite(request, self.query)

    @classmethod
    def of(cls, request):
        """The lookup cms/fast_hit.py made for this very request and missed (the same
        environ: its cache reads are not made twice), or a new one."""
        seen = request.META.pop(MISSED, None)
        if seen is None:
            return cls(request)
        seen.rewrite(request)
        return seen


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not anonymous(request):
            return self.get_response(request)
        seen = Lookup.of(request)
        if seen.answer is not None:
            return seen.answer
        if not seen.cacheable:
            return self.get_response(request)
        base, asked, query, kind_key, known = (
            seen.base, seen.asked, seen.query, seen.kind_key, seen.known
        )  # fmt: skip
        found = seen.found if seen.found is not None else cache().get_many([GENERATION])
        if not asked:
            known = found.get(kind_key)
        generation = found.get(GENERATION)
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
        kind = _kind(request, response)
        declared = kind in cache_params.PARAMS
        if declared and kind != known:
            cache().set(kind_key, kind, timeout=KIND_TTL)
        if asked:
            if not declared:
                return response  # a view whose parameters nobody declared: not kept
            try:
                canonical = cache_params.canonical(request.GET, kind)
            except cache_params.Uncacheable:
                return response
            if not _same(canonical, asked if query is None else query):
                # Rendered before the path's parameters were known (or the view at this
                # address changed): it may show what the reader added. Not kept.
                return response
            query = canonical
            if canonical and not _room_for(base, response.kepu_cache_ttl):
                return response
        key = _key(base, query, request)
        tag_keys = tuple(_tag_key(t) for t in sorted(tags))
        # Read after the render, in one round trip with the generation: a purge before
        # this read shows as a new generation (not stored), one after it as new versions
        # (the entry is stale at once).
        versions, now = _versions(tag_keys)
        if now != generation:
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
        entry = {**_stored(response, packed), "tag_keys": tag_keys, "versions": versions}
        cache().set(key, entry, timeout=response.kepu_cache_ttl)
        _remember(key, tag_keys)
        if packed is not None and ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            # compressed once, not again on the way out (a copy: the entry is stored)
            response = HttpResponse(packed, status=response.status_code)
            response.headers = ResponseHeaders({**entry["gzip"][1], "X-Kepu-Cache": "miss"})
        return _not_for_nginx(response, asked != query)


def _same(canonical, query):
    """The same parameters and values, however spelt (percent-encoding, order)."""
    return sorted(QueryDict(canonical).lists()) == sorted(QueryDict(query).lists())


def _not_for_nginx(response, rewritten):
    """nginx keys its micro-cache on the address as sent: only the canonical address
    may be kept there, or made-up parameters would fill it."""
    if rewritten:
        response["X-Accel-Expires"] = "0"
    return response
