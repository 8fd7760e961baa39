"""Storage on a real S3 HTTP endpoint on loopback (moto's server), as in production
with any S3-compatible store."""

import io
import re
import socket
from urllib.request import urlopen

import boto3
import pytest
from PIL import Image

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model
from wagtail.models import Collection

from media.storage import configure_storages

BUCKET = "kepu-test"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def configure(monkeypatch, settings, endpoint):
    # What cms/settings/base.py reads from the KEPU_S3_* variables.
    settings.KEPU_S3 = {
        "bucket": BUCKET,
        "endpoint_url": endpoint,
        "region": "us-east-1",
        "access_key_id": "test",
        "secret_access_key": "test",
        "addressing_style": "path",
        "public_base_url": "https://media.example.org",
    }
    settings.STORAGES = configure_storages(settings.STORAGES, None, settings.KEPU_S3)


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=BUCKET)
    configure(monkeypatch, settings, s3_endpoint)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def png():
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def admin(client, site_tree):
    client.force_login(get_user_model().objects.create_superuser("chief", "c@example.org", "pw"))
    return client


def upload(client, name="ཆུ་མིག.png"):
    return client.post(
        "/admin/images/add/",
        {
            "title": "ཆུ་མིག",
            "file": SimpleUploadedFile(name, png()),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_upload_rendition_and_delete_go_to_the_bucket(
    admin, bucket, django_capture_on_commit_callbacks
):
    assert upload(admin).status_code == 302
    image = get_image_model().objects.get()
    [original] = keys(bucket)
    assert re.fullmatch(r"public/original_images/[0-9a-f]{32}\.png", original)
    # Public objects, public addresses: no signature that would expire in a cached page.
    assert image.file.url.startswith("https://media.example.org/public/original_images/")
    assert "Signature" not in image.file.url and "Expires" not in image.file.url

    rendition = image.get_rendition("width-120|format-webp")
    assert any(key.startswith("public/images/") and key.endswith(".webp") for key in keys(bucket))
    assert rendition.url.startswith("https://media.example.org/public/images/")

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail deletes files on commit
        image.delete()
    assert keys(bucket) == []


def test_private_originals_are_only_reachable_by_signed_urls(bucket, s3_endpoint):
    private = storages["private"]
    name = private.save("originals/clip.mp4", ContentFile(b"\0\0\0\x18ftypmp42"))
    assert keys(bucket) == [f"private/{name}"]
    url = private.url(name)
    assert "Signature" in url and "Expires" in url
    assert urlopen(url).read().startswith(b"\0\0\0\x18ftyp")  # the signed URL works
    private.delete(name)


def test_an_unreachable_store_is_a_clear_error_and_saves_nothing(admin, monkeypatch, settings):
    configure(monkeypatch, settings, f"http://127.0.0.1:{free_port()}")  # nothing listens there
    response = upload(admin)
    assert response.status_code == 200
    assert "图片存储服务暂时无法连接" in " ".join(response.context["form"].non_field_errors())
    assert not get_image_model().objects.exists()


def add_video(client, name, data):
    return client.post(
        "/admin/snippets/kepu_media/video/add/",
        {
            "title": name.rsplit(".", 1)[0],
            "collection": Collection.get_first_root_node().pk,
            "original": SimpleUploadedFile(name, data),
            "subtitles-TOTAL_FORMS": "0",
            "subtitles-INITIAL_FORMS": "0",
        },
    )


def test_a_video_is_processed_from_the_private_prefix_to_the_public_one(
    admin, bucket, django_capture_on_commit_callbacks, tmp_path
):
    from pathlib import Path

    from media.models import Video
    from media.tests import clips

    clips.need_ffmpeg()
    clip = Path(clips.video(tmp_path / "c.mp4", seconds=2, size="640x360")).read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = add_video(admin, "ཁ་བ.mp4", clip)
    assert response.status_code == 302
    video = Video.objects.get()
    assert video.state == "ready", video.error
    stored = keys(bucket)
    assert f"private/{video.original.name}" in stored
    assert f"public/{video.small.name}" in stored and not video.large  # 360p source
    assert video.small.url == f"https://media.example.org/public/{video.small.name}"
    assert "Signature" in video.original.url  # the original only by a signed URL

    with django_capture_on_commit_callbacks(execute=True):
        poster = video.poster
        video.delete()
        poster.delete()
    assert keys(bucket) == []


def test_an_unreachable_store_refuses_a_video_upload(admin, monkeypatch, settings, tmp_path):
    from pathlib import Path

    from media.models import Video
    from media.tests import clips

    clips.need_ffmpeg()
    clip = Path(clips.video(tmp_path / "c.mp4", seconds=1, size="320x180")).read_bytes()
    configure(monkeypatch, settings, f"http://127.0.0.1:{free_port()}")
    response = add_video(admin, "v.mp4", clip)
    assert response.status_code == 200
    assert "存储服务暂时无法连接" in " ".join(response.context["form"].non_field_errors())
    assert not Video.objects.exists()
