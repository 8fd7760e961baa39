"""The language switcher and hreflang links between translations."""

import re

import pytest


def switcher_links(html):
    nav = re.search(r'<nav class="switcher".*?</nav>', html, re.S).group(0)
    return {lang: url for url, lang in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav)}


def hreflangs(html):
    return dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="http://localhost([^"]+)">', html
        )
    )


@pytest.fixture
def translated(make_article):
    zh = make_article("zh-hans", slug="pika")
    bo = make_article("bo", slug="pika", translation_of=zh)
    return zh, bo


def test_switcher_goes_to_the_same_article_when_translated(client, translated):
    zh, bo = translated
    links = switcher_links(client.get(zh.url).content.decode())
    assert links["bo"] == bo.url == "/bo/ecology/pika/"
    assert links["zh-Hans"] == zh.url


def test_switcher_falls_back_to_the_channel_without_a_translation(client, translated):
    zh, _ = translated
    links = switcher_links(client.get(zh.url).content.decode())
    assert links["mn-Mong"] == "/mn/ecology/"


def test_switcher_ignores_unpublished_translations(client, make_article):
    zh = make_article("zh-hans", slug="glacier")
    make_article("mn", slug="glacier", translation_of=zh, live=False)
    links = switcher_links(client.get(zh.url).content.decode())
    assert links["mn-Mong"] == "/mn/ecology/"


def test_switcher_on_home_and_channel_pages(client, site_tree):
    assert switcher_links(client.get("/bo/").content.decode()) == {
        "zh-Hans": "/zh-hans/", "bo": "/bo/", "mn-Mong": "/mn/",
    }  # fmt: skip
    assert switcher_links(client.get("/mn/health/").content.decode())["bo"] == "/bo/health/"


def test_original_tibetan_article_switches_to_other_homes_channels(client, make_article):
    original = make_article("bo", slug="spring-water")
    links = switcher_links(client.get(original.url).content.decode())
    assert links["zh-Hans"] == "/zh-hans/ecology/" and links["mn-Mong"] == "/mn/ecology/"


def test_hreflang_lists_exact_translations_and_x_default(client, translated):
    zh, bo = translated
    links = hreflangs(client.get(bo.url).content.decode())
    assert links == {"zh-Hans": zh.url, "bo": bo.url, "x-default": zh.url}


def test_hreflang_x_default_is_the_page_itself_without_chinese(client, make_article):
    original = make_article("mn", slug="milk")
    assert hreflangs(client.get(original.url).content.decode()) == {
        "mn-Mong": original.url,
        "x-default": original.url,
    }
