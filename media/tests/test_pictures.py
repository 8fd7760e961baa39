"""Pictures on phones: two widths with sizes, WebP always, AVIF where it is smaller."""

import re
from pathlib import Path

from django.core.files.images import ImageFile

import wagtail

from media import renditions
from media.models import KepuImage
from media.processing import make_renditions

PHOTO = Path(wagtail.__file__).parent / "images" / "tests" / "image_files" / "landscape_3.jpg"


def photo(title="photo"):
    return KepuImage.objects.create(title=title, file=ImageFile(PHOTO.open("rb"), name="p.jpg"))


class Made:
    def __init__(self, width, size):
        self.url, self.width, self.file_size = f"/m/{width}-{size}", width, size


def test_avif_is_offered_only_where_it_is_smaller(monkeypatch):
    def fake(sizes):
        return lambda image, *specs: [
            Made(int(s.split("-")[1].split("|")[0]), sizes[s]) for s in specs
        ]

    specs = {"width-360|format-webp": 9000, "width-720|format-webp": 30000}
    smaller = {**specs, "width-360|format-avif": 7000, "width-720|format-avif": 21000}
    monkeypatch.setattr(renditions, "get", fake(smaller))
    assert (
        renditions.picture(object(), "lead")["avif_srcset"] == "/m/360-7000 360w, /m/720-21000 720w"
    )
    larger = {**specs, "width-360|format-avif": 9500, "width-720|format-avif": 31000}
    monkeypatch.setattr(renditions, "get", fake(larger))
    drawn = renditions.picture(object(), "lead")
    assert drawn["avif_srcset"] == "" and drawn["srcset"] == "/m/360-9000 360w, /m/720-30000 720w"


def test_a_photo_gets_avif(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    taken = renditions.picture(photo(), "lead")
    assert taken["avif_srcset"].count(".avif") == 2


def test_the_page_offers_both_widths_and_formats(client, make_article, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = make_article("zh-hans", slug="photo", lead_image=photo())
    html = client.get(article.url).content.decode()
    assert '<source type="image/avif"' in html and "360w" in html and "600w" in html  # not enlarged
    assert 'sizes="(max-width: 46rem) calc(100vw - 2rem), 44rem"' in html
    channel = client.get(article.get_parent().url).content.decode()
    # Cards: 360 px for 1× phones, and as near 720 px as this 600 px photo allows.
    assert re.search(r'srcset="[^"]+\.webp 360w, [^"]+\.webp 600w"', channel)
    assert 'loading="lazy"' in channel


def test_rendition_sizes_are_recorded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = photo()
    for made in image.get_renditions(*renditions.ALL_SPECS).values():
        assert made.file_size == (tmp_path / made.file.name).stat().st_size
    single = image.get_rendition("width-100|format-webp")
    assert single.file_size == (tmp_path / single.file.name).stat().st_size


def test_the_worker_makes_renditions_when_an_image_is_saved(
    db, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.KEPU_PREGENERATE_RENDITIONS = True
    with django_capture_on_commit_callbacks(execute=True):
        image = photo()
    assert image.renditions.count() == len(renditions.ALL_SPECS)
    make_renditions.call(image.pk)  # again: nothing new
    assert image.renditions.count() == len(renditions.ALL_SPECS)
