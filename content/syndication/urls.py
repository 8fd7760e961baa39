from django.urls import path
from django.views.decorators.cache import cache_control

from . import embed, feeds, oembed

# Readers and aggregators may cache a feed for five minutes.
cached = cache_control(public=True, max_age=300)
FORMATS = {
    "rss.xml": feeds.PageFeed(),
    "atom.xml": feeds.AtomFeed(),
    "feed.json": feeds.JSONPageFeed(),
}

urlpatterns = [
    path("embed.js", embed.script, name="embed_js"),
    path("oembed/", oembed.oembed, name="oembed"),
    path("embed/page/<int:page_id>/", oembed.embed_page, name="embed_page"),
    path("embed/<str:lang>/", embed.widget, name="embed"),
    path("embed/<str:lang>/<slug:channel>/", embed.widget, name="embed_channel"),
]
for name, feed in FORMATS.items():
    kind = name.split(".")[0]
    urlpatterns += [
        path(f"feeds/<str:lang>/{name}", cached(feed), name=f"feed_{kind}"),
        path(f"feeds/<str:lang>/<slug:channel>/{name}", cached(feed), name=f"channel_feed_{kind}"),
    ]
