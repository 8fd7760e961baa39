"""Narrations: MP3, AAC and Opus uploads become a small AAC file shown as a native
player with its size; anything else is refused before it is stored."""

from pathlib import Path

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

from media import ffmpeg
from media.models import Narration
from media.tests import clips

ADD_URL = "wagtailsnippets_kepu_media_narration:add"


def post(admin_client, name, data):
    return admin_client.post(
        reverse(ADD_URL),
        {
            "title": "朗读",
            "collection": Collection.get_first_root_node().pk,
            "original": SimpleUploadedFile(name, data),
        },
    )


@pytest.mark.parametrize(
    "codec, name", [("libmp3lame", "a.mp3"), ("aac", "a.m4a"), ("libopus", "a.ogg")]
)
def test_supported_recordings_become_small_aac(
    admin_client, settings, tmp_path, django_capture_on_commit_callbacks, codec, name
):
    clips.need_ffmpeg()
    settings.MEDIA_ROOT = tmp_path / "public"
    data = Path(clips.audio(tmp_path / name, seconds=4, codec=codec)).read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(admin_client, name, data)
    assert response.status_code == 302, response.context["form"].errors
    narration = Narration.objects.get()
    assert narration.state == "ready", narration.error
    assert 3.5 < narration.duration < 4.5
    published = ffmpeg.probe(Path(settings.MEDIA_ROOT, narration.file.name))
    assert published["audio"]["codec_name"] == "aac" and published["audio"]["channels"] == 1
    assert narration.file.name.endswith(".m4a") and narration.file_size < 40_000


def test_what_is_not_a_narration_is_refused(admin_client, settings, tmp_path):
    clips.need_ffmpeg()
    settings.MEDIA_ROOT = tmp_path / "public"
    video = Path(clips.video(tmp_path / "v.mp4", seconds=1, size="320x180")).read_bytes()
    cases = {
        "empty.mp3": (b"", "空文件"),
        "page.mp3": (b"<html><script>alert(1)</script></html>", "不是支持的音频"),
        "zip.mp3": (b"PK\x03\x04" + b"\x00" * 200, "不是支持的音频"),
        "video.m4a": (video, "视频文件"),
        "wav.mp3": (b"RIFF\x00\x00\x00\x00WAVEfmt " + b"\x00" * 100, "不是支持的音频"),
    }
    for name, (data, message) in cases.items():
        response = post(admin_client, name, data)
        assert response.status_code == 200, name
        assert message in str(response.context["form"].errors["original"]), name
    assert not Narration.objects.exists()


def test_the_article_shows_a_player_with_the_size(client, make_article, db):
    narration = Narration.objects.create(
        title="n", original="narration/x.mp3", state="ready", duration=184.0,
        file="audio/n.m4a", file_size=1_150_000,
    )  # fmt: skip
    article = make_article("mn", slug="narrated", narration=narration)
    html = client.get(article.url).content.decode()
    assert '<audio controls preload="none" src="/media/audio/n.m4a">' in html
    assert "3:04" in html and "1.1 MB" in html


def test_an_unfinished_narration_is_not_shown(client, make_article, db):
    narration = Narration.objects.create(title="n", original="narration/x.mp3")
    article = make_article("bo", slug="not-yet", narration=narration)
    assert "<audio" not in client.get(article.url).content.decode()


def test_a_narration_deleted_from_the_store_removes_its_files(
    settings, tmp_path, django_capture_on_commit_callbacks, db
):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "n.m4a").write_bytes(b"x")
    narration = Narration.objects.create(
        title="n", original="narration/x.mp3", state="ready", file="audio/n.m4a", file_size=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        narration.delete()
    assert not (tmp_path / "audio" / "n.m4a").exists()


def test_io_helper_reads_in_memory_uploads():
    from media.uploads import local_path

    upload = SimpleUploadedFile("a.mp3", b"ID3abc")
    with local_path(upload) as path:
        assert Path(path).read_bytes() == b"ID3abc"
    assert not Path(path).exists()
    assert upload.read() == b"ID3abc"
