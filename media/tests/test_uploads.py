"""Image uploads through the admin: bad files get a clear error and leave nothing
behind; good files are stored under generated keys with their names as titles."""

import io
import re
import struct
import zlib

import pytest
from PIL import Image

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model
from wagtail.models import Collection


def png(width=40, height=30, colour=(20, 120, 60)):
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def huge_png_header(width=30000, height=30000):
    """A PNG that claims 30000×30000 pixels in a few dozen bytes."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def gif_bomb(frames=300):
    out = io.BytesIO()
    # Every frame different, so that the encoder cannot merge them.
    images = [
        Image.new("RGB", (10, 10), (i % 256, (i * 7) % 256, (i * 13) % 256)) for i in range(frames)
    ]
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=10)
    return out.getvalue()


@pytest.fixture
def upload(client, site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(get_user_model().objects.create_superuser("chief", "c@example.org", "pw"))
    root = Collection.get_first_root_node()

    def post(name, data, title=None):
        file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        return client.post(
            "/admin/images/add/",
            {
                "title": title if title is not None else name.rsplit(".", 1)[0],
                "file": file,
                "collection": root.pk,
            },
        )

    return post


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_good_image_gets_a_generated_key_and_keeps_its_name_as_title(upload, tmp_path):
    response = upload("རྩྭ་ཐང་གི་ཉེན་ཁ.png", png())
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.title == "རྩྭ་ཐང་གི་ཉེན་ཁ"
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.png", image.file.name)
    assert (tmp_path / image.file.name).exists()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.png", b"", "0 字节"),
        ("huge.png", huge_png_header(), "像素太多"),
        ("bomb.gif", gif_bomb(), "帧数太多"),
        (
            "page.jpg",
            b"<!doctype html><html><script>alert(1)</script></html>",
            "不接受 SVG 或网页文件",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "",
        ),
        ("photo.jpg", b"\xff\xd8\xff\xe0 not really a jpeg" + b"\0" * 200, ""),
        ("archive.png", b"PK\x03\x04" + b"\0" * 300, ""),
    ],
)
def test_bad_files_are_refused_and_leave_nothing(upload, tmp_path, name, data, message):
    response = upload(name, data)
    assert response.status_code == 200  # the form again, with the error
    errors = " ".join(response.context["form"].errors.get("file", []))
    assert errors and message in errors
    assert not get_image_model().objects.exists()
    assert stored_files(tmp_path) == []


def test_a_file_over_the_size_limit_is_refused(upload, tmp_path, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
    response = upload("big.png", png(400, 400, (1, 2, 3)) + b"\0" * 5_000)
    assert response.status_code == 200
    assert not get_image_model().objects.exists() and stored_files(tmp_path) == []


@pytest.mark.parametrize(
    "name, title, expected",
    [("../../x.png", "../../x", "../../x"), ("gpj\u202e.png", "gpj\u202eexe", "gpjexe")],
)
def test_hostile_names_never_reach_storage_paths(upload, tmp_path, name, title, expected):
    assert upload(name, png(), title=title).status_code == 302
    image = get_image_model().objects.get()
    assert image.title == expected
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.png", image.file.name)
    assert all(tmp_path in p.parents for p in stored_files(tmp_path))


def test_alt_text_and_caption_are_translated(site_tree):
    from django.utils import translation

    image = get_image_model()(title="x", width=1, height=1, file="original_images/x.png")
    image.alt_text_zh_hans, image.alt_text_bo, image.alt_text_mn = "草原", "རྩྭ་ཐང", "ᠲᠠᠯ᠎ᠠ"
    for code, expected in (("zh-hans", "草原"), ("bo", "རྩྭ་ཐང"), ("mn", "ᠲᠠᠯ᠎ᠠ")):
        with translation.override(code):
            assert image.alt_text == expected
