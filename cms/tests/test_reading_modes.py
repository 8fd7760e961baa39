"""Lite (save data) and large-text modes: chosen by the reader without JavaScript,
kept in a cookie, automatic on Save-Data, and cached separately."""

import io

import pytest
from PIL import Image

from django.core.files.images import ImageFile

from media.models import KepuImage


@pytest.fixture
def article(site_tree, make_article, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (800, 450), (40, 110, 70)).save(out, "PNG")
    image = KepuImage.objects.create(title="p", file=ImageFile(out, name="p.png"))
    return make_article("bo", topic="health", slug="modes", lead_image=image)


def test_lite_mode_shows_links_instead_of_pictures_and_preloads_no_font(client, article):
    normal = client.get(article.url).content.decode()
    assert "<picture>" in normal and 'rel="preload"' in normal
    response = client.get(f"/prefs/?lite=1&next={article.url}")
    assert response.status_code == 302 and response["Location"] == article.url
    lite = client.get(article.url).content.decode()
    assert "<picture>" not in lite and 'class="lite-image"' in lite and " KB)" in lite
    assert 'rel="preload"' not in lite and 'class=" lite"' in lite
    assert len(lite.encode()) < 20_000


def test_save_data_turns_lite_on_unless_the_reader_said_no(client, article):
    assert "<picture>" not in client.get(article.url, HTTP_SAVE_DATA="on").content.decode()
    client.get("/prefs/?lite=0&next=/bo/")
    assert "<picture>" in client.get(article.url, HTTP_SAVE_DATA="on").content.decode()


def test_large_text_mode_persists(client, article):
    client.get(f"/prefs/?large=1&next={article.url}")
    assert 'class=" large"' in client.get(article.url).content.decode()
    assert 'class=" large"' in client.get("/bo/").content.decode()
    client.get("/prefs/?large=0")
    assert "large" not in client.get(article.url).content.decode().split(">", 2)[1]


@pytest.mark.parametrize(
    "target", ["//evil.example.com/", "https://evil.example.com/", "javascript:alert(1)"]
)
def test_prefs_never_redirect_elsewhere(client, db, target):
    response = client.get("/prefs/", {"lite": "1", "next": target})
    assert response["Location"] == "/"


def test_prefs_ignore_nonsense_values(client, db):
    response = client.get("/prefs/", {"lite": "yes", "large": "<script>"})
    assert not response.cookies
