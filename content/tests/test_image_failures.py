"""A picture that cannot be made costs the reader the picture, never the page."""

import io
import logging

from PIL import Image

from django.core.files.images import ImageFile

from wagtail.images import get_image_model


def image(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (800, 450), (40, 110, 70)).save(out, "PNG")
    return get_image_model().objects.create(title="草原", file=ImageFile(out, name="grass.png"))


def test_pages_render_with_their_images(client, make_article, make_video, settings, tmp_path):
    picture = image(settings, tmp_path)
    article = make_article("bo", slug="with-image", lead_image=picture)
    html = client.get(article.url).content.decode()
    assert 'srcset="' in html and ".webp 360w" in html and ".webp 720w" in html
    video = make_video("mn", slug="with-poster", poster=picture)
    assert 'poster="' in client.get(video.url).content.decode()


def test_a_storage_failure_hides_the_image_and_is_logged(
    client, make_article, make_video, settings, tmp_path, monkeypatch, caplog
):
    picture = image(settings, tmp_path)
    article = make_article("zh-hans", slug="storage-down", lead_image=picture)
    video = make_video("zh-hans", slug="poster-down", poster=picture)

    def down(self, *specs):
        raise OSError("connection refused")

    monkeypatch.setattr(get_image_model(), "get_renditions", down)
    with caplog.at_level(logging.ERROR):
        for page in (article, video, article.get_parent().specific):
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            assert ".webp" not in response.content.decode()
    assert "could not be made" in caplog.text
