"""ffprobe and ffmpeg (Debian's package), run as subprocesses on local files.

Everything here works on paths in a private temporary folder: the storage layer copies
an original there and uploads what comes out. Each call has a time limit and raises
FFmpegError with a message an editor can act on, never a traceback.
"""

import json
import shutil
import subprocess

# The small rendition is what a phone on 2G/3G gets by default: 360 lines, H.264 Main
# (every phone since 2012 decodes it in hardware), video capped at 330 kbit/s and mono
# speech-quality audio, so that the whole file stays under 400 kbit/s.
SMALL = {"height": 360, "crf": "28", "maxrate": "330k", "bufsize": "660k", "audio": "48k"}
LARGE = {"height": 720, "crf": "25", "maxrate": "1500k", "bufsize": "3000k", "audio": "64k"}
# Spoken narration: AAC-LC mono at 48 kbit/s, about 360 KB a minute, plays everywhere.
NARRATION_BITRATE = "48k"


class FFmpegError(Exception):
    """ffmpeg could not read or convert a file; the message is for the editor."""


def available():
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def _run(command, timeout):
    if not available():
        raise FFmpegError("服务器上没有安装 ffmpeg，无法处理视频和音频。请联系管理员。")
    try:
        return subprocess.run(command, capture_output=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired as exc:
        raise FFmpegError(f"处理超时（超过 {int(timeout)} 秒）。") from exc
    except subprocess.CalledProcessError as exc:
        tail = exc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise FFmpegError("文件无法解码：" + " / ".join(tail)[-300:]) from exc


def probe(path, timeout=60):
    """What ffprobe sees in ``path``: container, duration (s), and first video and audio
    streams (dicts, or None)."""
    out = _run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        timeout,
    )  # fmt: skip
    try:
        data = json.loads(out.stdout)
    except ValueError as exc:
        raise FFmpegError("ffprobe 的输出无法读取。") from exc
    streams = data.get("streams", [])
    fmt = data.get("format", {})

    def first(kind):
        # An MP3's cover picture is a "video" stream with one frame: not a video.
        return next(
            (
                s
                for s in streams
                if s.get("codec_type") == kind and not s.get("disposition", {}).get("attached_pic")
            ),
            None,
        )

    try:
        duration = float(fmt.get("duration") or 0)
    except ValueError:
        duration = 0.0
    return {
        "container": fmt.get("format_name", ""),
        "duration": duration,
        "video": first("video"),
        "audio": first("audio"),
    }


def _height_filter(height, target):
    # Never upscale; keep the width even, as H.264 in 4:2:0 needs.
    return f"scale=-2:{min(height, target)}"


def transcode_video(source, target, height, preset, timeout):
    """An MP4 of ``source`` at ``preset`` (SMALL or LARGE), fast-start for streaming."""
    _run(
        [
            "ffmpeg", "-nostdin", "-v", "error", "-xerror", "-y", "-i", str(source),
            "-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn", "-map_metadata", "-1",
            "-vf", _height_filter(height, preset["height"]) + ",format=yuv420p",
            "-c:v", "libx264", "-preset", "fast", "-profile:v", "main",
            "-crf", preset["crf"], "-maxrate", preset["maxrate"], "-bufsize", preset["bufsize"],
            "-c:a", "aac", "-ac", "1", "-b:a", preset["audio"],
            "-movflags", "+faststart", str(target),
        ],
        timeout,
    )  # fmt: skip


def poster_frame(source, target, at, height, timeout=120):
    """One JPEG frame of ``source`` at ``at`` seconds."""
    _run(
        [
            "ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", f"{at:.2f}", "-i", str(source),
            "-frames:v", "1", "-vf", _height_filter(height, 720), "-q:v", "3", str(target),
        ],
        timeout,
    )  # fmt: skip


def transcode_narration(source, target, timeout):
    """AAC-LC mono in an M4A, without the original's tags and cover picture."""
    _run(
        [
            "ffmpeg", "-nostdin", "-v", "error", "-xerror", "-y", "-i", str(source),
            "-map", "0:a:0", "-vn", "-map_metadata", "-1", "-c:a", "aac", "-ac", "1",
            "-b:a", NARRATION_BITRATE, "-movflags", "+faststart", str(target),
        ],
        timeout,
    )  # fmt: skip
