"""Every public URL answers hostile input with a clear 4xx (or a normal answer), never a
500 and never a traceback in the log: each query parameter it reads, a few it does not,
its path segments, and the request headers a reader's browser or a scraper may send.

The routes are read from the URL resolver, so a new public pattern fails
``test_every_public_pattern_is_in_the_table`` until it is added to ROUTES below with its
parameters. The Wagtail page catch-all is represented by real pages: a language home,
a channel, an article and a video, in every language.

The matrix, and why it is not a full cross product (that would be about 40 000
requests): every known parameter of a route gets every hostile value once, on the
route's first sample address (the values are what differ between backends: NUL for
PostgreSQL, huge integers for both); the route's other samples (other languages,
other pages of the same view) get every parameter with a few sharp values; two unknown
parameter names get every value on the first sample only; each path segment gets the
path table; and one sample per route gets the header table (every value of it on the
pages, the pages API, a feed and /media/). About 2 900 requests: 35 s on SQLite,
database set-up included, on an idle two-core machine.
"""

import json
import logging
from dataclasses import dataclass
from urllib.parse import quote

import pytest

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from content.models import ArticlePage, VideoPage
from content.syndication.api import (
    KepuDocumentsAPIViewSet as DocumentsAPIViewSet,
)
from content.syndication.api import (
    KepuImagesAPIViewSet as ImagesAPIViewSet,
)
from content.syndication.api import (
    KepuPagesAPIViewSet,
)

# Hostile values as they travel in a query string (already percent-encoded), so that
# broken encodings (%zz, overlong UTF-8, an encoded lone surrogate) reach the server.
WORDS_150 = " ".join(f"草原{i}" for i in range(150))
VALUES = {
    "nul": "a%00b",
    "control": quote("\x01\x08\x1b[31m\x7f\x85"),
    "long": "a" * 10_000,
    "150-words": quote(WORDS_150),
    "huge": str(10**30),
    "negative": "-1",
    "float": "1.5",
    "unicode-digits": quote("١٢"),  # int() reads them
    "ipv6": quote("http://[::1/a/b/"),
    "rtl-override": quote("\u202e鼠兔\u202c"),
    "lone-surrogate": "%ED%A0%80",
    "overlong-utf8": "%C0%AF",
    "bad-percent": "%zz",
    "empty": "",
    "whitespace": "%20%20%E3%80%80",  # spaces, and the ideographic space
    "quote": "%22",  # a phrase with nothing in it
    "syntax": quote("' OR 1=1; -- NEAR(鼠兔 草原) title:* AND \" ^ ~"),
    "dot-dot": quote("../../../etc/passwd"),
}
# The values most likely to break one view and not another (NUL on PostgreSQL, integers
# beyond 64 bits, a broken encoding, length, words): for parameters handled by code
# already walked with every value, and for the other samples of a route (one each,
# in turn, per parameter).
SHARP = ("nul", "huge", "150-words", "lone-surrogate", "ipv6", "empty", "long", "float")
TINY = ("nul", "huge", "empty")
UNKNOWN = "x"  # a parameter no view reads: SHARP values only

# Hostile path segments, for routes with a variable part.
SEGMENTS = {
    "nul": "%00",
    "huge": str(10**30),
    "bigint+1": str(2**63),
    "long": "a" * 2000,
    "lone-surrogate": "%ED%A0%80",
    "overlong-utf8": "%C0%AF",
    "bad-percent": "%zz",
    "dot-dot": "..",
    "encoded-dot-dot": "%2e%2e",
    "rtl-override": quote("\u202e"),
    "control": "%01%1b",
    "tibetan": quote("བོད"),
    "space": "%20",
    "unknown": "xx",
}

HEADERS = {
    "HTTP_ACCEPT_LANGUAGE": [
        "\x00", "x" * 10_000, "zh-hans;q=abc", "*;q=1e999, bo;q=-1", ",,,;;;", "mn-Mong-CN-x-" * 200,
        "bo;q=0.9, " * 500,
    ],
    "HTTP_IF_NONE_MATCH": ['"\x00"', "*", "W/", '"' + "a" * 10_000 + '"', ",,,"],
    "HTTP_IF_MODIFIED_SINCE": ["yesterday", "Sat, 99 Foo 99999 99:99:99 GMT", "-1", "\x00"],
    "HTTP_RANGE": [
        "bytes=0-" + "9" * 40, "bytes=" + "9" * 40 + "-", "bytes=-" + "9" * 40,
        "bytes=5-1", "bytes=0-0,1-1,2-2", "bytes=abc", "lines=1-2", "bytes=\x00",
    ],
    "HTTP_IF_RANGE": ["\x00", "Sat, 99 Foo 99999 99:99:99 GMT", '"x"'],
    "HTTP_COOKIE": [
        "django_language=\x00", "django_language=xx", "kepu_lite=" + "1" * 5000,
        "sessionid=" + "a" * 5000, "kepu_large=%ED%A0%80",
    ],
    "HTTP_SAVE_DATA": ["on" * 5000, "\x00"],
    "HTTP_ACCEPT": ["*/*;q=abc", "text/html;" * 500, "application/json; version=\x00"],
    "HTTP_ACCEPT_ENCODING": ["gzip;q=abc", "br, " * 1000],
    "HTTP_X_FORWARDED_FOR": ["\x00", "1.1.1.1, " * 500],
    "HTTP_REFERER": ["http://[::1/", "\x00"],
}  # fmt: skip


@dataclass(frozen=True)
class Route:
    samples: tuple  # addresses (format strings over the fixture's pages); the first is main
    params: tuple = ()  # the query parameters the view reads: every hostile value
    minor: tuple = ()  # parameters handled by code walked elsewhere: minor_values only
    minor_values: tuple = ()  # defaults to SHARP
    json: bool = False  # answers are JSON, errors included
    segment: str = ""  # an address with "{}" where hostile path segments go
    all_headers: bool = False  # every header value, not only the first of each


def api_params(viewset):
    """The API's own parameters (Wagtail's, ours, DRF's ?format=)."""
    return tuple(sorted(set(viewset.known_query_parameters) | set(viewset.find_query_parameters)))


def field_filters(viewset, *models):
    """The API's field filters (?title=, ?first_published_at=…): one code path for all."""
    names = set()
    for model in models:
        names |= set(viewset.get_available_fields(model, db_fields_only=True))
    return tuple(sorted(names - set(api_params(viewset))))


PAGE_API = api_params(KepuPagesAPIViewSet)
PAGE_FIELDS = field_filters(KepuPagesAPIViewSet, KepuPagesAPIViewSet.model, ArticlePage, VideoPage)
IMAGE_API, IMAGE_FIELDS = (
    api_params(ImagesAPIViewSet),
    field_filters(ImagesAPIViewSet, get_image_model()),
)
DOCUMENT_API = api_params(DocumentsAPIViewSet)
DOCUMENT_FIELDS = field_filters(DocumentsAPIViewSet, get_document_model())
WIDGET = ("limit", "theme", "layout", "fallback", "id", "origin")
# Pages read ?page= (channel pages) and ?quality= (videos); the rest is the page cache's
# and the middleware's business (utm_* and the like are ignored).
PAGE = ("page", "quality")
# Detail and find views run the listing's parameter checks: the sharp values suffice,
# except for what only they read.
FIND = ("id", "html_path")


def api_route(samples, params, fields, segment=""):
    """The pages listing is walked in full; images and documents run the same checks
    (content/syndication/api.py), and detail and find views too, except for FIND."""
    full = not segment and "find" not in samples[0] and params is PAGE_API
    if full:
        return Route(samples, params, fields, json=True, all_headers=True)
    listing = not segment and "find" not in samples[0]
    return Route(
        samples,
        tuple(p for p in params if p in FIND and not listing),
        tuple(p for p in (*params, *fields) if listing or p not in FIND),
        minor_values=SHARP if listing else TINY,
        json=True,
        segment=segment,
    )


# Keys: the resolver's patterns, with the language prefix written "<lang>/".
ROUTES = {
    "api/search/": Route(
        ("/api/search/?q=草原&lang=zh-hans", "/api/search/?lang=bo", "/api/search/?lang=mn"),
        ("q", "lang", "channel", "type", "page"),
        json=True,
    ),
    "prefs/": Route(("/prefs/",), ("lite", "large", "next")),
    "sw.js": Route(("/sw.js",)),
    "manifest.webmanifest": Route(("/manifest.webmanifest",)),
    "^(?P<code>zh-hans|bo|mn)/manifest\\.webmanifest$": Route(
        ("/zh-hans/manifest.webmanifest", "/bo/manifest.webmanifest", "/mn/manifest.webmanifest")
    ),
    "favicon.ico": Route(("/favicon.ico",)),
    "api/v2/^pages/": api_route(
        # Searching, so that search_operator and ordering while searching are walked too.
        ("/api/v2/pages/?limit=1&search=草原", "/api/v2/pages/?limit=1&type=content.ArticlePage",
         "/api/v2/pages/?limit=1&type=content.VideoPage&locale=bo"),
        PAGE_API, PAGE_FIELDS,
    ),
    "api/v2/^pages/<int:pk>/": api_route(
        ("/api/v2/pages/{article.pk}/", "/api/v2/pages/{video.pk}/"), PAGE_API, PAGE_FIELDS,
        segment="/api/v2/pages/{}/",
    ),
    "api/v2/^pages/find/": api_route(
        ("/api/v2/pages/find/?html_path=/zh-hans/ecology/grassland/",
         "/api/v2/pages/find/?id={article.pk}"),
        PAGE_API, PAGE_FIELDS,
    ),
    "api/v2/^images/": api_route(("/api/v2/images/?limit=1",), IMAGE_API, IMAGE_FIELDS),
    "api/v2/^images/<int:pk>/": api_route(
        ("/api/v2/images/1/",), IMAGE_API, IMAGE_FIELDS, segment="/api/v2/images/{}/"
    ),
    "api/v2/^images/find/": api_route(("/api/v2/images/find/?id=1",), IMAGE_API, IMAGE_FIELDS),
    "api/v2/^documents/": api_route(("/api/v2/documents/?limit=1",), DOCUMENT_API, DOCUMENT_FIELDS),
    "api/v2/^documents/<int:pk>/": api_route(
        ("/api/v2/documents/1/",), DOCUMENT_API, DOCUMENT_FIELDS,
        segment="/api/v2/documents/{}/",
    ),
    "api/v2/^documents/find/": api_route(
        ("/api/v2/documents/find/?id=1",), DOCUMENT_API, DOCUMENT_FIELDS
    ),
    "embed.js": Route(("/embed.js",)),
    "oembed/": Route(
        ("/oembed/?url=http://testserver/zh-hans/ecology/grassland/",
         "/oembed/?url=http://testserver/bo/health/clip/&format=xml"),
        ("url", "format", "maxwidth", "maxheight"),
    ),
    "embed/page/<int:page_id>/": Route(
        ("/embed/page/{article.pk}/", "/embed/page/{video.pk}/"), segment="/embed/page/{}/"
    ),
    "embed/<str:lang>/": Route(
        ("/embed/zh-hans/", "/embed/bo/", "/embed/mn/"), WIDGET, segment="/embed/{}/"
    ),
    "embed/<str:lang>/<slug:channel>/": Route(
        ("/embed/zh-hans/ecology/", "/embed/bo/health/", "/embed/mn/ecology/"),
        minor=WIDGET, segment="/embed/zh-hans/{}/",  # the same view as embed/<str:lang>/
    ),
    "sitemap.xml": Route(("/sitemap.xml",), ("p",)),
    "": Route(("/",), all_headers=True),
    "^media/(?P<path>.+)$": Route(("/media/{clip}",), segment="/media/{}", all_headers=True),
    "documents/^(\\d+)/(.*)$": Route(("/documents/1/a.pdf",), segment="/documents/{}/a.pdf"),
    "documents/authenticate_with_password/<int:restriction_id>/": Route(
        ("/documents/authenticate_with_password/1/",),
        ("return_url",),
        segment="/documents/authenticate_with_password/{}/",
    ),
    "<lang>/search/": Route(
        ("/zh-hans/search/?q=草原", "/bo/search/", "/mn/search/?q=x"),
        ("q", "channel", "type", "page"),
    ),
    "<lang>/offline/": Route(("/zh-hans/offline/", "/bo/offline/", "/mn/offline/")),
    "<lang>/_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        Route(
            ("/zh-hans/_util/authenticate_with_password/1/{article.pk}/",),
            ("return_url",),
            segment="/zh-hans/_util/authenticate_with_password/1/{}/",
        )
    ),
    "<lang>/_util/login/": Route(("/zh-hans/_util/login/", "/bo/_util/login/"), ("next",)),
    "<lang>/^((?:[\\w\\-]+/)*)$": Route(
        ("/zh-hans/ecology/", "/zh-hans/", "/zh-hans/ecology/grassland/",
         "/bo/health/clip/", "/bo/", "/mn/ecology/", "/mn/ecology/grassland-mn/"),
        PAGE, segment="/zh-hans/ecology/{}/", all_headers=True,
    ),
}  # fmt: skip
# The project's own catch-all (any segment: Tibetan slugs), in front of Wagtail's.
ROUTES["<lang>/^((?:[^/]+/)*)$"] = ROUTES["<lang>/^((?:[\\w\\-]+/)*)$"]
for _kind in ("rss.xml", "atom.xml", "feed.json"):
    ROUTES[f"feeds/<str:lang>/{_kind}"] = Route(
        tuple(f"/feeds/{lang}/{_kind}" for lang in ("zh-hans", "bo", "mn")),
        segment=f"/feeds/{{}}/{_kind}",
        all_headers=_kind == "rss.xml",
    )
    ROUTES[f"feeds/<str:lang>/<slug:channel>/{_kind}"] = Route(
        tuple(f"/feeds/{lang}/ecology/{_kind}" for lang in ("zh-hans", "bo", "mn")),
        segment=f"/feeds/zh-hans/{{}}/{_kind}",
    )
PRIVATE = ("admin/",)  # behind a login: the admin's own forms validate its input


def public_patterns():
    """The resolver's patterns outside PRIVATE, language prefixes written "<lang>/"."""

    def walk(patterns, prefix):
        for pattern in patterns:
            text = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if type(pattern.pattern).__name__ == "LocalePrefixPattern":
                    text = "<lang>/"
                yield from walk(pattern.url_patterns, prefix + text)
            elif isinstance(pattern, URLPattern):
                yield prefix + text

    with translation.override("zh-hans"):
        found = set(walk(get_resolver().url_patterns, ""))
    return {p for p in found if not p.startswith(PRIVATE)}


def test_every_public_pattern_is_in_the_table():
    patterns = public_patterns()
    assert patterns - set(ROUTES) == set(), "new public URL patterns: add them to ROUTES"
    # The media route exists only with files on this server's disk (no S3); Wagtail's
    # catch-all is shadowed by the project's own when that is there.
    assert set(ROUTES) - patterns <= {"^media/(?P<path>.+)$", "<lang>/^((?:[\\w\\-]+/)*)$"}


@pytest.fixture
def pages(site_tree, make_article, make_video, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "clip.mp4").write_bytes(b"\0" * 4096)  # for the Range headers
    return {
        "article": make_article("zh-hans", slug="grassland"),
        "article_mn": make_article("mn", slug="grassland-mn"),
        "video": make_video("bo", slug="clip"),
        "clip": "clip.mp4",
    }


def with_query(address, name, raw):
    return f"{address}{'&' if '?' in address else '?'}{name}={raw}"


def requests_for(route, pages):
    """(label, address, headers) for every request the matrix sends to ``route``."""
    samples = [sample.format(**pages) for sample in route.samples]
    first, others = samples[0], samples[1:]
    for name in route.params:
        for label, raw in VALUES.items():
            yield f"{name}={label}", with_query(first, name, raw), {}
        # A repeated parameter (?x=1&x=<hostile>): views read the last, Wagtail the first.
        yield f"{name}=[1, nul]", with_query(with_query(first, name, "1"), name, "%00"), {}
    for name in route.minor:
        for label in route.minor_values or SHARP:
            yield f"{name}={label}", with_query(first, name, VALUES[label]), {}
    for label in SHARP:
        yield f"{UNKNOWN}={label}", with_query(first, UNKNOWN, VALUES[label]), {}
    for sample in others:
        yield "(none)", sample, {}
        for i, name in enumerate(route.params):
            label = SHARP[i % len(SHARP)]
            yield f"{name}={label}", with_query(sample, name, VALUES[label]), {}
    if route.segment:
        for label, raw in SEGMENTS.items():
            yield f"segment {label}", route.segment.format(raw), {}
    for header, values in HEADERS.items():
        for value in values if route.all_headers else values[:1]:
            yield f"{header}: {value[:30]!r}", first, {header: value}


def problem(route, label, response, records):
    """What is wrong with one answer, or None."""
    status = response.status_code
    if status >= 500 and not (label.startswith("format=") and status == 501):
        return f"{status}"
    # A traceback at ERROR is what a 500 leaves (147 KB each); Django's security log
    # lines (a path out of MEDIA_ROOT) are one line each, and wanted.
    errors = [r for r in records if r.levelno >= logging.ERROR and r.exc_info]
    if errors:
        return f"traceback logged: {errors[0].getMessage()[:200]}"
    if 400 <= status < 500:
        body = b"".join(response) if response.streaming else response.content
        if not body.strip():
            return f"{status} without a message"
        if route.json and status != 405:
            try:
                answer = json.loads(body)
            except ValueError:
                return f"{status} is not JSON: {body[:80]!r}"
            if not (answer.get("message") or answer.get("error")):
                return f"{status} JSON without a message: {answer}"
    return None


# The project's catch-all and Wagtail's are the same Route: walk it once.
WALKED = sorted({id(route): pattern for pattern, route in sorted(ROUTES.items())}.values())


@pytest.mark.parametrize("pattern", WALKED)
def test_hostile_input_gets_a_clear_answer_never_a_500(pattern, pages, caplog):
    client = Client(raise_request_exception=False)
    route = ROUTES[pattern]
    failures = []
    for label, address, headers in requests_for(route, pages):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            response = client.get(address, **headers)
        found = problem(route, label, response, caplog.records)
        if found:
            failures.append(f"{label}: {address[:100]} → {found}")
    assert not failures, f"{len(failures)} bad answers:\n" + "\n".join(failures[:40])
