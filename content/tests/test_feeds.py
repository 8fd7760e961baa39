"""Feeds for county media centres: RSS 2.0, Atom and JSON Feed 1.1, per language and
per channel, valid for real feed readers, whatever the titles contain."""

import json

import feedparser
import pytest

from media.models import Narration, Video

FORMATS = ["rss.xml", "atom.xml"]


@pytest.fixture
def content(site_tree, make_article, make_video):
    video = Video.objects.create(
        title="v", original="video/o.mp4", state="ready", small="videos/s.mp4",
        small_size=2_400_000, duration=60.0,
    )  # fmt: skip
    narration = Narration.objects.create(
        title="n", original="narration/o.mp3", state="ready", file="audio/n.m4a", file_size=360_000
    )
    return {
        "article": make_article("bo", slug="feed-article", narration=narration),
        "video": make_video("bo", slug="feed-video", video=video, video_url=""),
        "hostile": make_article(
            "bo", topic="health", slug="hostile", title="<script>alert(1)</script> ཁ་བ"
        ),
        "zh": make_article("zh-hans", slug="zh-only"),
    }


@pytest.mark.parametrize("name", FORMATS)
def test_language_feeds_parse_cleanly(client, content, name):
    response = client.get(f"/feeds/bo/{name}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == "bo" if name == "rss.xml" else feed.feed.get("language") == "bo"
    titles = [entry.title for entry in feed.entries]
    assert "<script>alert(1)</script> ཁ་བ" in titles  # as text, escaped in the XML
    assert b"<script>alert" not in response.content
    assert content["zh"].title not in titles  # Tibetan feed, Tibetan pages only
    links = {entry.link for entry in feed.entries}
    # Addresses of the Site record (cms/public_url.py), not of the request's Host.
    assert "http://localhost/bo/ecology/feed-article/" in links


def test_rss_carries_video_and_narration_enclosures(client, content):
    feed = feedparser.parse(client.get("/feeds/bo/rss.xml").content)
    by_link = {entry.link.rsplit("/", 2)[-2]: entry for entry in feed.entries}
    [video] = by_link["feed-video"].enclosures
    assert video.type == "video/mp4" and video.length == "2400000"
    assert video.href.endswith("/media/videos/s.mp4") and video.href.startswith("http")
    [audio] = by_link["feed-article"].enclosures
    assert audio.type == "audio/mp4" and audio.href.endswith("/media/audio/n.m4a")


def test_channel_feeds_hold_only_their_channel(client, content):
    feed = feedparser.parse(client.get("/feeds/bo/health/atom.xml").content)
    assert not feed.bozo
    slugs = {entry.link.rsplit("/", 2)[-2] for entry in feed.entries}
    assert "hostile" in slugs and "feed-article" not in slugs
    assert "·" in feed.feed.title  # "<channel> · <site>"


def test_json_feed_has_the_required_fields(client, content):
    response = client.get("/feeds/bo/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and isinstance(feed["items"], list) and feed["language"] == "bo"
    for item in feed["items"]:
        assert item["id"] and ("content_html" in item or "content_text" in item)
        assert item["url"].startswith("http://localhost/bo/")
    video = next(i for i in feed["items"] if i["url"].endswith("/feed-video/"))
    assert video["attachments"] == [
        {"url": "http://localhost/media/videos/s.mp4", "mime_type": "video/mp4",
         "size_in_bytes": 2400000}
    ]  # fmt: skip


def test_mongolian_feed_says_mn_mong(client, site_tree, make_article):
    make_article("mn", slug="mn-feed")
    feed = feedparser.parse(client.get("/feeds/mn/atom.xml").content)
    assert not feed.bozo and feed.feed.get("language") == "mn-Mong"


@pytest.mark.parametrize(
    "url",
    ["/feeds/xx/rss.xml", "/feeds/bo/no-such-channel/rss.xml", "/feeds/en/atom.xml",
     "/feeds/bo/health/../rss.xml", "/feeds/" + "b" * 5000 + "/feed.json"],
)  # fmt: skip
def test_unknown_languages_and_channels_are_404(client, site_tree, url):
    assert client.get(url).status_code == 404


def test_control_characters_never_reach_a_feed(client, site_tree, make_article):
    from content.models import ArticlePage

    page = make_article("zh-hans", slug="ctl")
    # Older or imported data may hold them, although the editor refuses them.
    ArticlePage.objects.filter(pk=page.pk).update(title="雪\x0b灾\x1f", summary="a\x01b")
    for name in ("rss.xml", "atom.xml"):
        response = client.get(f"/feeds/zh-hans/{name}")
        feed = feedparser.parse(response.content)
        assert not feed.bozo, name
        assert "雪灾" in [entry.title for entry in feed.entries]


def test_pages_advertise_their_feeds(client, content):
    html = client.get(content["article"].url).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/feeds/bo/rss.xml"' in html
    channel = client.get(content["article"].get_parent().url).content.decode()
    assert 'href="/feeds/bo/ecology/atom.xml"' in channel
