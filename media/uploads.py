"""Checks on uploaded files, made on their content, before anything is stored.

Readers' phones decode what we publish, and the renditions worker decodes what editors
upload, so a file must be what it claims and small enough to decode: a 30000×30000 PNG
compresses to a few kilobytes, a GIF with thousands of frames to not much more.
"""

import os
import re
import unicodedata
import uuid

from PIL import Image, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError

from media import containers, ffmpeg

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MAX_FRAMES = 50
# Bidirectional controls and other invisible characters that make a name read
# differently from what it is (U+202E turns "gpj.exe" into "exe.jpg").
INVISIBLE = re.compile("[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def check_image(uploaded):
    """The image's real format, or a ValidationError saying what is wrong with it."""
    size = getattr(uploaded, "size", None)
    if not size:
        raise ValidationError("文件是空的（0 字节），请重新选择图片。", code="empty")
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if size > limit:
        raise ValidationError(f"图片太大：最大 {limit // (1024 * 1024)} MB。", code="too_large")
    head = uploaded.read(512)
    uploaded.seek(0)
    if b"<svg" in head.lower() or head.lstrip().startswith(b"<"):
        if head.lstrip().startswith(b"<") and not getattr(settings, "KEPU_ALLOW_SVG", False):
            raise ValidationError(
                "不接受 SVG 或网页文件：请上传 JPEG、PNG、GIF 或 WebP 图片。", code="svg"
            )
    try:
        with Image.open(uploaded) as image:
            kind = image.format
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            "图片像素太多，无法处理：请缩小后再上传。", code="too_many_pixels"
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(
            "这个文件不是能识别的图片（可能已损坏，或只是改了扩展名）。", code="not_image"
        ) from exc
    finally:
        uploaded.seek(0)
    if kind not in IMAGE_FORMATS:
        raise ValidationError(
            f"不支持的图片格式：{kind}。请上传 JPEG、PNG、GIF 或 WebP。", code="format"
        )
    pixels = width * height
    if pixels > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ValidationError(
            f"图片像素太多（{width}×{height}）：最多 {settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000} 百万像素。",
            code="too_many_pixels",
        )
    if frames > MAX_FRAMES or pixels * frames > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ValidationError(
            f"动图帧数太多（{frames} 帧），请上传静态图片或更短的动图。", code="too_many_frames"
        )
    return kind


def display_title(filename):
    """A title from an uploaded file's name: the name without its folders and extension,
    and without invisible or direction-changing characters. Chinese, Tibetan and
    Mongolian names are kept as they are."""
    name = os.path.basename(str(filename).replace("\\", "/"))
    name = INVISIBLE.sub("", unicodedata.normalize("NFC", name))
    stem = os.path.splitext(name)[0].strip(" .")
    return stem[:255] or "image"


def clean_text(text):
    """``text`` without invisible or direction-changing characters."""
    return INVISIBLE.sub("", unicodedata.normalize("NFC", text)).strip()


def object_key(folder, extension):
    """A generated storage key: no part of it comes from the uploader."""
    return f"{folder}/{uuid.uuid4().hex}.{extension}"


# Video and audio: the file's own bytes name its container (media/containers.py), which
# must be one this kind of upload may be, and the one its name claims; ffprobe then reads
# the streams with that container's demuxer and nothing else (media/ffmpeg.py).
VIDEO_MAX_BYTES_DEFAULT = 1024 * 1024 * 1024
AUDIO_MAX_BYTES_DEFAULT = 100 * 1024 * 1024
MAX_DURATION = 3 * 3600
MAX_VIDEO_SIDE = 4096
NOT_VIDEO = "这个文件不是视频（可能是压缩包、网页或改了扩展名的文件）。请上传 MP4、MOV 或 WebM。"
NOT_AUDIO = "这个文件不是支持的音频：请上传 MP3、AAC（M4A）或 Opus 文件。"
PLAYLIST = (
    "这个文件是文本（网页、M3U/ffconcat 播放列表或字幕），不是支持的{what}，已拒绝。"
    "请上传真正的{what}文件。"
)


def _check_size(uploaded, limit, what):
    size = getattr(uploaded, "size", None)
    if not size:
        raise ValidationError("文件是空的（0 字节），请重新选择文件。", code="empty")
    if size > limit:
        raise ValidationError(
            f"{what}文件太大：最大 {limit // (1024 * 1024)} MB。", code="too_large"
        )


def media_container(uploaded, allowed, what, not_it):
    """The Container (media/containers.py) that ``uploaded`` is, if it is one of
    ``allowed`` and the one its name claims; else a ValidationError."""
    try:
        found = containers.detect_file(uploaded)
    except containers.Unrecognised as exc:
        if exc.playlist:
            raise ValidationError(PLAYLIST.format(what=what), code="playlist") from exc
        raise ValidationError(not_it, code="unrecognised") from exc
    finally:
        uploaded.seek(0)
    if found.name not in allowed:
        raise ValidationError(not_it, code="container")
    claim = containers.claimed(getattr(uploaded, "name", ""))
    if claim is not None and claim != found.name:
        shown = containers.CONTAINERS[claim].label
        raise ValidationError(
            f"文件名说是 {shown}，内容却是 {found.label}：请确认文件没有被改过扩展名，"
            f"用原来的文件重新上传。",
            code="claim",
        )
    return found


def _stored_name(uploaded, found):
    """The stored original's extension comes from its content, not from its uploader."""
    uploaded.name = f"upload.{found.name}"


def check_video(uploaded, probe=None):
    """ffprobe's view of an uploaded video, or a ValidationError saying what is wrong.
    ``probe(path, demuxer)`` reads a local path (media.ffmpeg.probe); None skips the
    stream check."""
    _check_size(
        uploaded, getattr(settings, "KEPU_VIDEO_MAX_UPLOAD_SIZE", VIDEO_MAX_BYTES_DEFAULT), "视频"
    )
    found = media_container(uploaded, containers.VIDEO, "视频", NOT_VIDEO)
    if found.name == "mp4" and _mp4_truncated(uploaded):
        raise ValidationError(
            "这个视频文件不完整（可能上传或复制时中断了），请用完整的文件重新上传。",
            code="truncated",
        )
    if probe is None:
        _stored_name(uploaded, found)
        return {}
    info = _probe_upload(uploaded, probe, found, "这个视频文件不完整或已损坏，无法读取。")
    stream = info["video"]
    if not stream or not stream.get("width"):
        raise ValidationError("文件里没有视频画面。", code="no_video_stream")
    if max(stream["width"], stream.get("height") or 0) > MAX_VIDEO_SIDE:
        raise ValidationError(f"视频画面太大：最长边最多 {MAX_VIDEO_SIDE} 像素。", code="too_large")
    _check_duration(info)
    _stored_name(uploaded, found)
    return info


AUDIO_CODECS = {"mp3", "aac", "opus"}  # as ffprobe names them


def check_audio(uploaded, probe=None):
    """ffprobe's view of an uploaded narration (MP3, AAC or Opus), or a ValidationError."""
    _check_size(
        uploaded, getattr(settings, "KEPU_AUDIO_MAX_UPLOAD_SIZE", AUDIO_MAX_BYTES_DEFAULT), "音频"
    )
    found = media_container(uploaded, containers.AUDIO, "音频", NOT_AUDIO)
    if probe is None:
        _stored_name(uploaded, found)
        return {}
    info = _probe_upload(uploaded, probe, found, "这个音频文件不完整或已损坏，无法读取。")
    if info["video"]:
        raise ValidationError("这是视频文件：请在“视频”里上传。", code="is_video")
    stream = info["audio"]
    if not stream or stream.get("codec_name") not in AUDIO_CODECS:
        raise ValidationError(NOT_AUDIO, code="not_audio")
    _check_duration(info)
    _stored_name(uploaded, found)
    return info


def _mp4_truncated(uploaded):
    """Whether an MP4's top-level boxes claim more bytes than the file has: what an
    interrupted upload or copy looks like, whichever end the index (moov) is at."""
    import struct

    size, offset = uploaded.size, 0
    try:
        while offset + 8 <= size:
            uploaded.seek(offset)
            header = uploaded.read(16)
            length, kind = struct.unpack(">I4s", header[:8])
            if length == 1:
                length = struct.unpack(">Q", header[8:16])[0]
            elif length == 0:
                return False  # "to the end of the file"
            if length < 8:
                return True
            offset += length
        return offset != size
    finally:
        uploaded.seek(0)


def _check_duration(info):
    if not info["duration"] > 0:
        raise ValidationError("无法读出时长：文件可能不完整。", code="no_duration")
    if info["duration"] > MAX_DURATION:
        raise ValidationError(
            f"时长超过 {MAX_DURATION // 3600} 小时，请分段上传。", code="too_long"
        )


def _probe_upload(uploaded, probe, found, message):
    try:
        with local_path(uploaded) as path:
            info = probe(path, found.demuxer)
    except ffmpeg.FFmpegError as exc:
        raise ValidationError(message, code="unreadable") from exc
    if info["container"] != found.format_name:
        # ffprobe read it as something else than the demuxer we forced: never trust it.
        raise ValidationError(message, code="container_mismatch")
    return info


class local_path:
    """A path on local disk holding ``uploaded``'s bytes: Django's temporary file when
    there is one, else a private temporary copy, removed on exit."""

    def __init__(self, uploaded):
        self.uploaded = uploaded
        self.copy = None

    def __enter__(self):
        path = getattr(self.uploaded, "temporary_file_path", None)
        if path:
            return path()
        import tempfile

        self.copy = tempfile.NamedTemporaryFile(prefix="kepu-upload-")
        self.uploaded.seek(0)
        for chunk in self.uploaded.chunks():
            self.copy.write(chunk)
        self.copy.flush()
        self.uploaded.seek(0)
        return self.copy.name

    def __exit__(self, *exc):
        if self.copy is not None:
            self.copy.close()
