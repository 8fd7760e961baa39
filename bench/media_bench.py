"""Media figures for issue 5 (`make bench-media`, also run by `make bench`):

1. Bytes of the images of one article page on a 360 px phone (2× density), before and
   after responsive pictures: "before" is what an <img> of the uploaded photos costs,
   "after" what the browser picks from our srcset (WebP, or AVIF where smaller).
2. Transcode time and output sizes for a 1-minute 720p test clip made with ffmpeg.
3. Peak memory of a worker process making all renditions of a 20-megapixel photo.

Runs against a throwaway SQLite database and media folder under var/bench-media.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = ROOT / "var" / "bench-media"


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'db.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = WORK / "media"
    call_command("migrate", verbosity=0)


def photo(path, width, height, seed):
    """A photo-like test picture: a mandelbrot zoom, detailed like foliage or fur, saved
    as a camera would (JPEG quality 92)."""
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
         f"mandelbrot=size={width}x{height}:start_scale={0.5 + seed / 10}", "-frames:v", "1",
         "-q:v", "2", str(path)],
        check=True,
    )  # fmt: skip
    return path


def image_bytes():
    from django.core.files.images import ImageFile

    from media import renditions
    from media.models import KepuImage

    shots = [photo(WORK / f"photo{n}.jpg", 4000, 3000, n) for n in range(3)]
    images = []
    for path in shots:
        with path.open("rb") as handle:
            images.append(
                KepuImage.objects.create(title=path.stem, file=ImageFile(handle, path.name))
            )
    before = sum(p.stat().st_size for p in shots)
    # A 360 px phone at 2× needs 656 px: the browser takes the 720w candidate.
    after_webp = after_best = 0
    for image in images:
        chosen = renditions.picture(image, "lead")
        webp = image.get_rendition("width-720|format-webp")
        avif = image.get_rendition("width-720|format-avif")
        after_webp += webp.file_size
        after_best += avif.file_size if chosen["avif_srcset"] else webp.file_size
    return {
        "photos": len(shots),
        "before_original_jpeg_bytes": before,
        "after_webp_bytes": after_webp,
        "after_avif_where_smaller_bytes": after_best,
    }


def transcode():
    from media import ffmpeg
    from media.tests import clips

    clip = WORK / "minute-720p.mp4"
    clips.video(clip, seconds=60, size="1280x720")
    out = {"source_bytes": clip.stat().st_size}
    for name, preset in (("360p", ffmpeg.SMALL), ("720p", ffmpeg.LARGE)):
        target = WORK / f"out-{name}.mp4"
        start = time.perf_counter()
        ffmpeg.transcode_video(clip, target, 720, preset, timeout=3600)
        seconds = time.perf_counter() - start
        info = ffmpeg.probe(target)
        size = target.stat().st_size
        out[name] = {
            "seconds": round(seconds, 1),
            "bytes": size,
            "kbit_per_s": round(size * 8 / info["duration"] / 1000),
            "height": info["video"]["height"],
        }
    return out


def worker_memory():
    """Make every rendition of a 20 MP photo in a fresh process; report its peak RSS."""
    big = photo(WORK / "20mp.jpg", 5472, 3648, 7)
    code = f"""
import os, re, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
os.environ["DATABASE_URL"] = "sqlite:///{WORK / "db.sqlite3"}"
import django; django.setup()
from django.conf import settings
settings.MEDIA_ROOT = {str(WORK / "media")!r}
from django.core.files.images import ImageFile
from media.models import KepuImage
from media.processing import make_renditions
def peak():  # VmHWM: this process's own peak (ru_maxrss would count the parent's fork)
    return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
before = peak()
with open({str(big)!r}, "rb") as handle:
    image = KepuImage.objects.create(title="20mp", file=ImageFile(handle, "20mp.jpg"))
make_renditions.call(image.pk)
print(before, peak(), image.renditions.count())
"""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, peak, count = map(int, out.stdout.split())
    return {
        "megapixels": round(5472 * 3648 / 1e6, 1),
        "renditions": count,
        "seconds": round(time.perf_counter() - start, 1),
        "peak_rss_mb": round(peak / 1024),
        "rss_before_work_mb": round(before / 1024),
    }


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    tempfile.tempdir = str(WORK)
    setup_django()
    result = {"image_bytes_360px_phone": image_bytes()}
    result["transcode_1min_720p"] = transcode()
    result["worker_20mp_photo"] = worker_memory()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
