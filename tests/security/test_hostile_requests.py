"""Hostile requests get a clear, safe answer: never a 500, never reflected markup, never
a redirect off the site, never a request from our server to an address a visitor chose."""

import socket
import xml.etree.ElementTree as ET

import pytest

QUERY_XSS = '"><script>alert(1)</script><img src=x onerror=alert(1)>'


@pytest.fixture
def article(make_article):
    return make_article("zh-hans", slug="grassland")


def test_search_query_is_shown_escaped(client, article):
    html = client.get("/zh-hans/search/", {"q": QUERY_XSS}).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x onerror" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as the text it is


@pytest.mark.parametrize("lang", ["zh-hans", "bo", "mn"])
def test_a_fifty_thousand_character_query_is_cut_not_fatal(client, article, lang):
    response = client.get(f"/{lang}/search/", {"q": "草" * 50_000})
    assert response.status_code == 200
    assert "草" * 201 not in response.content.decode()  # cut to 200 characters
    api = client.get("/api/search/", {"q": "草" * 50_000, "lang": lang})
    assert api.status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        'NEAR(草原 鼠兔) OR title:* AND "',
        "草原 NOT ( ^ ~ * : -- ; DROP TABLE kepu_search_fts; --",
        "' OR 1=1 --",
        "\\\\ \x1f \u202e",  # NUL is refused before any view (cms/nul_guard.py)
        "* OR * OR *",
    ],
)
def test_query_syntax_is_searched_as_words_never_executed(client, article, query):
    for response in (
        client.get("/zh-hans/search/", {"q": query}),
        client.get("/api/search/", {"q": query, "lang": "zh-hans"}),
    ):
        assert response.status_code == 200, query


@pytest.mark.parametrize("page", ["0", "-1", "101", "abc", "1e9"])
def test_out_of_range_search_pages_are_refused_clearly(client, article, page):
    response = client.get("/api/search/", {"q": "草原", "lang": "zh-hans", "page": page})
    assert response.status_code == 400 and "page" in response.json()["error"]


@pytest.mark.parametrize(
    "target",
    ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
     "http:evil.example", "\x01//evil.example"],
)  # fmt: skip
def test_reading_preferences_never_redirect_off_the_site(client, target):
    response = client.get("/prefs/", {"lite": "1", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_admin_login_does_not_follow_a_foreign_next(client, django_user_model):
    django_user_model.objects.create_superuser("chief", "c@example.cn", "grassland-2026")
    response = client.post(
        "/admin/login/?next=//evil.example/",
        {"username": "chief", "password": "grassland-2026", "next": "//evil.example/"},
    )
    assert response.status_code == 302 and "evil.example" not in response["Location"]


@pytest.mark.parametrize("host", ["evil.example", "localhost.evil.example", "localhost:80@evil"])
def test_a_forged_host_gets_400(client, site_tree, host):
    assert client.get("/zh-hans/", HTTP_HOST=host).status_code == 400


@pytest.mark.parametrize("path", ["/xx/", "/en/", "/zh/", "/mn-Cyrl/", "/bo-CN/", "/ZH-HANS/"])
def test_an_unknown_language_prefix_is_a_404(client, site_tree, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/images/abc/1/fill-100000x100000/",
        "/images/x/1/width-99999999|format-png/image.png",
        "/media/../cms/settings/base.py",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media/images/missing.fill-360x203.webp",
    ],
)
def test_forged_image_and_media_addresses_are_refused(client, site_tree, path):
    assert client.get(path).status_code in (400, 404)


def test_uploaded_html_or_svg_is_never_served_as_a_page(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images/page.html").write_text("<script>alert(1)</script>")
    (tmp_path / "images/logo.svg").write_text("<svg onload='alert(1)'/>")
    for name in ("page.html", "logo.svg"):
        response = client.get(f"/media/images/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"] == "attachment"
        assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:6379/",
        "file:///etc/passwd",
        "https://evil.example/zh-hans/ecology/grassland/",
        "gopher://localhost/_INFO",
    ],
)
def test_oembed_answers_only_for_our_own_pages_and_fetches_nothing(
    client, article, url, monkeypatch
):
    def no_network(*args, **kwargs):
        raise AssertionError("oEmbed tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert client.get("/oembed/", {"url": url}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "100000"}, {"limit": "-5"}, {"limit": "NaN"}, {"limit": "1e3"},
        {"layout": "<script>"}, {"theme": "javascript:alert(1)"},
        {"origin": "javascript:alert(1)"}, {"id": '"><script>alert(1)</script>'},
    ],
)  # fmt: skip
def test_widget_options_out_of_range_fall_back_safely(client, article, query):
    response = client.get("/embed/zh-hans/ecology/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<li>") <= 20
    assert "<script>alert" not in html and "javascript:alert" not in html


NUL_ADDRESSES = [
    "/{lang}/ecology/%00/", "/{lang}/search/?q=a&channel=%00", "/{lang}/ecology/?page=1%00",
    "/{lang}/search/?x%00=1", "/embed/{lang}/?fallback=%00", "/feeds/{lang}/rss.xml?%00",
    "/oembed/?url=http://testserver/{lang}/%00/", "/prefs/?next=/{lang}/%00",
]  # fmt: skip


@pytest.mark.parametrize("lang", ["zh-hans", "bo", "mn"])
def test_nul_anywhere_in_an_address_is_400_in_the_readers_language(client, article, lang):
    # PostgreSQL refuses NUL in text: these were 500s there, and something else on SQLite.
    for address in NUL_ADDRESSES:
        response = client.get(address.format(lang=lang))
        assert response.status_code == 400, address
        text = response.content.decode()
        assert text.strip(), address
        if address.startswith(f"/{lang}/"):
            assert text == visible_message(lang), address
    api = client.get("/api/search/", {"q": "a", "lang": lang, "channel": "\x00"})
    assert api.status_code == 400 and api.json()["message"]


def visible_message(lang):
    from django.utils import translation

    with translation.override(lang):
        return translation.gettext(
            "This address contains characters that cannot be read. Check the address."
        )


@pytest.mark.parametrize("lang", ["bo", "mn"])
def test_the_nul_message_is_in_the_pages_script(lang):
    message = visible_message(lang)
    script = {"bo": ("\u0f00", "\u0fff"), "mn": ("\u1800", "\u18af")}[lang]
    letters = [c for c in message if c.isalpha()]
    assert letters and all(script[0] <= c <= script[1] for c in letters)


@pytest.mark.parametrize(
    "query",
    [{"page": str(10**30)}, {"page": "0"}, {"page": "abc"}, {"channel": "a" * 5000},
     {"type": "\u202e"}, {"q": "草原 " * 150}],
)  # fmt: skip
def test_odd_search_parameters_are_a_clear_answer(client, article, query):
    page = client.get("/bo/search/", query)
    assert page.status_code in (200, 400)
    if page.status_code == 400:
        assert "འཚོལ་ཞིབ་འདི་གོ་མ་ཐུབ" in page.content.decode()  # the Tibetan message
    api = client.get("/api/search/", {"lang": "bo", **query})
    assert api.status_code in (200, 400)
    if api.status_code == 400:
        assert api.json()["error"]


def test_control_characters_in_a_title_are_refused_with_a_clear_message(make_article):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="控制字符"):
        make_article("zh-hans", slug="odd", title="鼠兔\x0b与\x1f草原\x7f")


@pytest.mark.parametrize(
    "title",
    [
        "Cafe\u0301 café",  # the same letter composed and decomposed
        "བོད\u0f7a\u0f74 ཀྲུ",  # Tibetan vowel signs in a non-canonical order
        "\u202e鼠兔\u202c",  # a bidirectional override
    ],
)
def test_odd_characters_in_titles_leave_every_feed_valid(client, make_article, title):
    make_article("zh-hans", slug="odd", title=title)
    for path in ("/feeds/zh-hans/rss.xml", "/feeds/zh-hans/atom.xml"):
        response = client.get(path)
        assert response.status_code == 200
        ET.fromstring(response.content)  # well-formed XML
    assert client.get("/feeds/zh-hans/feed.json").json()["items"]
