"""backup --to / restore --from: after a round trip the reader sees the same pages and
every stored file has the same bytes, on SQLite and on PostgreSQL."""

import hashlib
import io

import pytest
from PIL import Image

from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command

from wagtail.images import get_image_model

from cms.backup import stored_files
from content.models import ArticlePage


def checksums():
    out = {}
    for alias in ("default", "private"):
        storage = storages[alias]
        for name in stored_files(storage):
            with storage.open(name, "rb") as f:
                out[f"{alias}/{name}"] = hashlib.sha256(f.read()).hexdigest()
    return out


def page_html(client):
    return {
        page.url: client.get(page.url).content for page in ArticlePage.objects.live().order_by("pk")
    }


@pytest.fixture
def media_roots(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Private originals: a fresh folder for this test.
    for name in ("location", "base_location"):
        monkeypatch.setattr(storages["private"], name, str(tmp_path / "private"))
    return tmp_path


@pytest.fixture
def content(live_site, make_article, media_roots):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (30, 120, 60)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="草原", file=ImageFile(buffer, name="grassland.png")
    )
    image.get_rendition("fill-360x203|format-webp")
    storages["private"].save("originals/clip.mp4", io.BytesIO(b"\x00\x00\x00\x18ftypmp42"))
    for code in ("zh-hans", "bo", "mn"):
        make_article(code, slug=f"kept-{code}", lead_image=image)
    return image


def test_round_trip_restores_pages_and_files_exactly(client, content, tmp_path):
    before_pages, before_files = page_html(client), checksums()
    assert len(before_pages) == 3 and len(before_files) >= 3

    call_command("backup", "--to", str(tmp_path / "backup"))

    # What an accident does: a page deleted, a file changed, a file lost.
    ArticlePage.objects.get(slug="kept-bo").delete()
    ArticlePage.objects.filter(slug="kept-zh-hans").update(title="改错了")
    storages["default"].delete(content.file.name)
    storages["private"].delete("originals/clip.mp4")
    storages["private"].save("originals/clip.mp4", io.BytesIO(b"damaged"))
    assert checksums() != before_files

    call_command("restore", "--from", str(tmp_path / "backup"), "--no-input")

    assert page_html(client) == before_pages
    assert checksums() == before_files


def test_a_damaged_backup_is_refused_before_anything_changes(client, content, tmp_path):
    call_command("backup", "--to", str(tmp_path / "backup"))
    damaged = next((tmp_path / "backup/files/default").rglob("*.png"))
    damaged.write_bytes(b"not the picture")
    ArticlePage.objects.filter(slug="kept-mn").update(title="新标题")

    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", "--from", str(tmp_path / "backup"), "--no-input")
    assert ArticlePage.objects.get(slug="kept-mn").title == "新标题"  # untouched


def test_backup_refuses_a_folder_that_holds_something(content, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "manifest.json").write_text("{}")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "--to", str(tmp_path / "old"))
