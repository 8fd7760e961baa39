"""Serving files from MEDIA_ROOT when they are on this server's disk (the default set-up
without S3), with HTTP range requests: a phone seeking in a video, or resuming a
download after the network dropped, asks for the bytes it is missing, not the whole
file again. Django's static file view does not answer ranges.

Behind nginx or a CDN, those serve /media/ themselves and this view is not reached.
"""

import mimetypes
import os
import re

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotModified,
)
from django.utils._os import safe_join
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
mimetypes.add_type("text/vtt", ".vtt")
mimetypes.add_type("audio/mp4", ".m4a")
mimetypes.add_type("image/avif", ".avif")
mimetypes.add_type("image/webp", ".webp")

# What /media/ serves under its own type: pictures, video, audio, subtitles. Anything
# else goes out as a download (uploads are checked, but a file may arrive by other ways).
SAFE_TYPES = {
    "image/jpeg", "image/png", "image/gif", "image/webp", "image/avif",
    "video/mp4", "audio/mp4", "audio/mpeg", "audio/ogg", "text/vtt",
}  # fmt: skip
CHUNK = 64 * 1024


class _Slice:
    """A file object that reads ``length`` bytes from ``start``, for FileResponse."""

    def __init__(self, handle, start, length):
        handle.seek(start)
        self.handle, self.left = handle, length

    def read(self, size=-1):
        size = self.left if size < 0 else min(size, self.left)
        data = self.handle.read(size)
        self.left -= len(data)
        return data

    def close(self):
        self.handle.close()


@require_safe
def serve(request, path):
    try:
        full = safe_join(settings.MEDIA_ROOT, path)
    except SuspiciousFileOperation:
        # ../ out of MEDIA_ROOT: 400, without Django's ERROR-level traceback per probe.
        return HttpResponseBadRequest("not a media file", content_type="text/plain")
    if not os.path.isfile(full):
        raise Http404
    stat = os.stat(full)
    etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Last-Modified": http_date(stat.st_mtime),
        # Keys are generated and never reused: a file at a URL never changes.
        "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
        # Even a file a browser would render can run nothing and load nothing.
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if request.headers.get("If-None-Match") == etag or (
        since and "If-None-Match" not in request.headers and int(stat.st_mtime) <= since
    ):
        response = HttpResponseNotModified()
        for name in ("ETag", "Last-Modified", "Cache-Control"):
            response[name] = headers[name]
        return response
    content_type = mimetypes.guess_type(full)[0] or ""
    if content_type not in SAFE_TYPES:
        # Never let a file at our address run as a page (HTML, SVG, scripts): download it.
        content_type = "application/octet-stream"
        headers["Content-Disposition"] = "attachment"
    size = stat.st_size
    wanted = _range(request, etag, stat.st_mtime, size)
    if wanted == "unsatisfiable":
        response = HttpResponse(
            "requested range not satisfiable", status=416, content_type="text/plain"
        )
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle = open(full, "rb")  # noqa: SIM115 (FileResponse closes it)
    if wanted is None:
        response = FileResponse(handle, content_type=content_type)
    else:
        start, end = wanted
        response = FileResponse(
            _Slice(handle, start, end - start + 1), content_type=content_type, status=206
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    for name, value in headers.items():
        response[name] = value
    return response


def _range(request, etag, mtime, size):
    """(start, end) inclusive for a satisfiable single range, "unsatisfiable", or None
    for the whole file (no Range, several ranges, or an If-Range that no longer holds)."""
    header = request.headers.get("Range", "")
    match = RANGE.match(header.strip())
    if not match or size == 0:
        return None
    if_range = request.headers.get("If-Range")
    if if_range and if_range != etag and parse_http_date_safe(if_range) != int(mtime):
        return None
    first, last = match.groups()
    if first == "":
        if last == "" or int(last) == 0:
            return "unsatisfiable"
        return max(size - int(last), 0), size - 1
    start = int(first)
    if start >= size:
        return "unsatisfiable"
    end = min(int(last), size - 1) if last else size - 1
    if end < start:
        return None
    return start, end
