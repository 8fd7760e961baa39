"""ffprobe and ffmpeg (Debian's package), run as confined subprocesses on local files.

Uploads are hostile until proven otherwise, and ffmpeg is a large parser that can be told
by a file to open other files (playlists, concat lists, references inside MP4s). So
every run (media/ffmpeg.py is the only place that starts one):

- reads its one input through the ``file`` protocol only (``-protocol_whitelist file``)
  by an absolute ``file:`` path ffmpeg cannot reinterpret, with the demuxer forced from
  the file's own magic bytes (media/containers.py): HLS, concat and other demuxers that
  follow references are never chosen by probing;
- sees only a fresh private folder holding a hard link (or copy) of that input and a
  folder for its outputs: under bubblewrap (``bwrap``, Debian's ``bubblewrap``) nothing
  else of the file system exists, nor any network; without it (see KEPU_REQUIRE_SANDBOX),
  it still runs in that folder with an empty environment;
- has resource limits (address space, output file size, open files, CPU time, no core
  dumps) and a wall-clock time limit.

Each call raises FFmpegError with a message an editor can act on, never a traceback.
"""

import functools
import json
import logging
import os
import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from media import containers

logger = logging.getLogger(__name__)

# The small rendition is what a phone on 2G/3G gets by default: 360 lines, H.264 Main
# (every phone since 2012 decodes it in hardware), video capped at 330 kbit/s and mono
# speech-quality audio, so that the whole file stays under 400 kbit/s.
SMALL = {"height": 360, "crf": "28", "maxrate": "330k", "bufsize": "660k", "audio": "48k"}
LARGE = {"height": 720, "crf": "25", "maxrate": "1500k", "bufsize": "3000k", "audio": "64k"}
# Spoken narration: AAC-LC mono at 48 kbit/s, about 360 KB a minute, plays everywhere.
NARRATION_BITRATE = "48k"

# Resource limits of one ffmpeg run (settings override them). A 4096-pixel source and
# x264's look-ahead fit in 3 GB; a 3-hour 720p rendition is about 2 GB.
MEMORY_LIMIT = 3 * 1024**3
OUTPUT_LIMIT = 4 * 1024**3
OPEN_FILES = 64
# Inside the sandbox: the input, read-only, and the outputs' folder.
JOB_INPUT = "/job/in/input"
JOB_OUTPUT = "/job/out"
# Demuxer options that turn off what could still reach outside the one input.
DEMUXER_OPTIONS = {"mov": ["-enable_drefs", "0", "-use_absolute_path", "0"]}


class FFmpegError(Exception):
    """ffmpeg could not read or convert a file; the message is for the editor."""


def available():
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def _bwrap_command():
    """bubblewrap's arguments for a run that sees only /usr (programs and libraries), the
    dynamic linker's files and the job folder, with no network, no other processes, no
    capabilities, and an empty environment."""
    command = [
        shutil.which("bwrap"), "--unshare-all", "--die-with-parent", "--cap-drop", "ALL",
        "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LC_ALL", "C",
        "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev",
    ]  # fmt: skip
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        if os.path.islink(f"/{name}"):  # merged /usr (Debian 12): /lib -> usr/lib
            command += ["--symlink", os.readlink(f"/{name}"), f"/{name}"]
    # Shared libraries are found through these (Debian's BLAS/LAPACK via alternatives).
    for path in ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives"):
        if os.path.exists(path):
            command += ["--ro-bind", path, path]
    return command


@functools.cache
def _bwrap_works():
    """Whether bubblewrap can make its namespaces here (a container's seccomp profile or
    a kernel without user namespaces may forbid it)."""
    if not shutil.which("bwrap"):
        return False
    try:
        subprocess.run(
            [*_bwrap_command(), "--", "/usr/bin/true"],
            capture_output=True, timeout=20, check=True, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("bubblewrap cannot confine ffmpeg here: %s", exc)
        return False
    return True


def sandbox():
    """ "bwrap" when ffmpeg runs under bubblewrap, "" when only in its own folder."""
    if _bwrap_works():
        return "bwrap"
    if getattr(settings, "KEPU_REQUIRE_SANDBOX", False):
        raise FFmpegError("服务器的媒体处理沙箱（bubblewrap）不可用，文件没有处理。请联系管理员。")
    return ""


def _limits(timeout):
    """The resource limits of one run, as (prlimit option, resource, value)."""
    memory = getattr(settings, "KEPU_FFMPEG_MEMORY_LIMIT", MEMORY_LIMIT)
    output = getattr(settings, "KEPU_FFMPEG_OUTPUT_LIMIT", OUTPUT_LIMIT)
    # CPU seconds: every core busy for the whole time limit, and no more.
    cpu = int(timeout * (os.cpu_count() or 1)) + 10
    return [
        ("--core", resource.RLIMIT_CORE, 0),
        ("--as", resource.RLIMIT_AS, memory),
        ("--fsize", resource.RLIMIT_FSIZE, output),
        ("--nofile", resource.RLIMIT_NOFILE, OPEN_FILES),
        ("--cpu", resource.RLIMIT_CPU, cpu),
    ]


def _limited(command, timeout):
    """``command`` under its limits, set by util-linux's prlimit (Essential in Debian)
    rather than in a preexec_fn, which is not safe in a threaded process (runserver)."""
    limits = _limits(timeout)
    if prlimit := shutil.which("prlimit"):
        options = [f"{option}={value}" for option, _, value in limits]
        return [prlimit, *options, "--", *command], None

    def apply():
        for _, limit, value in limits:
            resource.setrlimit(limit, (value, value))

    return command, apply


def _place_input(source, folder):
    """A hard link (or a copy) of ``source`` as ``folder``/input; a symbolic link or
    anything but a regular file is refused."""
    target = folder / "input"
    try:
        handle = containers.open_regular(source)
    except OSError as exc:
        raise FFmpegError("要处理的文件不是普通文件，已拒绝。") from exc
    with handle:
        try:
            os.link(f"/proc/self/fd/{handle.fileno()}", target, follow_symlinks=True)
        except OSError:
            with open(target, "wb") as copy:
                shutil.copyfileobj(handle, copy, 1024 * 1024)
    return target


def _run(program, source, demuxer, build, timeout, outputs=()):
    """Run ``program`` (ffmpeg or ffprobe) on ``source`` read by ``demuxer``, confined.

    ``build(input_url, output_folder)`` returns the arguments after the input's; files it
    writes in ``output_folder`` named in ``outputs`` (name -> target path) are moved to
    their targets when the run succeeds."""
    if not available():
        raise FFmpegError("服务器上没有安装 ffmpeg，无法处理视频和音频。请联系管理员。")
    mode = sandbox()
    with tempfile.TemporaryDirectory(prefix="kepu-ffmpeg-") as job:
        job = Path(job)
        (job / "in").mkdir(mode=0o700)
        (job / "out").mkdir(mode=0o700)
        placed = _place_input(source, job / "in")
        if mode == "bwrap":
            prefix = _bwrap_command() + [
                "--ro-bind", str(job / "in"), "/job/in", "--bind", str(job / "out"), JOB_OUTPUT,
                "--chdir", JOB_OUTPUT, "--",
            ]  # fmt: skip
            input_path, output_folder, env = JOB_INPUT, JOB_OUTPUT, None
        else:
            prefix = []
            input_path, output_folder = str(placed), str(job / "out")
            env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C"}
        command = [
            *prefix, f"/usr/bin/{program}" if prefix else shutil.which(program),
            *(["-nostdin"] if program == "ffmpeg" else []),
            "-v", "error", "-protocol_whitelist", "file",
            "-f", demuxer, *DEMUXER_OPTIONS.get(demuxer, []),
        ]  # fmt: skip
        command += build("file:" + input_path, output_folder)
        command, preexec = _limited(command, timeout)
        try:
            result = subprocess.run(
                command, capture_output=True, timeout=timeout, check=True, env=env,
                cwd=job / "out", stdin=subprocess.DEVNULL, preexec_fn=preexec,
            )  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            raise FFmpegError(f"处理超时（超过 {int(timeout)} 秒）。") from exc
        except subprocess.CalledProcessError as exc:
            tail = exc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            # The editor sees the decoder's words, not our folders.
            text = " / ".join(tail).replace("file:" + input_path, "").replace(output_folder, "")
            raise FFmpegError("文件无法解码：" + text[-300:]) from exc
        for name, target in dict(outputs).items():
            made = job / "out" / name
            if not made.is_file() or made.is_symlink():
                raise FFmpegError("ffmpeg 没有生成输出文件。")
            shutil.move(made, target)
        return result


def _demuxer(source, demuxer):
    if demuxer:
        return demuxer
    try:
        return containers.detect_path(source).demuxer
    except containers.Unrecognised as exc:
        raise FFmpegError("文件格式无法识别，已拒绝处理。") from exc
    except OSError as exc:
        raise FFmpegError("要处理的文件不是普通文件，已拒绝。") from exc


def probe(path, demuxer=None, timeout=60):
    """What ffprobe sees in ``path`` read by ``demuxer`` (by default, the one its magic
    bytes name): container, duration (s), and first video and audio streams (dicts, or
    None)."""
    demuxer = _demuxer(path, demuxer)
    out = _run(
        "ffprobe", path, demuxer,
        lambda source, _out: ["-print_format", "json", "-show_format", "-show_streams", source],
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


def transcode_video(source, target, height, preset, timeout, demuxer=None):
    """An MP4 of ``source`` at ``preset`` (SMALL or LARGE), fast-start for streaming."""
    _run(
        "ffmpeg", source, _demuxer(source, demuxer),
        lambda source, out: [
            "-xerror", "-y", "-i", source,
            "-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn", "-map_metadata", "-1",
            "-vf", _height_filter(height, preset["height"]) + ",format=yuv420p",
            "-c:v", "libx264", "-preset", "fast", "-profile:v", "main",
            "-crf", preset["crf"], "-maxrate", preset["maxrate"], "-bufsize", preset["bufsize"],
            "-c:a", "aac", "-ac", "1", "-b:a", preset["audio"],
            "-movflags", "+faststart", f"file:{out}/video.mp4",
        ],
        timeout, {"video.mp4": target},
    )  # fmt: skip


def poster_frame(source, target, at, height, timeout=120, demuxer=None):
    """One JPEG frame of ``source`` at ``at`` seconds."""
    _run(
        "ffmpeg", source, _demuxer(source, demuxer),
        lambda source, out: [
            "-y", "-ss", f"{at:.2f}", "-i", source, "-map", "0:v:0", "-frames:v", "1",
            "-vf", _height_filter(height, 720), "-q:v", "3", "-f", "image2",
            f"file:{out}/poster.jpg",
        ],
        timeout, {"poster.jpg": target},
    )  # fmt: skip


def transcode_narration(source, target, timeout, demuxer=None):
    """AAC-LC mono in an M4A, without the original's tags and cover picture."""
    _run(
        "ffmpeg", source, _demuxer(source, demuxer),
        lambda source, out: [
            "-xerror", "-y", "-i", source,
            "-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1", "-c:a", "aac",
            "-ac", "1", "-b:a", NARRATION_BITRATE, "-movflags", "+faststart", "-f", "mp4",
            f"file:{out}/narration.m4a",
        ],
        timeout, {"narration.m4a": target},
    )  # fmt: skip
