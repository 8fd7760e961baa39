"""The full-page cache: anonymous readers get cached pages with ETags and 304s, a
publish is visible on the very next request, editors are never served from it."""

import gzip
from urllib.parse import urlencode

import pytest

from django.contrib.auth import get_user_model

from content.publish_gate import operator


@pytest.fixture
def article(site_tree, make_article):
    return make_article("bo", topic="health", slug="cached")


def test_second_request_is_a_hit_and_revalidates_with_304(client, article):
    first = client.get(article.url)
    assert first["X-Kepu-Cache"] == "miss" and first["ETag"]
    assert "max-age=0" in first["Cache-Control"] and "public" in first["Cache-Control"]
    second = client.get(article.url)
    assert second["X-Kepu-Cache"] == "hit" and second.content == first.content
    again = client.get(article.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_a_publish_is_visible_on_the_very_next_request(
    client, article, django_capture_on_commit_callbacks
):
    channel = article.get_parent().specific
    for url in (article.url, channel.url, "/bo/", "/feeds/bo/rss.xml", "/embed/bo/health/"):
        assert client.get(url)["X-Kepu-Cache"] == "miss"
        assert client.get(url)["X-Kepu-Cache"] == "hit"
    article.title = "ཁ་བའི་གནོད་འཚེ་གསར་པ"
    with django_capture_on_commit_callbacks(execute=True), operator("test: a published change"):
        article.save_revision().publish()
    for url in (article.url, channel.url, "/bo/", "/feeds/bo/rss.xml", "/embed/bo/health/"):
        response = client.get(url)
        assert "ཁ་བའི་གནོད་འཚེ་གསར་པ" in response.content.decode(), url


def test_unpublishing_removes_the_page_at_once(client, article, django_capture_on_commit_callbacks):
    assert client.get(article.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(article.url).status_code == 404
    assert article.title not in client.get(article.get_parent().url).content.decode()


def test_a_translation_purges_its_sources_language_switcher(
    client, site_tree, make_article, django_capture_on_commit_callbacks
):
    source = make_article("zh-hans", topic="health", slug="switcher")
    client.get(source.url)
    with django_capture_on_commit_callbacks(execute=True):
        translation = make_article("mn", topic="health", slug="switcher-mn", translation_of=source)
    assert translation.url in client.get(source.url).content.decode()


def test_editors_are_never_served_from_the_cache(client, article):
    client.get(article.url)
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(editor)
    response = client.get(article.url)
    assert "X-Kepu-Cache" not in response


def test_options_and_save_data_are_separate_entries(client, article):
    assert client.get("/embed/bo/health/?limit=1")["X-Kepu-Cache"] == "miss"
    assert client.get("/embed/bo/health/?limit=2")["X-Kepu-Cache"] == "miss"
    assert client.get(article.url, HTTP_SAVE_DATA="on")["X-Kepu-Cache"] == "miss"
    assert "Save-Data" in client.get(article.url)["Vary"]


def test_private_pages_and_errors_are_not_cached(client, article):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    client.get(article.url)
    assert "X-Kepu-Cache" not in client.get(article.url)
    assert "X-Kepu-Cache" not in client.get("/bo/no-such-page/")


def test_pages_are_gzipped_and_still_revalidate(client, article):
    plain = client.get(article.url)
    zipped = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["X-Kepu-Cache"] == "hit" and zipped["Content-Encoding"] == "gzip"
    assert len(zipped.content) < len(plain.content) / 2
    assert gzip.decompress(zipped.content) == plain.content
    assert "Accept-Encoding" in zipped["Vary"]
    fresh = client.get(article.get_parent().url, HTTP_ACCEPT_ENCODING="gzip")  # a miss
    assert fresh["X-Kepu-Cache"] == "miss" and fresh["Content-Encoding"] == "gzip"
    again = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert again.status_code == 304


# Made-up parameters, headers, cookies and ports (issue 14, item 12) ----------------------

# What readers' apps, trackers and attackers add to an address; none is read by a view.
JUNK = (
    "utm_source=partner&utm_medium=feed",
    "from=singlemessage&isappinstalled=0",
    "junk-marker=1",
    "page=abc",  # not a number: the listing's first page, as with no page at all
    "limit=5&theme=pink",  # a widget's default and an unknown theme
)


def cached_urls(article):
    return (
        article.url,
        article.get_parent().url,
        "/bo/",
        "/feeds/bo/rss.xml",
        "/feeds/bo/health/atom.xml",
        "/embed/bo/health/",
        "/embed/bo/health/?layout=cards",
        # (in the canonical spelling: the parameters sorted, the address percent-encoded)
        "/oembed/?" + urlencode({"maxheight": 400, "url": f"http://testserver{article.url}"}),
        "/sitemap.xml",
        "/bo/search/?q=%E0%BD%81",
        "/api/search/?lang=bo&q=%E0%BD%81",
    )


def with_query(url, query):
    return url + ("&" if "?" in url else "?") + query


@pytest.mark.parametrize("junk", JUNK)
def test_made_up_parameters_get_the_clean_entry_and_never_show(client, article, junk):
    for url in cached_urls(article):
        clean = client.get(url)
        assert clean.status_code == 200 and clean["X-Kepu-Cache"] == "miss", url
        junked = client.get(with_query(url, junk))
        assert junked.status_code == 200 and junked["X-Kepu-Cache"] == "hit", (url, junk)
        assert junked.content == clean.content, (url, junk)
        # nginx keys on the address as sent: it must not keep this one.
        assert junked["X-Accel-Expires"] == "0" and clean["X-Accel-Expires"] == "1"


def test_a_first_request_with_junk_is_answered_but_not_kept_as_it_is(client, article):
    first = client.get(article.url + "?junk-marker=1")
    assert first.status_code == 200
    second = client.get(article.url + "?junk-marker=2")  # now the path's parameters are known
    assert second["X-Kepu-Cache"] == "miss" and "junk-marker" not in second.content.decode()
    clean = client.get(article.url)
    assert clean["X-Kepu-Cache"] == "hit" and "junk-marker" not in clean.content.decode()


def test_parameters_a_view_reads_still_make_their_own_entries(client, article):
    for url in ("/embed/bo/health/?limit=1", "/embed/bo/health/?limit=2"):
        assert client.get(url)["X-Kepu-Cache"] == "miss"
    assert client.get("/embed/bo/health/?theme=dark&limit=1")["X-Kepu-Cache"] == "miss"
    # The same parameters in another order or spelling: the same entry.
    assert client.get("/embed/bo/health/?limit=1&theme=dark")["X-Kepu-Cache"] == "hit"
    assert client.get("/embed/bo/health/?limit=01&limit=1")["X-Kepu-Cache"] == "hit"


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SAVE_DATA": "maybe"},
        {"HTTP_SAVE_DATA": ""},
        {"HTTP_COOKIE": "kepu_lite=junk; kepu_large=2"},
        {"HTTP_COOKIE": "kepu_large=0"},
        {"HTTP_HOST": "testserver:1234"},
        {"HTTP_HOST": "TESTSERVER"},
    ],
)
def test_unknown_reading_values_and_ports_are_the_plain_entry(client, article, headers):
    plain = client.get(article.url)
    other = client.get(article.url, **headers)
    assert other["X-Kepu-Cache"] == "hit" and other.content == plain.content


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_SAVE_DATA": "on"}, {"HTTP_SAVE_DATA": "ON"}, {"HTTP_COOKIE": "kepu_lite=1"}],
)
def test_real_reading_modes_are_their_own_entry(client, article, headers):
    plain = client.get(article.url)
    lite = client.get(article.url, **headers)
    assert lite["X-Kepu-Cache"] == "miss" and lite.content != plain.content


def test_a_port_in_the_host_never_reaches_an_address(client, article):
    for url in (
        *cached_urls(article),
        "/feeds/bo/feed.json",
        "/oembed/?format=xml&maxheight=400&url=http://testserver" + article.url,
    ):
        response = client.get(url, HTTP_HOST="testserver:1234")
        assert response.status_code == 200, url
        assert ":1234" not in response.content.decode(), url
        assert not any(":1234" in value for _, value in response.items()), url
        # and nothing rendered for that Host is served to anyone else
        assert ":1234" not in client.get(url).content.decode(), url


@pytest.fixture
def small_cache(settings):
    """A page cache that holds 200 entries: more than a few distinct keys evict."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "small-pages",
            "OPTIONS": {"MAX_ENTRIES": 200, "CULL_FREQUENCY": 2},
        },
    }
    from django.core.cache import caches

    yield caches["pages"]
    caches["pages"].clear()


def test_a_flood_of_made_up_requests_does_not_evict_a_hot_page(client, article, small_cache):
    """6,000 requests with junk parameters, Save-Data values, cookies and ports (what
    flushed every hot page in 20 s) leave the hot page in the cache."""
    hot = article.url
    urls = [hot, article.get_parent().url, "/bo/", "/feeds/bo/rss.xml", "/embed/bo/health/"]
    for url in urls:
        client.get(url)
    assert client.get(hot)["X-Kepu-Cache"] == "hit"
    before = len(small_cache._cache)
    for n in range(6000):
        url, kind = urls[n % len(urls)], n % 4
        if kind == 0:
            response = client.get(with_query(url, f"utm_id={n}"))
        elif kind == 1:
            response = client.get(url, HTTP_SAVE_DATA=f"x{n}")
        elif kind == 2:
            response = client.get(url, HTTP_COOKIE=f"kepu_lite={n}; kepu_large={n}")
        else:
            response = client.get(url, HTTP_HOST=f"testserver:{1000 + n}")
        assert response.status_code == 200
    assert client.get(hot)["X-Kepu-Cache"] == "hit"
    assert len(small_cache._cache) <= before + len(urls)  # path records at most


# Purges against skewed clocks (issue 14, item 15) ----------------------------------------


@pytest.mark.parametrize("skew", [-3600, -1, 0, 1, 3600])
def test_a_purge_made_while_a_page_renders_is_never_lost_whatever_the_clocks(rf, monkeypatch, skew):
    """Machine A renders a page; meanwhile machine B, whose clock is ``skew`` seconds
    off A's, publishes and purges. The next reader must get the new page."""
    import time

    from django.http import HttpResponse

    from cms import page_cache

    now = time.time()
    clock = {"offset": 0}
    monkeypatch.setattr(time, "time", lambda: now + clock["offset"])
    monkeypatch.setattr(time, "time_ns", lambda: int((now + clock["offset"]) * 1e9))
    content = {"body": "old"}

    def view(request):
        response = HttpResponse(content["body"])  # A has read the old content
        clock["offset"] = skew  # B's clock
        content["body"] = "new"
        page_cache.purge("page:1")
        clock["offset"] = 0
        return page_cache.tag(response, "page:1", params="content.articlepage")

    middleware = page_cache.PageCacheMiddleware(view)
    assert middleware(rf.get("/a/")).content == b"old"
    assert middleware(rf.get("/a/")).content == b"new"


def test_purges_are_seen_after_the_clock_goes_backwards(rf, monkeypatch):
    import time

    from django.http import HttpResponse

    from cms import page_cache

    content = {"body": "v1"}
    middleware = page_cache.PageCacheMiddleware(
        lambda request: page_cache.tag(HttpResponse(content["body"]), "page:2", params="embed_page")
    )
    start = time.time()
    for step, body in enumerate(("v2", "v3", "v4")):
        assert middleware(rf.get("/b/")).content == content["body"].encode()
        assert middleware(rf.get("/b/"))["X-Kepu-Cache"] == "hit"
        # each purge on a machine whose clock is further behind
        monkeypatch.setattr(time, "time", lambda s=step: start - 3600 * (s + 1))
        monkeypatch.setattr(time, "time_ns", lambda s=step: int((start - 3600 * (s + 1)) * 1e9))
        content["body"] = body
        page_cache.purge("page:2")
    assert middleware(rf.get("/b/")).content == b"v4"


HOSTILE = ("http://[::1/a", "http://[", "9" * 5000, "-1", "0", "%00", "\x00", "x" * 3000, "１２")


def test_hostile_values_of_read_parameters_never_break_the_cache(article):
    """Once a path's parameters are known, every value of each goes through its
    normaliser: whatever it is, the reader gets an answer, never a 500."""
    from django.test import Client

    from cms.cache_params import PARAMS

    client = Client(raise_request_exception=False)
    names = sorted({name for rules in PARAMS.values() for name in rules})
    for url in cached_urls(article):
        assert client.get(url).status_code == 200
        for name in names:
            for value in HOSTILE:
                response = client.get(with_query(url, urlencode({name: value})))
                assert response.status_code != 500, (url, name, value)  # 501: oEmbed format


def test_purges_are_seen_whichever_worker_stored_the_page(rf):
    """Each worker reads a page's tag versions with the page, guessing its tags from
    when it last saw it; a page stored by another worker, with other tags, is still
    purged by its own tags."""
    from django.http import HttpResponse

    from cms import page_cache

    view = {"body": "v1", "tags": ("page:7",)}
    middleware = page_cache.PageCacheMiddleware(
        lambda request: page_cache.tag(
            HttpResponse(view["body"]), *view["tags"], params="embed_page"
        )
    )
    assert middleware(rf.get("/c/")).content == b"v1"
    assert middleware(rf.get("/c/"))["X-Kepu-Cache"] == "hit"
    # Another worker renders the page after a purge; its tags have changed.
    view.update(body="v2", tags=("page:8",))
    page_cache.purge("page:7")
    assert middleware(rf.get("/c/")).content == b"v2"
    # This worker still guesses the old tags.
    for key in page_cache._TAG_KEYS:
        page_cache._TAG_KEYS[key] = ("pc:tag:page:7",)
    assert middleware(rf.get("/c/"))["X-Kepu-Cache"] == "hit"
    view["body"] = "v3"
    page_cache.purge("page:8")
    assert middleware(rf.get("/c/")).content == b"v3"
