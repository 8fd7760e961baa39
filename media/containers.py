"""Which container a media file is, from its own bytes, and the ffmpeg demuxer that reads it.

ffmpeg, left to guess, picks among hundreds of demuxers by probing, and some of them open
other files: an HLS or ffconcat playlist names segments that ffmpeg then reads, so a text
file behind an ID3 tag (which ffmpeg's probing skips) "is" an MP3 that plays another
team's private recording. So nothing is ever handed to ffmpeg without a demuxer we chose:
this module recognises the few containers we accept by their magic bytes and names the
demuxer to force (``-f``); everything else, text and playlists first, is refused.

The lowest layer of media handling: no Django, no ffmpeg, only bytes.
"""

import os
import stat
from typing import NamedTuple


class Container(NamedTuple):
    name: str  # ours, also the extension the stored original gets
    demuxer: str  # ffmpeg's -f
    format_name: str  # what ffprobe reports for that demuxer
    label: str  # for editors' messages


CONTAINERS = {
    c.name: c
    for c in (
        Container("mp4", "mov", "mov,mp4,m4a,3gp,3g2,mj2", "MP4/MOV/M4A"),
        Container("webm", "matroska", "matroska,webm", "WebM/MKV"),
        Container("avi", "avi", "avi", "AVI"),
        Container("ogg", "ogg", "ogg", "Ogg/Opus"),
        Container("mp3", "mp3", "mp3", "MP3"),
        Container("aac", "aac", "aac", "AAC"),
    )
}
# What each kind of upload may be. Ogg, MP3 and AAC carry no picture we would publish.
VIDEO = ("mp4", "webm", "avi")
AUDIO = ("mp3", "aac", "mp4", "ogg", "webm")

# The extension a file's name claims, as the container it names (several names, one
# container: a phone's .m4a and a camera's .mov are both MP4).
CLAIMS = {
    "mp4": "mp4", "m4a": "mp4", "m4v": "mp4", "mov": "mp4", "3gp": "mp4", "qt": "mp4",
    "webm": "webm", "mkv": "webm", "weba": "webm", "mka": "webm",
    "avi": "avi",
    "ogg": "ogg", "oga": "ogg", "opus": "ogg",
    "mp3": "mp3",
    "aac": "aac",
}  # fmt: skip

# How a text file ffmpeg would read as a list of other files starts (after any ID3 tag,
# byte-order mark or blank space): HLS, ffconcat, SMIL/DASH/XML, PLS, subtitles.
PLAYLIST_MARKS = (
    b"#EXT", b"ffconcat", b"file ", b"file\t", b"[playlist]", b"[script info]", b"<",
    b"http:", b"https:", b"file:", b"webvtt", b"1\r\n00:", b"1\n00:",
)  # fmt: skip

HEAD = 64
MAX_ID3_TAGS = 4
MAX_PADDING = 64 * 1024  # zero bytes some encoders leave between the tag and the audio


class Unrecognised(Exception):
    """Not one of our containers. ``playlist`` says it looks like a text playlist."""

    def __init__(self, playlist=False):
        super().__init__("playlist" if playlist else "unknown")
        self.playlist = playlist


def _mpeg_audio(b):
    """Whether ``b`` starts an MPEG-1/2 audio frame (layer I-III) with a valid header."""
    if len(b) < 4 or b[0] != 0xFF or b[1] & 0xE0 != 0xE0:
        return False
    version, layer = (b[1] >> 3) & 3, (b[1] >> 1) & 3
    bitrate, rate = b[2] >> 4, (b[2] >> 2) & 3
    return version != 1 and layer != 0 and bitrate not in (0, 15) and rate != 3


def _adts(b):
    """Whether ``b`` starts an ADTS (raw AAC) frame."""
    return len(b) >= 4 and b[0] == 0xFF and b[1] & 0xF6 == 0xF0 and (b[2] >> 2) & 0xF < 13


def _id3_length(b):
    """The length of the ID3v2 tag that ``b`` starts, or 0."""
    if len(b) < 10 or not b.startswith(b"ID3") or any(x & 0x80 for x in b[6:10]):
        return 0
    size = (b[6] << 21) | (b[7] << 14) | (b[8] << 7) | b[9]
    return 10 + size + (10 if b[5] & 0x10 else 0)  # a footer repeats the header


def _skip_padding(read, offset):
    """The offset of the first non-zero byte from ``offset`` (within MAX_PADDING)."""
    end = offset + MAX_PADDING
    while offset < end:
        chunk = read(offset, 4096)
        stripped = chunk.lstrip(b"\x00")
        if stripped or not chunk:
            return offset + len(chunk) - len(stripped)
        offset += len(chunk)
    return offset


def _looks_like_text(b):
    body = b.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    lowered = body[:32].lower()
    if any(lowered.startswith(mark) for mark in PLAYLIST_MARKS):
        return True
    printable = sum(32 <= x < 127 or x in (9, 10, 13) for x in body)
    return len(body) >= 8 and printable / len(body) > 0.95


def detect(read):
    """The Container that a file is, given ``read(offset, size) -> bytes``; raises
    Unrecognised. MP3 and AAC are only recognised by a real frame header after their tags:
    an ID3 tag may precede anything."""
    head = read(0, HEAD)
    if head[4:8] == b"ftyp":
        return CONTAINERS["mp4"]
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return CONTAINERS["webm"]
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return CONTAINERS["avi"]
    if head.startswith(b"OggS"):
        return CONTAINERS["ogg"]
    offset, tags = 0, 0
    while (length := _id3_length(head)) and tags < MAX_ID3_TAGS:
        offset, tags = offset + length, tags + 1
        head = read(offset, HEAD)
    if tags:
        offset = _skip_padding(read, offset)
        head = read(offset, HEAD)
    if _mpeg_audio(head):
        return CONTAINERS["mp3"]
    if _adts(head):
        return CONTAINERS["aac"]
    raise Unrecognised(playlist=_looks_like_text(head))


def detect_file(handle):
    """detect() on an open binary file (its position is kept)."""
    position = handle.tell()

    def read(offset, size):
        handle.seek(offset)
        return handle.read(size)

    try:
        return detect(read)
    finally:
        handle.seek(position)


def open_regular(path):
    """``path`` opened for reading, refusing a symbolic link or anything but a regular
    file (a link planted in a folder would point ffmpeg at someone else's file)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{path} is not a regular file")
    return os.fdopen(fd, "rb")


def detect_path(path):
    with open_regular(path) as handle:
        return detect_file(handle)


def claimed(filename):
    """The container a file name's extension claims, or None when it claims none we know."""
    name = os.path.basename(str(filename))
    if "." not in name:
        return None
    return CLAIMS.get(name.rsplit(".", 1)[1].lower())
