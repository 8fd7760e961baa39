"""Object storage unreachable: the S3-compatible store (moto's S3 server on loopback, as
in media/tests/test_s3.py) is replaced by a loopback port where nothing listens.

What a reader sees: every public page still renders (200); pictures whose renditions were
made before the outage still show, a picture that would need the store now is left out.
What an editor sees: an image or video upload stops at the form with a clear message,
and no half-saved image or video appears in the library. /readyz reports the storage
down and the site ready (200, "degraded").
"""

import logging
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import caches

from wagtail.images import get_image_model

from media.models import Video
from media.tests import clips, test_s3
from media.tests.test_s3 import bucket, s3_endpoint  # noqa: F401 (moto's S3 server, a bucket)

from .conftest import free_port

STORE_DOWN = "存储服务暂时无法连接"


@pytest.fixture
def editor(client, site_tree):
    client.force_login(get_user_model().objects.create_superuser("chief", "c@example.org", "pw"))
    return client


@pytest.mark.usefixtures("bucket")
def test_pages_render_and_uploads_fail_cleanly(
    editor, make_article, monkeypatch, settings, tmp_path, caplog
):
    clips.need_ffmpeg()
    clip = Path(clips.video(tmp_path / "c.mp4", seconds=1, size="320x180")).read_bytes()
    # Before the outage: two pictures in the store; the first page was read already,
    # so its renditions exist.
    assert test_s3.upload(editor, "seen.png").status_code == 302
    assert test_s3.upload(editor, "unseen.png").status_code == 302
    seen, unseen = get_image_model().objects.order_by("pk")
    read = make_article("zh-hans", slug="read-before", lead_image=seen)
    unread = make_article("bo", slug="never-read", lead_image=unseen)
    assert "https://media.example.org/public/images/" in editor.get(read.url).content.decode()
    editor.logout()
    caches["pages"].clear()  # readers' copies expired: every page is rendered again

    test_s3.configure(monkeypatch, settings, f"http://127.0.0.1:{free_port()}")  # nothing listens

    with caplog.at_level(logging.ERROR):
        html = editor.get(read.url)
        assert html.status_code == 200
        assert "https://media.example.org/public/images/" in html.content.decode()
        html = editor.get(unread.url)
        assert html.status_code == 200 and unread.title in html.content.decode()
        assert "media.example.org" not in html.content.decode()  # left out, not broken
        for url in ("/zh-hans/", "/bo/", "/mn/", read.get_parent().url):
            assert editor.get(url).status_code == 200, url
    assert "could not be made" in caplog.text

    ready = editor.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded"
    assert ready.json()["checks"]["storage"]["state"] == "down"
    assert ready.json()["checks"]["database"]["state"] == "ok"

    editor.force_login(get_user_model().objects.get(username="chief"))
    response = test_s3.upload(editor, "new.png")
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "图片存储服务暂时无法连接，图片没有保存。请稍后再试。" in errors
    response = test_s3.add_video(editor, "ཁ་བ.mp4", clip)
    assert response.status_code == 200
    assert STORE_DOWN in " ".join(response.context["form"].non_field_errors())
    assert [image.pk for image in get_image_model().objects.order_by("pk")] == [seen.pk, unseen.pk]
    assert not Video.objects.exists()
