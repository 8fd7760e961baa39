"""Every absolute address the site gives out (canonical, og:url and the share card,
hreflang, JSON-LD, RSS, Atom, JSON Feed, the sitemap, the JSON APIs, oEmbed, the embed
widget's thumbnails) carries the configured public address: its scheme, host and port,
whatever Host the request came with. Checked under three configured addresses: a LAN
address with a port (`make run HOST=0.0.0.0 PORT=8108`), an https name (production) and
https on another port (the production smoke stack)."""

import io
import json
import re
from urllib.parse import urlsplit

import pytest

from django.core.files.images import ImageFile

from wagtail.models import ReferenceIndex, Site

from cms import public_url
from content.site_setup import sync_public_address
from media.models import KepuImage, Narration, Video

BASES = ["http://192.0.2.7:8108", "https://kepu.example.cn", "https://localhost:8443"]
# Names in documents that are not links of ours: XML namespaces, JSON-LD's context, the
# JSON Feed version.
FOREIGN = {"schema.org", "jsonfeed.org", "www.w3.org", "www.sitemaps.org", "ogp.me", "purl.org"}
URL = re.compile(r"""https?://[^\s"'<>\\)]+""")


def configure(settings, base):
    """What KEPU_BASE_URL=base gives (cms/settings/base.py), then the setup step."""
    settings.KEPU_SITE_URL = base
    settings.WAGTAILADMIN_BASE_URL = base
    return sync_public_address()


@pytest.fixture
def content(site_tree, make_article, make_video, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # Search indexing waits for the commit, which a test's transaction never makes.
    monkeypatch.setattr("cms.after_commit.transaction.on_commit", lambda callback, **kw: callback())
    picture = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (800, 450), (40, 110, 70)).save(picture, "PNG")
    image = KepuImage.objects.create(
        title="grass", alt_text_bo="རྩྭ་ཐང", file=ImageFile(picture, name="g.png")
    )
    video = Video.objects.create(
        title="v", original="video/o.mp4", state="ready", small="videos/s.mp4",
        small_size=1_000_000, duration=75.0, width=640, height=360,
    )  # fmt: skip
    narration = Narration.objects.create(
        title="n", original="narration/o.mp3", state="ready", file="audio/n.m4a", file_size=9
    )
    zh = make_article("zh-hans", topic="health", slug="url-article", lead_image=image)
    pages = {
        "zh": zh,
        "article": make_article(
            "bo",
            topic="health",
            slug="url-article",
            lead_image=image,
            narration=narration,
            translation_of=zh,
        ),
        "video": make_video("bo", slug="url-video", video=video, video_url="", poster=image),
    }
    for page in pages.values():
        ReferenceIndex.create_or_update_for_object(page)
    return pages


def addresses(text):
    """Every http(s) address in ``text`` that is not a namespace or a format's name."""
    return [url for url in URL.findall(text) if urlsplit(url).hostname not in FOREIGN]


def documents(client, pages):
    """{what: text} for every answer that carries absolute addresses."""
    article, video = pages["article"], pages["video"]
    api = "/api/v2/pages/"
    out = {
        "article page": client.get(article.url),
        "video page": client.get(video.url),
        "rss": client.get("/feeds/bo/rss.xml"),
        "atom": client.get("/feeds/bo/atom.xml"),
        "json feed": client.get("/feeds/bo/feed.json"),
        "channel rss": client.get("/feeds/bo/health/rss.xml"),
        "sitemap": client.get("/sitemap.xml"),
        "api list": client.get(
            api, {"type": "content.ArticlePage", "fields": "lead_image,narration_file"}
        ),
        "api detail": client.get(f"{api}{article.pk}/"),
        "api video": client.get(f"{api}{video.pk}/"),
        "api images": client.get("/api/v2/images/"),
        "search api": client.get("/api/search/", {"q": pages["zh"].title, "lang": "zh-hans"}),
        "oembed json": client.get("/oembed/", {"url": article.full_url}),
        "oembed xml": client.get("/oembed/", {"url": video.full_url, "format": "xml"}),
        "widget": client.get("/embed/bo/", {"layout": "list"}),
        "widget cards": client.get("/embed/bo/health/", {"layout": "cards"}),
        "embed page": client.get(f"/embed/page/{article.pk}/"),
    }
    for what, response in out.items():
        assert response.status_code == 200, (what, response.status_code)
    return {what: response.content.decode() for what, response in out.items()}


@pytest.mark.parametrize("base", BASES)
def test_every_absolute_address_is_the_configured_one(client, content, settings, base):
    assert configure(settings, base)
    assert public_url.root_url() == base
    texts = documents(client, content)
    wrong = {
        what: [url for url in addresses(text) if not url.startswith(base + "/")]
        for what, text in texts.items()
    }
    assert {what: urls for what, urls in wrong.items() if urls} == {}
    # …and each kind of address is there to be checked (no vacuous pass).
    article, video = content["article"], content["video"]
    page = texts["article page"]
    assert f'<link rel="canonical" href="{base}{article.url}">' in page
    assert f'<meta property="og:url" content="{base}{article.url}">' in page
    assert re.search(rf'<meta property="og:image" content="{re.escape(base)}/media/', page)
    assert f'hreflang="zh-Hans" href="{base}{content["zh"].url}"' in page
    assert f'"url": "{base}{article.url}"' in page  # JSON-LD
    assert (
        f'<meta property="og:video" content="{base}/media/videos/s.mp4">' in (texts["video page"])
    )
    assert f"<link>{base}{article.url}</link>" in texts["rss"]
    assert f'url="{base}/media/audio/n.m4a"' in texts["rss"]  # the narration's enclosure
    assert f'href="{base}/feeds/bo/atom.xml"' in texts["atom"]  # the feed's own address
    assert json.loads(texts["json feed"])["feed_url"] == f"{base}/feeds/bo/feed.json"
    assert f"<loc>{base}{video.url}</loc>" in texts["sitemap"]
    listing = json.loads(texts["api list"])["items"]
    item = next(i for i in listing if i["id"] == article.pk)
    assert item["meta"]["html_url"] == f"{base}{article.url}"
    assert item["meta"]["detail_url"] == f"{base}/api/v2/pages/{article.pk}/"
    assert item["lead_image"]["full_url"].startswith(f"{base}/media/")
    assert json.loads(texts["search api"])["results"][0]["url"] == f"{base}{content['zh'].url}"
    answer = json.loads(texts["oembed json"])
    assert answer["provider_url"] == f"{base}/"
    assert answer["thumbnail_url"].startswith(f"{base}/media/")
    assert f'src="{base}/embed/page/{article.pk}/"' in answer["html"]
    assert f"{base}/media/" in texts["oembed xml"]  # the video's thumbnail
    assert re.search(rf'<img src="{re.escape(base)}/media/[^"]+" width="96"', texts["widget"])
    assert f'href="{base}{article.url}"' in texts["widget cards"]
    assert f'href="{base}{article.url}"' in texts["embed page"]


def test_a_new_address_replaces_the_old_one_in_cached_pages(
    client, content, settings, django_capture_on_commit_callbacks
):
    """`make run PORT=8108` after `make run`: the pages the cache kept with the old
    address are not served again."""
    old, new = BASES[:2]
    with django_capture_on_commit_callbacks(execute=True):
        configure(settings, old)
    url = content["article"].url
    assert f'href="{old}{url}"' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert configure(settings, new)
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="{new}{url}">' in html and old not in html
    assert configure(settings, new) is False  # nothing to change: the record is left alone


def test_without_a_configured_address_the_site_record_is_kept(settings, site_tree):
    """An operator who set the Site's address in the admin and no KEPU_BASE_URL keeps it."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "kepu.example.org", 443
    site.save()
    settings.KEPU_SITE_URL = ""
    assert sync_public_address() is False
    assert public_url.root_url() == "https://kepu.example.org"


def test_a_request_from_another_host_gets_the_public_address(client, content, settings):
    """A phone on the LAN and the developer's own browser (localhost) see the same links,
    and a cached page never repeats the Host of whoever asked first."""
    configure(settings, BASES[0])
    url = content["article"].url
    for host in ("localhost", "127.0.0.1", "testserver"):
        html = client.get(url, HTTP_HOST=host).content.decode()
        assert f'<link rel="canonical" href="{BASES[0]}{url}">' in html
        assert f"//{host}/" not in html
