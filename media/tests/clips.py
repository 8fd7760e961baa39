"""Test media made with ffmpeg: real files, generated on the spot, never committed."""

import os
import shutil
import subprocess

import pytest


def need_ffmpeg():
    """Skip without ffmpeg, unless CI says it must be there (.ci/run installs it)."""
    if shutil.which("ffmpeg"):
        return
    if os.environ.get("KEPU_REQUIRE_FFMPEG") == "1":
        pytest.fail("ffmpeg is required (KEPU_REQUIRE_FFMPEG=1) but not installed")
    pytest.skip("ffmpeg is not installed")


def _ffmpeg(*args):
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *map(str, args)], check=True)


def video(path, seconds=4, size="1280x720", audio=True, faststart=True, rate=25):
    """A clip with moving test pictures (hard to compress, like real footage) and a tone."""
    inputs = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        inputs += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    out = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if audio:
        out += ["-c:a", "aac", "-shortest"]
    if faststart:
        out += ["-movflags", "+faststart"]
    _ffmpeg(*inputs, *out, path)
    return path


def audio(path, seconds=3, codec="libmp3lame"):
    _ffmpeg("-f", "lavfi", "-i", f"sine=frequency=330:duration={seconds}", "-c:a", codec, path)
    return path
