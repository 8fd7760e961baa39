"""The query parameters each cacheable view reads, and the one canonical spelling of
each value, for the full-page cache (cms/page_cache.py).

The cache keys a page on these parameters only, and the request is rewritten to its
canonical form before the view sees it: ``?utm_source=x``, ``?page=02&page=2`` or
``?theme=pink`` are the same entry (and the same bytes) as the clean address, so a
flood of made-up parameters cannot push the pages readers want out of the cache.

A value is made canonical by a normaliser: it returns the canonical string, ``None``
when the value means the same as no value (the view would fall back to its default),
or raises ``Uncacheable`` when the value is valid but rare and unbounded (page 5000):
the view then renders it, uncached. The normalisers repeat the views' own rules, but
need not be exact: the view only ever sees the canonical request.

A cacheable view names its kind with ``page_cache.tag(response, ..., params=KIND)``;
without it the kind is the page model (``content.channelpage``) or the URL name.
"""

import re
from urllib.parse import urlsplit

from django.http import QueryDict

from cms import languages


class Uncacheable(Exception):
    """A real but rare value: render it, do not keep it."""


def number(default=1, high=100):
    """Page numbers, sizes: integers; the default and anything that is not a number
    read as no value; above ``high``, uncached."""

    def normalise(value):
        try:
            n = int(value)
        except ValueError:
            return None
        if n == default or n < 1:
            return None
        if n > high:
            raise Uncacheable
        return str(n)

    return normalise


def choice(*allowed, strict=False):
    """One of ``allowed``; anything else is no value (the view's default), or, with
    ``strict``, an answer that is not kept (the view refuses it)."""

    def normalise(value):
        if value in allowed:
            return value
        if strict and value:
            raise Uncacheable
        return None

    return normalise


def text(limit):
    """Free text (a search): kept as typed, up to ``limit`` characters."""

    def normalise(value):
        if not value:
            return None
        if len(value) > limit:
            raise Uncacheable
        return value

    return normalise


SLUG = re.compile(r"^[-\w]{1,100}$")


def slug(value):
    if not value:
        return None
    if not SLUG.match(value):
        raise Uncacheable
    return value


FRAME_ID = re.compile(r"^[-\w]{1,40}$")


def frame_id(value):
    if not value:
        return None
    if not FRAME_ID.match(value):
        raise Uncacheable
    return value


def origin(value):
    """A web page's origin (the embed widget's parent), as the widget reads it."""
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and not parts.path.strip("/"):
        return f"{parts.scheme}://{parts.netloc.lower()}"
    return None


def our_url(value):
    """A page address (oEmbed ``url``): its query and fragment do not name another page."""
    if not value:
        return None
    if len(value) > 2000:
        raise Uncacheable
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Uncacheable
    return f"{parts.scheme}://{parts.netloc.lower()}{parts.path}"


# The embed widget's options, which a partner sets on the placeholder: the number of
# items, the colours and the layout; the first of each choice is the default. The widget
# (content/syndication/embed.py) and its admin form read them from here.
EMBED_LIMIT = 5
EMBED_MAX_LIMIT = 20
EMBED_THEMES = ("light", "dark")
EMBED_LAYOUTS = ("list", "cards")

LANGUAGE = choice(*languages.CODES)
SEARCH = {
    "q": text(200),
    "channel": slug,
    "type": choice("article", "video", strict=True),
    "page": number(),
}
PARAMS = {
    # Wagtail pages: listings are paginated, videos offer a larger quality.
    "content.homepage": {},
    "content.channelpage": {"page": number()},
    "content.articlepage": {},
    "content.videopage": {"quality": choice("720")},
    "search": SEARCH,
    "search_api": {**SEARCH, "lang": choice(*languages.CODES, strict=True)},
    "oembed": {
        "url": our_url,
        "format": choice("json", "xml", strict=True),
        "maxwidth": number(default=None, high=4000),
        "maxheight": number(default=None, high=4000),
    },
    "embed_page": {},
    "embed": {
        "limit": number(default=EMBED_LIMIT, high=EMBED_MAX_LIMIT),
        "theme": choice(*EMBED_THEMES[1:]),
        "layout": choice(*EMBED_LAYOUTS[1:]),
        "fallback": LANGUAGE,
        "id": frame_id,
        "origin": origin,
    },
    "sitemap": {"p": number()},
}
PARAMS["embed_channel"] = PARAMS["embed"]
for _kind in ("rss", "atom", "json"):
    PARAMS[f"feed_{_kind}"] = PARAMS[f"channel_feed_{_kind}"] = {}


def canonical(query, kind):
    """``query`` (a QueryDict) as the canonical query string for a view of ``kind``:
    only the parameters it reads, their last value, canonical, sorted. Raises
    Uncacheable for an answer that must not be kept, KeyError for an unknown kind."""
    rules = PARAMS[kind]
    kept = QueryDict(mutable=True)
    for name in sorted(rules):
        if name in query:
            try:
                value = rules[name](query[name])
            except ValueError as exc:  # unreadable (urlsplit on "http://[::1"): the view says
                raise Uncacheable from exc
            if value is not None:
                kept[name] = value
    return kept.urlencode()
