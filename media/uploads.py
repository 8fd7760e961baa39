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
