"""Every kind of public page, in every language: it renders, says which language it
is in, and shows no text in another language's script."""

import re

import pytest

from content.models import ChannelPage
from tests.visible_text import leaks, visible_text

HTML_LANG = {"zh-hans": "zh-Hans", "bo": "bo", "mn": "mn-Mong"}


@pytest.fixture
def content_in_every_language(make_article, make_video):
    pages = {}
    for code in HTML_LANG:
        source = pages.get("zh-hans", {}).get("article")
        article = make_article(code, translation_of=source)
        video = make_video(code, translation_of=pages.get("zh-hans", {}).get("video"))
        pages[code] = {"article": article, "video": video}
    return pages


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize("code", HTML_LANG)
def test_every_page_kind_renders_in_its_language(client, content_in_every_language, code):
    article = content_in_every_language[code]["article"]
    video = content_in_every_language[code]["video"]
    urls = [f"/{code}/", f"/{code}/ecology/", f"/{code}/health/", article.url, video.url]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_lang(response) == HTML_LANG[code], url
        assert leaks(response.content.decode(), code) == "", url


@pytest.mark.parametrize("code", HTML_LANG)
def test_article_shows_its_parts(client, content_in_every_language, code):
    article = content_in_every_language[code]["article"]
    html = client.get(article.url).content.decode()
    assert (
        'class="fact-box"' in html and 'class="rumour-fact"' in html and 'class="sources"' in html
    )
    assert article.title in visible_text(html)
    assert "<time" in html  # publication date


def test_article_url_is_under_its_language_and_channel(content_in_every_language):
    assert content_in_every_language["bo"]["article"].url == "/bo/ecology/test-article/"
    assert content_in_every_language["mn"]["video"].url == "/mn/health/test-video/"


def test_dates_are_written_in_each_language(client, content_in_every_language):
    article = content_in_every_language["mn"]["article"]
    html = client.get(article.url).content.decode()
    year = article.first_published_at.year
    assert re.search(rf"{year} ᠣᠨ\u202fᠤ \d+ ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ \d+", html)
    html = client.get(content_in_every_language["bo"]["article"].url).content.decode()
    assert re.search(rf"{year}\u202fལོའི་ཟླ་\u202f\d+\u202fཚེས་\u202f\d+\u202fཉིན", html)


def test_video_page_has_player_and_transcript(client, content_in_every_language):
    html = client.get(content_in_every_language["bo"]["video"].url).content.decode()
    assert '<video controls preload="none"' in html
    assert 'class="transcript"' in html
    assert "2:05" in html  # 125 seconds


def test_draft_pages_are_not_public(client, make_article):
    draft = make_article("zh-hans", slug="draft", title="尚未发布的草稿", live=False)
    assert client.get("/zh-hans/ecology/draft/").status_code == 404
    assert draft.title not in client.get("/zh-hans/ecology/").content.decode()


def test_channel_paginates_and_survives_bad_page_numbers(client, make_article):
    for n in range(12):
        make_article("bo", slug=f"article-{n}", title=f"ཡིག་ཆ་{n}")
    first = client.get("/bo/ecology/").content.decode()
    second = client.get("/bo/ecology/?page=2").content.decode()
    assert first.count('class="card"') == 10 and second.count('class="card"') == 2
    assert 'rel="next"' in first and 'rel="prev"' in second
    for bad in ("abc", "999", "-1", "1" * 400):
        response = client.get(f"/bo/ecology/?page={bad}")
        assert response.status_code == 200
        assert leaks(response.content.decode(), "bo") == ""


def test_home_lists_latest_items_per_channel(client, make_article):
    make_article("zh-hans", slug="newest", title="最新的生态文章")
    html = client.get("/zh-hans/").content.decode()
    assert "最新的生态文章" in html
    for channel in ChannelPage.objects.filter(locale__language_code="zh-hans"):
        assert channel.title in html
