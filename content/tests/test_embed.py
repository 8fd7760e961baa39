"""The embeddable widget: options, languages, size, and who may frame it."""

import json
import re

import pytest

from django.core.exceptions import ValidationError

from cms.security import parse, script_hash
from content.models import Partner


@pytest.fixture
def items(site_tree, make_article, make_video):
    for n in range(7):
        make_article("bo", topic="health", slug=f"health-{n}")
    make_video("bo", topic="health", slug="health-video")
    make_article("zh-hans", topic="ecology", slug="eco-zh")
    make_article("mn", topic="health", slug="mn-health")


def test_widget_lists_the_latest_items_with_links_to_our_site(client, items):
    response = client.get("/embed/bo/health/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<li>") == 5  # the default limit
    assert 'target="_blank" rel="noopener"' in html
    assert (
        'href="http://localhost/bo/health/health-video/"' in html
        or "/bo/health/health-video/" in html
    )
    assert "utm_" not in html
    assert '<html lang="bo"' in html


@pytest.mark.parametrize(
    "query, count",
    [("limit=1", 1), ("limit=20", 8), ("limit=0", 1), ("limit=99", 8), ("limit=abc", 5),
     ("limit=" + "9" * 500, 8)],
)  # fmt: skip
def test_limit_is_kept_between_1_and_20(client, items, query, count):
    assert client.get(f"/embed/bo/health/?{query}").content.decode().count("<li>") == count


def test_theme_and_layout(client, items):
    html = client.get("/embed/bo/health/?theme=dark&layout=cards").content.decode()
    assert 'class="dark"' in html and '<body class="cards">' in html
    html = client.get("/embed/bo/health/?theme=<script>&layout=x").content.decode()
    assert 'class="light"' in html and '<body class="list">' in html and "<script>&" not in html


def test_all_channels_and_fallback_language(client, items):
    assert "eco-zh" in client.get("/embed/zh-hans/").content.decode()
    empty = client.get("/embed/zh-hans/health/").content.decode()
    assert "<li>" not in empty
    fallback = client.get("/embed/zh-hans/health/?fallback=bo")
    assert fallback.content.decode().count("<li>") == 5 and fallback["Content-Language"] == "bo"


def test_mongolian_widget_runs_vertically(client, items):
    html = client.get("/embed/mn/health/").content.decode()
    assert 'lang="mn-Mong" class="light vertical"' in html and "writing-mode:vertical-lr" in html


@pytest.mark.parametrize("url", ["/embed/xx/", "/embed/bo/nope/", "/embed/ru/health/"])
def test_unknown_language_or_channel_is_404(client, site_tree, url):
    assert client.get(url).status_code == 404


def test_widget_stays_under_30_kb(client, items):
    html = client.get("/embed/bo/health/?limit=20&layout=cards").content
    assert len(html) < 30_000


def test_only_registered_partners_may_frame_the_widget(
    client, items, settings, django_capture_on_commit_callbacks
):
    def frame_ancestors(url):
        return parse(client.get(url)["Content-Security-Policy"])["frame-ancestors"]

    assert frame_ancestors("/embed/bo/health/") == "'self'"
    with django_capture_on_commit_callbacks(execute=True):  # purges the cached widget
        Partner.objects.create(
            name="县融媒", origins="https://news.example.cn\nhttp://127.0.0.1:8123"
        )
        Partner.objects.create(name="停用", origins="https://old.example.cn", active=False)
    assert (
        frame_ancestors("/embed/bo/health/")
        == "'self' https://news.example.cn http://127.0.0.1:8123"
    )
    settings.KEPU_EMBED_ALLOW_ANY_ORIGIN = True
    assert frame_ancestors("/embed/bo/") == "*"


def test_every_other_page_refuses_framing(client, items):
    for url in ("/bo/", "/bo/health/", "/bo/search/?q=x", "/feeds/bo/rss.xml"):
        response = client.get(url)
        assert parse(response["Content-Security-Policy"])["frame-ancestors"] == "'self'", url


def test_resize_messages_go_only_to_the_named_origin(client, items):
    html = client.get("/embed/bo/health/?origin=https://news.example.cn&id=kepu-1").content.decode()
    assert 'var o="https://news.example.cn"' in html
    hostile = client.get('/embed/bo/health/?origin=javascript:alert(1)&id="</script>').content
    assert b"postMessage" not in hostile  # not an origin: no script at all


@pytest.mark.parametrize(
    "origins, ok",
    [("https://a.example.cn", True), ("http://127.0.0.1:8000\nhttps://b.example.cn/", True),
     ("https://a.example.cn/path", False), ("*", False), ("ftp://a.example.cn", False),
     ("https://a.example.cn; script-src *", False), ("a.example.cn", False)],
)  # fmt: skip
def test_partner_origins_are_checked(db, origins, ok):
    partner = Partner(name_zh_hans="p", origins=origins)
    if ok:
        partner.full_clean()
    else:
        with pytest.raises(ValidationError):
            partner.full_clean()


def test_embed_js_is_small_and_served_at_a_fixed_address(client, db):
    response = client.get("/embed.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert len(response.content) < 5 * 1024


def test_admin_gives_the_code_and_a_preview(admin_client, items):
    response = admin_client.get(
        "/admin/embed-code/",
        {"lang": "bo", "channel": "health", "limit": 3, "theme": "dark", "layout": "cards"},
    )
    code = response.context["code"]
    assert 'data-kepu-lang="bo" data-kepu-channel="health" data-kepu-limit="3"' in code
    assert '<script src="http://localhost/embed.js" async></script>' in code  # the Site's
    html = response.content.decode()
    assert 'src="/embed/bo/health/?limit=3&amp;theme=dark&amp;layout=cards"' in html


def test_embed_js_names_our_site_in_each_language_for_its_fallback_link(client, db):
    """An unregistered site gets a link instead of the frame: its text is our name in
    the frame's language, from the catalogues, in ASCII escapes (the partner's page may
    have another charset)."""
    body = client.get("/embed.js").content
    assert body.isascii()
    names = json.loads(re.search(rb"var NAMES = (\{.*?\});", body).group(1))
    assert names == {
        "zh-hans": ["zh-Hans", "青海科普"],
        "bo": ["bo", "མཚོ་སྔོན་ཚན་རིག་དར་སྤེལ"],
        # The suffixes are joined by narrow no-break spaces (U+202F), as Mongolian needs.
        "mn": ["mn-Mong", "ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ\u202fᠤᠨ ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ\u202fᠤ ᠳᠡᠯᠭᠡᠷᠡᠭᠦᠯᠦᠯᠲᠡ"],
    }


@pytest.mark.parametrize(
    "url, font",
    [("/embed/bo/health/", "NotoSerifTibetan-Regular"), ("/embed/mn/health/", "NotoSansMongolian-Regular"),
     ("/embed/zh-hans/", None)],
)  # fmt: skip
def test_the_widget_fetches_only_its_own_script_font_early(client, items, url, font):
    html = client.get(url).content.decode()
    preloads = re.findall(r'<link rel="preload" href="[^"]*/fonts/([^"/.]+)\.woff2"', html)
    assert preloads == ([font] if font else [])


@pytest.mark.parametrize("url", ["/embed/bo/health/?origin=https://news.example.cn&id=kepu-1"])
def test_every_inline_script_of_the_widget_is_allowed_by_its_policy(client, items, url):
    """The widget's scripts (font wait, resize messages) run only if the page's
    Content-Security-Policy names their hashes; a script it does not name would be
    silently blocked, and the frame would stay hidden on the partner's page."""
    response = client.get(url)
    allowed = parse(response["Content-Security-Policy"])["script-src"].split()
    scripts = re.findall(r"<script>(.*?)</script>", response.content.decode(), re.S)
    assert len(scripts) == 2
    assert all(script_hash(source) in allowed for source in scripts)
