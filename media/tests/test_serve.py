"""Files on this server's disk are served with range requests (seeking in a video,
resuming a download) and long caching; nothing outside MEDIA_ROOT is reachable."""

import pytest

from django.test import override_settings

DATA = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def media_file(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "videos").mkdir(parents=True)
    (tmp_path / "media" / "videos" / "clip.mp4").write_bytes(DATA)
    (tmp_path / "secret.txt").write_text("private")
    return "/media/videos/clip.mp4"


def body(response):
    return b"".join(response.streaming_content)


def test_whole_file_with_caching_headers(client, media_file):
    response = client.get(media_file)
    assert response.status_code == 200 and body(response) == DATA
    assert response["Accept-Ranges"] == "bytes" and response["Content-Type"] == "video/mp4"
    assert "immutable" in response["Cache-Control"]
    again = client.get(media_file, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    "header, start, end",
    [("bytes=0-99", 0, 99), ("bytes=10000-", 10000, 10239), ("bytes=-240", 10000, 10239),
     ("bytes=10200-99999", 10200, 10239)],
)  # fmt: skip
def test_a_range_gets_exactly_those_bytes(client, media_file, header, start, end):
    response = client.get(media_file, HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(DATA)}"
    assert body(response) == DATA[start : end + 1]
    assert int(response["Content-Length"]) == end - start + 1


def test_a_range_past_the_end_is_416(client, media_file):
    response = client.get(media_file, HTTP_RANGE="bytes=20000-")
    assert response.status_code == 416 and response["Content-Range"] == f"bytes */{len(DATA)}"


def test_a_stale_if_range_gets_the_whole_new_file(client, media_file):
    response = client.get(media_file, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"old-etag"')
    assert response.status_code == 200 and body(response) == DATA


def test_several_ranges_or_nonsense_get_the_whole_file(client, media_file):
    for header in ("bytes=0-1,5-6", "lines=1-2", "bytes=abc"):
        response = client.get(media_file, HTTP_RANGE=header)
        assert response.status_code == 200 and body(response) == DATA, header


@pytest.mark.parametrize(
    "path", ["/media/../secret.txt", "/media/videos/../../secret.txt", "/media/%2e%2e/secret.txt",
             "/media/videos/missing.mp4"],
)  # fmt: skip
def test_nothing_outside_media_root(client, media_file, path):
    response = client.get(path)
    assert response.status_code in (400, 404) and b"private" not in response.content


def test_only_reading_is_allowed(client, media_file):
    assert client.post(media_file).status_code == 405
    assert client.head(media_file).status_code == 200


@override_settings(DEBUG=False)
def test_private_originals_have_no_public_address(client, media_file, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    name = storages["private"].save("video/original.mp4", ContentFile(b"original"))
    assert client.get("/media/" + name).status_code == 404
    assert client.get("/media/../private/" + name).status_code in (400, 404)


def test_ranges_are_never_gzipped(client, media_file):
    response = client.get(media_file, HTTP_RANGE="bytes=0-99", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 206 and "Content-Encoding" not in response
    assert body(response) == DATA[:100]
    whole = client.get(media_file, HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in whole and body(whole) == DATA
