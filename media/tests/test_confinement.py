"""Media processing is confined (issue 14, item 10): an upload can never make ffmpeg read
anything but itself.

The attack: an "MP3" that is an ID3 tag followed by an HLS playlist naming another team's
private recording; ffmpeg's probing skips the tag, picks the HLS demuxer and transcodes
the other team's file into a public narration. The class: every way a media file can
name another file (HLS, ffconcat, concat, encryption-key URIs, XML playlists, subtitles,
URLs in metadata, a symbolic link planted in the store), through every path that reaches
ffmpeg (the upload form's probe, the worker's processing, an original planted in the
store behind the form's back). Each one is refused with a clear message or fails safely,
and a planted secret's bytes never appear in any output, error or log.
"""

import logging
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

from media import containers, ffmpeg
from media.models import Narration, Video
from media.processing import process_narration, process_video
from media.tests import clips

SECRET = b"KEPU-SECRET-h7-7f3c9e"  # what another team's private file says
ADD = {
    "narration": "wagtailsnippets_kepu_media_narration:add",
    "video": "wagtailsnippets_kepu_media_video:add",
}
MODELS = {"narration": Narration, "video": Video}
TASKS = {"narration": process_narration, "video": process_video}


def id3(frames=b""):
    """An ID3v2.3 tag holding ``frames``."""
    size = len(frames)
    synchsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3\x03\x00\x00" + synchsafe + frames


def id3_frame(kind, text):
    body = b"\x00" + text
    return kind + len(body).to_bytes(4, "big") + b"\x00\x00" + body


@pytest.fixture
def secrets(tmp_path, settings, monkeypatch):
    """Another team's files, where an attacker may know or guess their paths: a private
    recording in the store (the real target), a text file beside it, and one outside.
    Temporary folders (processing's, ffmpeg's) are made under tmp_path, to be searched."""
    clips.need_ffmpeg()
    settings.MEDIA_ROOT = tmp_path / "public"
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    private = Path(storages["private"].location)
    folder = private / "narration"
    folder.mkdir(parents=True, exist_ok=True)
    recording = folder / "other-team.mp3"
    clips.audio(recording, seconds=3)
    beside = folder / "secret.txt"
    beside.write_bytes(SECRET + b"\n")
    outside = tmp_path / "secret.txt"
    outside.write_bytes(SECRET + b"\n")
    yield {"recording": recording, "beside": beside, "outside": outside, "private": private}
    for path in (recording, beside):
        path.unlink(missing_ok=True)


def hostile(s):
    """name -> (file name, bytes, message shown) of hostile uploads, aimed at ``s``."""
    rec, txt = str(s["recording"]), str(s["outside"])
    hls = f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:3,\n{rec}\n#EXT-X-ENDLIST\n".encode()
    return {
        "id3 then HLS naming a private recording": ("talk.mp3", id3() + hls, "播放列表"),
        "id3 with a comment, then HLS": (
            "talk.mp3",
            id3(id3_frame(b"COMM", b"eng\x00hello")) + hls,
            "播放列表",
        ),
        "id3, zero padding, then HLS": ("talk.mp3", id3() + b"\x00" * 300 + hls, "播放列表"),
        "plain m3u8 naming /etc/passwd": (
            "talk.mp3",
            b"#EXTM3U\n#EXTINF:3,\n/etc/passwd\n",
            "播放列表",
        ),
        "id3 then HLS with /etc/passwd": (
            "talk.mp3",
            id3() + b"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n",
            "播放列表",
        ),
        "HLS with an EXT-X-KEY URI": (
            "talk.aac",
            id3()
            + f'#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="file://{txt}"\n'
            f"#EXTINF:3,\n{rec}\n#EXT-X-ENDLIST\n".encode(),
            "播放列表",
        ),
        "ffconcat": ("talk.mp3", f"ffconcat version 1.0\nfile '{rec}'\n".encode(), "播放列表"),
        "id3 then ffconcat": (
            "talk.mp3",
            id3() + f"ffconcat version 1.0\nfile '{rec}'\n".encode(),
            "播放列表",
        ),
        "concat list with file:": ("talk.mp3", f"file 'file:{rec}'\n".encode(), "播放列表"),
        "SMIL/XML playlist": (
            "talk.mp3",
            f'<smil><body><audio src="file://{rec}"/></body></smil>'.encode(),
            "播放列表",
        ),
        "SRT subtitles": ("talk.mp3", f"1\n00:00:01,000 --> 00:00:02,000\n{txt}\n".encode(), ""),
        "ASS subtitles with an include": (
            "talk.mp3",
            f"[Script Info]\nScriptType: v4.00+\n; include {txt}\n".encode(),
            "",
        ),
        "a bare file URL": ("talk.mp3", f"file://{txt}\n".encode(), ""),
    }


def post(client, kind, name, data):
    fields = {
        "title": "朗读",
        "collection": Collection.get_first_root_node().pk,
        "original": SimpleUploadedFile(name, data),
    }
    if kind == "video":
        fields.update({f"subtitles-{k}": "0" for k in ("TOTAL_FORMS", "INITIAL_FORMS")})
        fields.update({"subtitles-MIN_NUM_FORMS": "0", "subtitles-MAX_NUM_FORMS": "1000"})
    return client.post(reverse(ADD[kind]), fields)


def everything_written(s, tmp_path):
    """Every file that processing could have written or published."""
    for root in (tmp_path, s["private"]):
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink() and path not in s.values():
                try:
                    yield path, path.read_bytes()
                except OSError:
                    continue


def assert_secret_nowhere(s, tmp_path, caplog, *texts):
    leaked = [p for p, data in everything_written(s, tmp_path) if SECRET in data and
              p.name != "secret.txt"]  # fmt: skip
    assert leaked == []
    for text in (*texts, caplog.text):
        assert SECRET.decode() not in (text or "")


@pytest.mark.parametrize("kind", ["narration", "video"])
@pytest.mark.parametrize("case", list(hostile({"recording": "", "outside": ""})))
def test_hostile_uploads_are_refused_with_a_clear_message(
    admin_client, secrets, tmp_path, caplog, django_capture_on_commit_callbacks, kind, case
):
    name, data, message = hostile(secrets)[case]
    if kind == "video":
        name = name.rsplit(".", 1)[0] + ".mp4"
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        response = post(admin_client, kind, name, data)
    assert response.status_code == 200, case
    error = " ".join(response.context["form"].errors["original"])
    assert ("不是支持的" in error or "不是视频" in error) and message in error, (case, error)
    assert not MODELS[kind].objects.exists()
    assert_secret_nowhere(secrets, tmp_path, caplog, error)


@pytest.mark.parametrize("kind", ["narration", "video"])
@pytest.mark.parametrize("case", list(hostile({"recording": "", "outside": ""})))
def test_hostile_originals_planted_in_the_store_fail_safely_in_the_worker(
    db, secrets, tmp_path, caplog, kind, case
):
    """Behind the form's back (an import, an old upload, a bug): the worker reads the
    container from the bytes too, and ffmpeg never sees more than the one file."""
    _name, data, _message = hostile(secrets)[case]
    model = MODELS[kind]
    asset = model(title="planted", collection=Collection.get_first_root_node(), state="ready")
    asset.original.save("planted.mp3", ContentFile(data), save=False)
    asset.save()
    with caplog.at_level(logging.DEBUG):
        TASKS[kind].call(asset.pk)
    asset.refresh_from_db()
    assert asset.state == "failed" and "不是支持的" in asset.error, (case, asset.error)
    assert not asset.public_files()
    assert_secret_nowhere(secrets, tmp_path, caplog, asset.error)


def test_a_symbolic_link_in_the_store_is_not_followed(db, secrets, tmp_path, caplog):
    """A link planted where an original should be, pointing at another team's file:
    the worker refuses it instead of publishing that file."""
    narration = Narration(title="link", collection=Collection.get_first_root_node())
    narration.original.save("x.mp3", ContentFile(b"placeholder"), save=False)
    narration.state = "ready"
    narration.save()
    path = Path(narration.original.path)
    path.unlink()
    path.symlink_to(secrets["recording"])
    with caplog.at_level(logging.DEBUG):
        process_narration.call(narration.pk)
    narration.refresh_from_db()
    assert narration.state == "failed" and not narration.file
    assert_secret_nowhere(secrets, tmp_path, caplog, narration.error)


def test_ffmpeg_refuses_a_symbolic_link_as_input(secrets, tmp_path):
    link = tmp_path / "link.mp3"
    link.symlink_to(secrets["recording"])
    with pytest.raises(ffmpeg.FFmpegError, match="不是普通文件"):
        ffmpeg.probe(link, "mp3")


def test_urls_in_tags_are_dropped_and_the_recording_is_kept(
    admin_client, secrets, tmp_path, caplog, django_capture_on_commit_callbacks
):
    """A real MP3 whose tags carry file: URLs and paths: accepted (it is an MP3), its
    tags are not published, nothing they name is read."""
    audio = Path(clips.audio(tmp_path / "real.mp3", seconds=3)).read_bytes()
    tags = id3(
        id3_frame(b"WXXX", b"\x00file://" + str(secrets["outside"]).encode())
        + id3_frame(b"TIT2", str(secrets["recording"]).encode())
    )
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        response = post(admin_client, "narration", "talk.mp3", tags + audio)
    assert response.status_code == 302, response.context["form"].errors
    narration = Narration.objects.get()
    assert narration.state == "ready", narration.error
    published = Path(tmp_path / "public" / narration.file.name).read_bytes()
    assert b"file://" not in published and str(secrets["recording"]).encode() not in published
    assert 2.5 < narration.duration < 3.5
    assert_secret_nowhere(secrets, tmp_path, caplog)


@pytest.mark.parametrize(
    "kind, name, make, message",
    [
        ("narration", "talk.m4a", "video", "视频文件"),  # a video, claimed a narration
        ("narration", "talk.m4a", "mp3", "文件名说是"),  # an MP3 named as an M4A
        ("narration", "talk.ogg", "mp3", "文件名说是"),
        ("video", "film.webm", "video", "文件名说是"),  # an MP4 named as a WebM
        ("video", "film.mp4", "mp3", "不是视频"),  # audio, claimed a video
    ],
)
def test_the_container_must_be_what_the_upload_claims(
    admin_client, secrets, tmp_path, kind, name, make, message
):
    if make == "video":
        data = Path(clips.video(tmp_path / "v.mp4", seconds=1, size="320x180")).read_bytes()
    else:
        data = Path(clips.audio(tmp_path / "a.mp3", seconds=1)).read_bytes()
    response = post(admin_client, kind, name, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["original"])
    assert not MODELS[kind].objects.exists()


def test_the_stored_original_is_named_by_its_content(
    admin_client, secrets, tmp_path, django_capture_on_commit_callbacks
):
    data = Path(clips.audio(tmp_path / "a.mp3", seconds=1)).read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(admin_client, "narration", "录音", data)  # no extension at all
    assert response.status_code == 302
    assert Narration.objects.get().original.name.endswith(".mp3")


def test_detection_finds_mp3_and_aac_only_by_a_real_frame():
    def read(data):
        return lambda offset, size: data[offset : offset + size]

    mp3_frame = b"\xff\xfb\x90\x64" + b"\x00" * 60
    adts_frame = b"\xff\xf1\x50\x80" + b"\x00" * 60
    assert containers.detect(read(id3() + mp3_frame)).name == "mp3"
    assert containers.detect(read(id3() + b"\x00" * 5000 + mp3_frame)).name == "mp3"
    assert containers.detect(read(id3(id3_frame(b"TIT2", b"x")) + adts_frame)).name == "aac"
    for text in (b"#EXTM3U\n", b"ffconcat version 1.0\n", b"<?xml version='1.0'?>"):
        with pytest.raises(containers.Unrecognised) as refused:
            containers.detect(read(id3() + text))
        assert refused.value.playlist


def need_sandbox():
    if ffmpeg._bwrap_works():
        return
    if os.environ.get("KEPU_REQUIRE_FFMPEG") == "1" and shutil.which("bwrap"):
        pytest.fail("bubblewrap is installed but cannot confine ffmpeg here")
    if os.environ.get("KEPU_REQUIRE_FFMPEG") == "1":
        pytest.fail(
            "bubblewrap is required with ffmpeg (KEPU_REQUIRE_FFMPEG=1; .ci/run installs it)"
        )
    pytest.skip("bubblewrap is not installed")


@pytest.mark.parametrize("reference", ["absolute", "file-url", "beside"])
def test_inside_the_sandbox_no_other_file_exists(secrets, tmp_path, reference):
    """Even an ffmpeg told outright to open another file (a demuxer bug, a new playlist
    format) finds nothing there: only its input and its output folder exist."""
    clips.need_ffmpeg()
    need_sandbox()
    source = Path(clips.audio(tmp_path / "in.mp3", seconds=1))
    (tmp_path / "secret.txt").write_bytes(SECRET)  # beside the input
    target = {
        "absolute": str(secrets["recording"]),
        "file-url": f"file:{secrets['recording']}",
        "beside": "secret.txt",
    }[reference]
    with pytest.raises(ffmpeg.FFmpegError) as failed:
        ffmpeg._run(
            "ffmpeg", source, "mp3",
            lambda src, out: ["-i", src, "-f", "mp3", "-i", target, "-map", "1:a",
                              "-c", "copy", "-f", "mp3", f"file:{out}/leak.mp3"],
            60, {"leak.mp3": tmp_path / "leak.mp3"},
        )  # fmt: skip
    assert "No such file" in str(failed.value) or "Invalid" in str(failed.value)
    assert not (tmp_path / "leak.mp3").exists()


def test_without_the_sandbox_when_it_is_required_nothing_is_processed(
    secrets, settings, monkeypatch
):
    settings.KEPU_REQUIRE_SANDBOX = True
    monkeypatch.setattr(ffmpeg, "_bwrap_works", lambda: False)
    with pytest.raises(ffmpeg.FFmpegError, match="沙箱"):
        ffmpeg.probe(secrets["recording"])


def test_an_output_over_the_size_limit_fails_cleanly(secrets, settings, tmp_path):
    settings.KEPU_FFMPEG_OUTPUT_LIMIT = 4096
    source = Path(clips.audio(tmp_path / "long.mp3", seconds=20))
    with pytest.raises(ffmpeg.FFmpegError):
        ffmpeg.transcode_narration(source, tmp_path / "out.m4a", 60)
    assert not (tmp_path / "out.m4a").exists()
