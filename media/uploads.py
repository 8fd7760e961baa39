"""Checks on uploaded files, made on their content, before anything is stored.

Readers' phones decode what we publish, and the renditions worker decodes what editors
upload, so a file must be what it claims and small enough to decode: a 30000×30000 PNG
compresses to a few kilobytes, a GIF with thousands of frames to not much more.
"""

import os
import unicodedata
import uuid

from PIL import Image, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms import scripts
from media import containers, ffmpeg

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MAX_FRAMES = 50
# Bidirectional controls and other invisible characters that make a name read
# differently from what it is (U+202E turns "gpj.exe" into "exe.jpg"): cms/scripts.py.
INVISIBLE = scripts.HIDDEN_IN_NAMES


def check_image(uploaded):
    """The image's real format, or a ValidationError saying what is wrong with it."""
    size = getattr(uploaded, "size", None)
    if not size:
        raise ValidationError(
            _("The file is empty (0 bytes): choose the image again."), code="empty"
        )
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if size > limit:
        raise ValidationError(
            _("The image is too large: at most %(size)s MB.") % {"size": limit // (1024 * 1024)},
            code="too_large",
        )
    head = uploaded.read(512)
    uploaded.seek(0)
    # Markup (SVG, HTML) is never an image here: Pillow cannot draw it, and an SVG
    # served from our origin could run script.
    if head.lstrip().startswith(b"<"):
        raise ValidationError(
            _("SVG and web page files are not accepted: upload a JPEG, PNG, GIF or WebP image."),
            code="svg",
        )
    try:
        with Image.open(uploaded) as image:
            kind = image.format
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            _("The image has too many pixels to process: make it smaller and upload it again."),
            code="too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(
            _(
                "This file is not an image we can read (it may be damaged, or only its extension was changed)."
            ),
            code="not_image",
        ) from exc
    finally:
        uploaded.seek(0)
    if kind not in IMAGE_FORMATS:
        raise ValidationError(
            _("Unsupported image format: %(format)s. Upload a JPEG, PNG, GIF or WebP.")
            % {"format": kind},
            code="format",
        )
    pixels = width * height
    if pixels > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ValidationError(
            _(
                "The image has too many pixels (%(width)s×%(height)s): at most %(megapixels)s megapixels."
            )
            % {
                "width": width,
                "height": height,
                "megapixels": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000,
            },
            code="too_many_pixels",
        )
    if frames > MAX_FRAMES or pixels * frames > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ValidationError(
            _(
                "The animation has too many frames (%(frames)s): upload a still image or a shorter animation."
            )
            % {"frames": frames},
            code="too_many_frames",
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
NOT_VIDEO = gettext_lazy(
    "This file is not a video (it may be an archive, a web page or a file with a changed extension). Upload an MP4, MOV or WebM."
)
NOT_AUDIO = gettext_lazy("This file is not supported audio: upload an MP3, AAC (M4A) or Opus file.")
PLAYLIST = gettext_lazy(
    "This file is text (a web page, an M3U/ffconcat playlist or subtitles), not a supported"
    " %(what)s, and was refused. Upload a real %(what)s file."
)


def _check_size(uploaded, limit, what):
    size = getattr(uploaded, "size", None)
    if not size:
        raise ValidationError(
            _("The file is empty (0 bytes): choose the file again."), code="empty"
        )
    if size > limit:
        raise ValidationError(
            _("The %(what)s file is too large: at most %(size)s MB.")
            % {"what": what, "size": limit // (1024 * 1024)},
            code="too_large",
        )


def media_container(uploaded, allowed, what, not_it):
    """The Container (media/containers.py) that ``uploaded`` is, if it is one of
    ``allowed`` and the one its name claims; else a ValidationError."""
    try:
        found = containers.detect_file(uploaded)
    except containers.Unrecognised as exc:
        if exc.playlist:
            raise ValidationError(PLAYLIST % {"what": what}, code="playlist") from exc
        raise ValidationError(not_it, code="unrecognised") from exc
    finally:
        uploaded.seek(0)
    if found.name not in allowed:
        raise ValidationError(not_it, code="container")
    claim = containers.claimed(getattr(uploaded, "name", ""))
    if claim is not None and claim != found.name:
        shown = containers.CONTAINERS[claim].label
        raise ValidationError(
            _(
                "The file name says %(claimed)s but the content is %(found)s: check that the"
                " extension was not changed, and upload the original file again."
            )
            % {"claimed": shown, "found": found.label},
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
        uploaded,
        getattr(settings, "KEPU_VIDEO_MAX_UPLOAD_SIZE", VIDEO_MAX_BYTES_DEFAULT),
        _("video"),
    )
    found = media_container(uploaded, containers.VIDEO, _("video"), NOT_VIDEO)
    if found.name == "mp4" and _mp4_truncated(uploaded):
        raise ValidationError(
            _(
                "This video file is incomplete (the upload or copy may have been interrupted): upload the complete file again."
            ),
            code="truncated",
        )
    if probe is None:
        _stored_name(uploaded, found)
        return {}
    info = _probe_upload(
        uploaded, probe, found, _("This video file is incomplete or damaged and cannot be read.")
    )
    stream = info["video"]
    if not stream or not stream.get("width"):
        raise ValidationError(_("The file has no video picture."), code="no_video_stream")
    if max(stream["width"], stream.get("height") or 0) > MAX_VIDEO_SIDE:
        raise ValidationError(
            _("The video picture is too large: at most %(pixels)s pixels on its longest side.")
            % {"pixels": MAX_VIDEO_SIDE},
            code="too_large",
        )
    _check_duration(info)
    _stored_name(uploaded, found)
    return info


AUDIO_CODECS = {"mp3", "aac", "opus"}  # as ffprobe names them


def check_audio(uploaded, probe=None):
    """ffprobe's view of an uploaded narration (MP3, AAC or Opus), or a ValidationError."""
    _check_size(
        uploaded,
        getattr(settings, "KEPU_AUDIO_MAX_UPLOAD_SIZE", AUDIO_MAX_BYTES_DEFAULT),
        _("audio"),
    )
    found = media_container(uploaded, containers.AUDIO, _("audio"), NOT_AUDIO)
    if probe is None:
        _stored_name(uploaded, found)
        return {}
    info = _probe_upload(
        uploaded, probe, found, _("This audio file is incomplete or damaged and cannot be read.")
    )
    if info["video"]:
        raise ValidationError(_("This is a video file: upload it under “Videos”."), code="is_video")
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
        raise ValidationError(
            _("The duration cannot be read: the file may be incomplete."), code="no_duration"
        )
    if info["duration"] > MAX_DURATION:
        raise ValidationError(
            _("It is longer than %(hours)s hours: upload it in parts.")
            % {"hours": MAX_DURATION // 3600},
            code="too_long",
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
