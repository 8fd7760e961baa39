"""The search page keeps the reader's search: switching language (every direction),
following a channel link, turning a page. The links carry only what the page reads,
cleaned as the view reads it, in the page cache's canonical spelling."""

import html
import re
from itertools import permutations
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from django.http import QueryDict

from cms import cache_params, params

LANGUAGES = ("zh-hans", "bo", "mn")
QUERIES = {
    "zh-hans": "牦牛 疾病",
    "bo": "ཡམས་ནད",
    "mn": "ᠮᠣᠩᠭ\u180bᠣᠯ ᠨᠠᠭᠤᠷ\u202fᠤᠨ",
}


def switcher(page):
    nav = re.search(r'<nav class="switcher".*?</nav>', page, re.S).group(0)
    return {
        lang: html.unescape(url)
        for url, lang in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav)
    }


def link_to(page, html_lang):
    return switcher(page)[html_lang]


HTML_LANG = {"zh-hans": "zh-Hans", "bo": "bo", "mn": "mn-Mong"}


def search_box(page):
    return html.unescape(
        re.search(r'<input id="q" type="search" name="q" value="([^"]*)"', page).group(1)
    )


def query_of(url):
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def assert_canonical(url):
    """The address exactly as the page cache and nginx keep it."""
    path, _, query = url.partition("?")
    assert query == cache_params.canonical(QueryDict(query), "search"), url


@pytest.mark.parametrize("source, target", list(permutations(LANGUAGES, 2)))
def test_switching_language_keeps_the_search(client, site_tree, source, target):
    q = QUERIES[source]
    asked = {"q": q, "channel": "health", "type": "article", "page": "2", "utm_source": "wx"}
    page = client.get(f"/{source}/search/", asked).content.decode()
    url = link_to(page, HTML_LANG[target])
    assert url.startswith(f"/{target}/search/?")
    # The words, the channel and the type; not the page number (other results), not
    # what the page does not read.
    assert query_of(url) == {"channel": ["health"], "q": [q], "type": ["article"]}
    assert_canonical(url)
    followed = client.get(url)
    assert followed.status_code == 200
    there = followed.content.decode()
    assert search_box(there) == q
    assert f'lang="{HTML_LANG[target]}" hreflang="{HTML_LANG[target]}" aria-current="true"' in there
    # And back again, still the same search.
    back = link_to(there, HTML_LANG[source])
    assert query_of(back) == {"channel": ["health"], "q": [q], "type": ["article"]}


def test_a_followed_switcher_link_is_the_cached_address(client, site_tree):
    page = client.get("/zh-hans/search/", {"q": "鼠兔 & 旱獭 #1", "x": "y"}).content.decode()
    url = link_to(page, "bo")
    assert url == "/bo/search/?q=" + quote("鼠兔 & 旱獭 #1", safe="").replace("%20", "+")
    first = client.get(url)
    # Stored at once (the address is canonical), and nginx may keep it too.
    assert first["X-Kepu-Cache"] == "miss" and first.get("X-Accel-Expires") != "0"
    assert client.get(url)["X-Kepu-Cache"] == "hit"


@pytest.mark.parametrize(
    "raw",
    [
        quote("\u202e鼠兔\u202c"),  # an RTL override: kept, but only ever percent-encoded
        quote("鼠\x1f兔\x7f"),  # control characters: spaces, as the view searches them
        "%ED%A0%80%E9%BC%A0",  # an encoded lone surrogate
        "%C0%AF%zz",  # overlong UTF-8, a broken escape
        "%20%20%E3%80%80鼠兔%20",  # spaces and the ideographic space around the words
        "a" * 10_000,  # cut to the 200 characters searched
        quote('"><script>alert(1)</script>'),
        quote("鼠兔") + "&q=" + quote("旱獭"),  # repeated: the last one, as the view reads it
    ],
)
def test_hostile_words_come_back_as_the_view_searched_them(client, site_tree, raw):
    response = client.get(f"/bo/search/?q={raw}")
    assert response.status_code == 200
    page = response.content.decode()
    searched = params.words(QueryDict(f"q={raw}"), "q", 200)
    assert search_box(page) == searched
    for lang in ("zh-Hans", "mn-Mong"):
        url = link_to(page, lang)
        assert query_of(url) == ({"q": [searched]} if searched else {})
        assert_canonical(url)
        assert not re.search(r"[\s<>\"'\u202e]", url.split("?", 1)[-1])  # all encoded
    assert "<script>alert" not in page


def test_a_refused_search_switches_with_its_words_only(client, site_tree):
    response = client.get("/bo/search/", {"q": "ཡམས", "channel": "no-such-channel"})
    assert response.status_code == 400
    assert query_of(link_to(response.content.decode(), "zh-Hans")) == {"q": ["ཡམས"]}


def test_the_empty_search_page_switches_to_the_other_search_pages(client, site_tree):
    page = client.get("/mn/search/").content.decode()
    assert switcher(page) == {
        "zh-Hans": "/zh-hans/search/",
        "bo": "/bo/search/",
        "mn-Mong": "/mn/search/",
    }


def test_channel_and_page_links_keep_the_words(client, make_article):
    for n in range(12):
        make_article("zh-hans", topic="health", slug=f"yak-{n}", title=f"牦牛防病第{n}讲")
    make_article("zh-hans", topic="emergency", slug="yak-snow", title="牦牛雪灾自救")
    page = client.get("/zh-hans/search/", {"q": "牦牛", "utm_source": "wx", "x": "1"})
    page = page.content.decode()
    facets = re.search(r'<nav class="facets".*?</nav>', page, re.S).group(0)
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', facets)]
    words = "q=%E7%89%A6%E7%89%9B"  # 牦牛
    assert hrefs == [f"?channel=emergency&{words}", f"?channel=health&{words}"]
    channel = client.get("/zh-hans/search/" + hrefs[1]).content.decode()
    assert search_box(channel) == "牦牛"
    pager = re.search(r'<nav class="pagination".*?</nav>', channel, re.S)
    following = {html.unescape(h) for h in re.findall(r'href="([^"]+)"', pager.group(0))}
    assert following == {f"?channel=health&page=2&{words}"}
    second = client.get("/zh-hans/search/" + following.pop()).content.decode()
    assert search_box(second) == "牦牛"
    back = html.unescape(re.search(r'rel="prev" href="([^"]+)"', second).group(1))
    assert back == f"?channel=health&{words}"
    everything = re.search(r'<nav class="facets".*?</nav>', second, re.S).group(0)
    assert f'<a href="?{words}">' in everything  # all channels, same words
    for url in (*hrefs, back):
        assert_canonical(url)
