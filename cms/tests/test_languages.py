"""Language prefixes, the language chooser at /, error pages in each language."""

import re

import pytest

from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import check_for_language, get_language_info

from cms import views
from tests.visible_text import leaks


@pytest.mark.parametrize(
    "accept, home",
    [
        ("bo", "/bo/"),
        ("bo-CN,bo;q=0.9,zh-CN;q=0.8", "/bo/"),
        ("mn-Mong-CN,mn;q=0.9", "/mn/"),
        ("mn", "/mn/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("zh-TW", "/zh-hans/"),
        ("en-US,en;q=0.9", "/zh-hans/"),
        ("", "/zh-hans/"),
        ("x" * 5000, "/zh-hans/"),
    ],
)
def test_root_sends_visitors_to_their_language(client, site_tree, accept, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == home
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("code", ["zh-hans", "bo", "mn"])
def test_language_homes_are_served_not_redirected(client, site_tree, code):
    response = client.get(f"/{code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200


def test_django_knows_tibetan_and_traditional_mongolian():
    assert check_for_language("bo") and check_for_language("mn")
    assert get_language_info("bo")["name_local"] == "བོད་ཡིག"
    assert get_language_info("mn")["name_local"] == "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ"


@pytest.mark.parametrize("code, lang", [("zh-hans", "zh-Hans"), ("bo", "bo"), ("mn", "mn-Mong")])
def test_404_page_speaks_the_language_of_the_address(client, site_tree, code, lang):
    response = client.get(f"/{code}/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{lang}"' in html
    assert leaks(html, code) == ""
    with translation.override(code):
        assert translation.gettext("Page not found") in html


def test_unknown_language_prefix_ends_in_a_404_not_a_500(client, site_tree):
    for url in ("/xx/", "/en/health/", "/zh-hant/"):
        assert client.get(url, follow=True).status_code == 404


@pytest.mark.parametrize("code, lang", [("zh-hans", "zh-Hans"), ("bo", "bo"), ("mn", "mn-Mong")])
def test_500_page_speaks_the_language_of_the_address(code, lang):
    request = RequestFactory().get(f"/{code}/health/")
    response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert re.search(rf'<html lang="{lang}"', html)
    assert leaks(html, code) == ""
