"""Background work on uploaded media (django-tasks; `manage.py run_worker` runs it).

Transcodes run on the "media" queue, which a worker of its own takes
(`run_worker --queue-name media`): a 3-hour upload keeps that worker busy for hours, and
the "default" queue (search indexing, cache purges: what unpublishing, deleting and
privacy changes wait for) must never wait behind it. Image renditions go there too: a
batch of 20-megapixel photos takes minutes, and a page can make a missing rendition
itself; they jump ahead of waiting transcodes (priority).

Video and narration processing copies the private original to a temporary folder, runs
ffmpeg there and uploads the results under new keys. The asset only changes when every
output is stored: a failure leaves the previous renditions (or none) in place, removes
anything half-uploaded and records an error the editor can read and retry from.
"""

import logging
import tempfile
import time
from pathlib import Path

from django_tasks import task

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.db import transaction

from cms import after_commit
from media import containers, ffmpeg, renditions, uploads
from media.models import KepuImage, Narration, Video, assets
from media.models.assets import ProcessingState, delete_files

logger = logging.getLogger(__name__)
MEDIA_QUEUE = "media"
# Wall time of one asset's processing: a fixed allowance plus this many times the
# clip's length (a 3-hour upload may take 12 h 15 min before it is stopped; both
# renditions of a 1080p clip take about its own length on two busy cores).
TIME_ALLOWANCE = 900
TIME_PER_SECOND = 4


def _fetch(field, folder, allowed, what):
    """A local copy of a stored original, named by us, and its Container: one of
    ``allowed`` by its own bytes, whatever its stored name says."""
    path = Path(folder) / "original"
    local = _local_path(field)
    with (
        containers.open_regular(local) if local else field.storage.open(field.name, "rb") as source,
        path.open("wb") as target,
    ):
        for chunk in iter(lambda: source.read(1024 * 1024), b""):
            target.write(chunk)
    try:
        found = containers.detect_path(path)
    except containers.Unrecognised as exc:
        raise ffmpeg.FFmpegError(f"这个文件不是支持的{what}格式，已拒绝处理。") from exc
    if found.name not in allowed:
        raise ffmpeg.FFmpegError(f"这个文件（{found.label}）不是支持的{what}格式，已拒绝处理。")
    return path, found


def _local_path(field):
    """The original's path when it is on local disk, checked to be inside the store's
    folder (a link planted there must not lead the worker elsewhere); else None."""
    try:
        path = Path(field.path)
    except NotImplementedError:  # S3 and other remote stores
        return None
    root = Path(field.storage.location).resolve()
    if not path.resolve().is_relative_to(root):
        raise ffmpeg.FFmpegError("原始文件不在存储目录里，已拒绝处理。")
    return path


class _Deadline:
    """The wall time left for one asset's processing, shared by all its ffmpeg runs."""

    def __init__(self, duration):
        allowance = getattr(settings, "KEPU_MEDIA_TIME_ALLOWANCE", TIME_ALLOWANCE)
        factor = getattr(settings, "KEPU_MEDIA_TIME_PER_SECOND", TIME_PER_SECOND)
        self.total = allowance + max(duration, 0) * factor
        self.end = time.monotonic() + self.total

    def left(self):
        left = self.end - time.monotonic()
        if left <= 1:
            raise ffmpeg.FFmpegError(f"处理超时（超过 {int(self.total)} 秒）。")
        return left


class _Uploads:
    """Files stored during one run, deleted again unless the run succeeds."""

    def __init__(self):
        self.storage = storages["default"]
        self.names = []

    def put(self, path, folder, extension):
        with open(path, "rb") as handle:
            name = self.storage.save(uploads.object_key(folder, extension), File(handle))
        self.names.append(name)
        return name, Path(path).stat().st_size

    def discard(self):
        delete_files(self.storage, self.names)
        self.names = []


def _start(model, pk):
    """The asset, marked as processing, or None when it is gone."""
    asset = model.objects.filter(pk=pk).first()
    if asset is None:
        return None
    model.objects.filter(pk=pk).update(state=ProcessingState.PROCESSING, error="")
    return asset


def _run(asset, work):
    """Run ``work(folder, stored)`` for ``asset`` and record the outcome."""
    stored = _Uploads()
    original = asset.original.name
    try:
        with tempfile.TemporaryDirectory(prefix="kepu-media-") as folder:
            outputs, fields = work(folder, stored)
    except ffmpeg.FFmpegError as exc:
        stored.discard()
        asset.fail(str(exc))
        return
    except Exception as exc:
        stored.discard()
        logger.exception("processing %s %s failed", type(asset).__name__, asset.pk)
        asset.fail(f"处理时出错（{type(exc).__name__}），可以稍后点“重新处理”再试。")
        return
    with transaction.atomic():
        current = type(asset).objects.select_for_update().filter(pk=asset.pk).first()
        if current is None or current.original.name != original:
            # Deleted, or a new file was uploaded meanwhile: its own run will publish it.
            transaction.on_commit(stored.discard)
            return
        for name, value in fields.items():
            setattr(current, name, value)
        current.finish(outputs)


@task(queue_name=MEDIA_QUEUE)
def process_video(video_id):
    video = _start(Video, video_id)
    if video is None:
        return

    def work(folder, stored):
        source, found = _fetch(video.original, folder, containers.VIDEO, "视频")
        info = ffmpeg.probe(source, found.demuxer)
        if not info["video"]:
            raise ffmpeg.FFmpegError("文件里没有视频画面。")
        height = int(info["video"].get("height") or 0) or ffmpeg.SMALL["height"]
        deadline = _Deadline(info["duration"])
        outputs = {}
        small = Path(folder) / "small.mp4"
        ffmpeg.transcode_video(
            source, small, height, ffmpeg.SMALL, deadline.left(), demuxer=found.demuxer
        )
        outputs["small"] = stored.put(small, "videos", "mp4")
        if height > ffmpeg.SMALL["height"]:
            large = Path(folder) / "large.mp4"
            ffmpeg.transcode_video(
                source, large, height, ffmpeg.LARGE, deadline.left(), demuxer=found.demuxer
            )
            outputs["large"] = stored.put(large, "videos", "mp4")
        # The size readers see, after any rotation the phone recorded.
        shown = ffmpeg.probe(large if "large" in outputs else small)
        fields = {
            "duration": info["duration"],
            "width": shown["video"]["width"],
            "height": shown["video"]["height"],
        }
        if video.poster_id is None:
            frame = Path(folder) / "poster.jpg"
            at = min(info["duration"] * 0.1, 3.0)
            ffmpeg.poster_frame(
                source, frame, at, height, min(120, deadline.left()), demuxer=found.demuxer
            )
            fields["poster"] = _poster_image(video, frame)
        return outputs, fields

    _run(video, work)


def _poster_image(video, path):
    with path.open("rb") as handle:
        image = KepuImage(title=f"{video.title}（视频封面）"[:255], collection=video.collection)
        image._checked_format = "JPEG"
        image.file = ImageFile(handle, name="poster.jpg")
        image.save()
    return image


@task(queue_name=MEDIA_QUEUE)
def process_narration(narration_id):
    narration = _start(Narration, narration_id)
    if narration is None:
        return

    def work(folder, stored):
        source, found = _fetch(narration.original, folder, containers.AUDIO, "音频")
        info = ffmpeg.probe(source, found.demuxer)
        if not info["audio"]:
            raise ffmpeg.FFmpegError("文件里没有声音。")
        if info["video"]:
            raise ffmpeg.FFmpegError("这是视频文件：请在“视频”里上传。")
        target = Path(folder) / "narration.m4a"
        deadline = _Deadline(info["duration"])
        ffmpeg.transcode_narration(source, target, deadline.left(), demuxer=found.demuxer)
        return {"file": stored.put(target, "audio", "m4a")}, {"duration": info["duration"]}

    _run(narration, work)


@task(queue_name=MEDIA_QUEUE, priority=10)
def make_renditions(image_id):
    """Make the renditions our templates use, so that the first reader of a new page
    does not wait for them (and a 20-megapixel photo is decoded by the worker, not by
    a web process)."""
    image = KepuImage.objects.filter(pk=image_id).first()
    if image is None:
        return
    # One at a time: Wagtail makes several renditions in parallel threads, each holding
    # the decoded photo (60 MB for 20 megapixels); the worker trades speed for memory.
    for spec in renditions.ALL_SPECS:
        image.get_rendition(spec)


# What processes each kind of asset.
TASKS = {Video: process_video, Narration: process_narration}


def schedule(asset):
    """Mark ``asset`` pending and process it once the transaction has committed (the
    worker must see the saved original)."""
    asset.mark_pending()
    kind = type(asset).__name__
    after_commit.enqueue(TASKS[type(asset)], asset.pk, what=f"processing of {kind} {asset.pk}")


def original_stored(sender, asset, **kwargs):
    schedule(asset)


def connect():
    assets.original_stored.connect(original_stored, dispatch_uid="kepu_media_process")
