"""The full-page cache: anonymous readers get cached pages with ETags and 304s, a
publish is visible on the very next request, editors are never served from it."""

import gzip

import pytest

from django.contrib.auth import get_user_model


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
    with django_capture_on_commit_callbacks(execute=True):
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
