"""oEmbed for our own articles and videos only; share cards and JSON-LD on every page."""

import json
import re
from xml.etree import ElementTree

import pytest

from media.models import Video


@pytest.fixture
def pages(site_tree, make_article, make_video):
    video = Video.objects.create(
        title="v", original="video/o.mp4", state="ready", small="videos/s.mp4",
        small_size=1_000_000, duration=75.0, width=640, height=360,
    )  # fmt: skip
    return {
        "article": make_article("bo", slug="oembed-article", author="བཀྲ་ཤིས"),
        "video": make_video("mn", slug="oembed-video", video=video, video_url=""),
    }


def oembed(client, url, **params):
    return client.get("/oembed/", {"url": url, **params})


def test_an_article_is_rich_with_an_iframe(client, pages):
    url = "http://testserver" + pages["article"].url
    answer = oembed(client, url).json()
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert answer["title"] == pages["article"].title and answer["author_name"] == "བཀྲ་ཤིས"
    assert f'src="http://localhost/embed/page/{pages["article"].pk}/"' in answer["html"]
    assert answer["width"] == 640 and answer["height"] > 0


def test_a_video_is_video_and_respects_maxwidth(client, pages):
    url = "http://testserver" + pages["video"].url
    answer = oembed(client, url, maxwidth=320, maxheight=1000).json()
    assert answer["type"] == "video" and answer["width"] == 320
    embedded = client.get(f"/embed/page/{pages['video'].pk}/").content.decode()
    assert 'src="/media/videos/s.mp4"' in embedded and 'lang="mn-Mong"' in embedded


def test_xml_format(client, pages):
    response = oembed(client, "http://testserver" + pages["article"].url, format="xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "oembed" and root.findtext("type") == "rich"


@pytest.mark.parametrize(
    "url",
    ["https://evil.example.com/bo/ecology/oembed-article/", "http://169.254.169.254/latest/",
     "file:///etc/passwd", "javascript:alert(1)", "http://testserver/bo/ecology/no-such/",
     "http://testserver/bo/", "", "http://testserver/" + "a/" * 3000],
)  # fmt: skip
def test_foreign_or_unknown_urls_are_404(client, pages, url):
    assert oembed(client, url).status_code == 404


@pytest.mark.parametrize(
    "url",
    ["http://[::1/a/b/", "http://[::1]:99999/bo/ecology/oembed-article/",
     "http://testserver:port/bo/ecology/oembed-article/"],
)  # fmt: skip
def test_urls_that_cannot_be_parsed_are_400_with_a_message(client, pages, url):
    response = oembed(client, url)
    assert response.status_code == 400 and b"url" in response.content


def test_bad_format_is_501_and_bad_sizes_fall_back(client, pages):
    url = "http://testserver" + pages["article"].url
    assert oembed(client, url, format="yaml").status_code == 501
    assert oembed(client, url, maxwidth="-5").json()["width"] == 640
    assert oembed(client, url, maxwidth="abc").json()["width"] == 640
    for size in (str(10**30), "1.5", "[::1", "١٢", ""):
        assert oembed(client, url, maxwidth=size, maxheight=size).status_code == 200


def test_pages_carry_discovery_links_and_share_cards(client, pages):
    html = client.get(pages["article"].url).content.decode()
    assert 'type="application/json+oembed"' in html and "oembed-article" in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="bo_CN">' in html
    video = client.get(pages["video"].url).content.decode()
    assert '<meta property="og:type" content="video.other">' in video


def ld(html):
    return [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]


def test_json_ld_describes_article_claims_and_video(client, pages):
    graph = ld(client.get(pages["article"].url).content.decode())
    article = next(g for g in graph if g["@type"] == "Article")
    assert article["inLanguage"] == "bo" and article["author"]["name"] == "བཀྲ་ཤིས"
    claims = [g for g in graph if g["@type"] == "ClaimReview"]
    assert claims and claims[0]["reviewRating"]["ratingValue"] == 1 and claims[0]["claimReviewed"]
    [video] = ld(client.get(pages["video"].url).content.decode())
    assert video["@type"] == "VideoObject" and video["duration"] == "PT1M15S"
    assert video["inLanguage"] == "mn-Mong" and video["contentUrl"].endswith("/media/videos/s.mp4")


def test_json_ld_cannot_be_broken_out_of(client, site_tree, make_article):
    page = make_article("zh-hans", slug="breakout", title="</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert ld(html)[0]["headline"] == "</script><script>alert(1)</script>"
