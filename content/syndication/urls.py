from functools import wraps

from django.urls import path
from django.views.decorators.cache import cache_control

from wagtail.contrib.sitemaps.views import sitemap

from cms import page_cache

from . import embed, feeds, oembed
from .sitemap import PagesSitemap


def tagged(prefix, per_language=True):
    """Keep a view's answers in the page cache under "<prefix>:<lang>" (or <prefix>),
    purged when content is published (content/publishing.py). Widgets are tagged for
    all languages at once: their fallback option shows another language's items."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            lang = kwargs.get("lang") if per_language else None
            return page_cache.tag(response, f"{prefix}:{lang}" if lang else prefix)

        return wrapper

    return decorate


# Readers and aggregators may cache a feed for five minutes.
cached = cache_control(public=True, max_age=300)
FORMATS = {
    "rss.xml": feeds.PageFeed(),
    "atom.xml": feeds.AtomFeed(),
    "feed.json": feeds.JSONPageFeed(),
}

urlpatterns = [
    path("embed.js", embed.script, name="embed_js"),
    path("oembed/", tagged("embed", per_language=False)(oembed.oembed), name="oembed"),
    path(
        "embed/page/<int:page_id>/",
        tagged("embed", per_language=False)(oembed.embed_page),
        name="embed_page",
    ),
    path("embed/<str:lang>/", tagged("embed", per_language=False)(embed.widget), name="embed"),
    path(
        "embed/<str:lang>/<slug:channel>/",
        tagged("embed", per_language=False)(embed.widget),
        name="embed_channel",
    ),
]
urlpatterns += [
    # Purged with every publish, unpublish, move or delete (content/publishing.py).
    path(
        "sitemap.xml",
        tagged("sitemap", per_language=False)(sitemap),
        {"sitemaps": {"pages": PagesSitemap}},
        name="sitemap",
    ),
]
for name, feed in FORMATS.items():
    kind = name.split(".")[0]
    urlpatterns += [
        path(f"feeds/<str:lang>/{name}", tagged("feed")(cached(feed)), name=f"feed_{kind}"),
        path(
            f"feeds/<str:lang>/<slug:channel>/{name}",
            tagged("feed")(cached(feed)),
            name=f"channel_feed_{kind}",
        ),
    ]
