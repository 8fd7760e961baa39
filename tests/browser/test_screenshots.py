"""`make screenshots` (tools/screenshots.py) on one page: its own server on a free port
with its own database, Debian's chromium at 360 CSS px and a device scale of 2."""

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.browser


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_one_page_is_a_phone_sized_png(tmp_path):
    if not shutil.which(CHROMIUM):
        if os.environ.get("KEPU_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is required (KEPU_REQUIRE_BROWSER=1) but missing")
        pytest.skip(f"{CHROMIUM} not installed")
    out, site = tmp_path / "out", tmp_path / "site"
    answer = subprocess.run(
        [sys.executable, "tools/screenshots.py", "--bare", "--languages", "bo",
         "--pages", "home", "--modes", "lite", "--no-admin",
         "--site-dir", str(site), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert answer.returncode == 0, answer.stderr[-3000:]
    assert answer.stdout.strip().splitlines()[-1] == str(out)  # the folder, printed last
    assert [p.name for p in out.iterdir()] == ["bo-home-lite.png"]
    width, height = png_size(out / "bo-home-lite.png")
    assert width == 720 and height >= 740 * 2  # 360 CSS px at 2x; at least one screen
    # Its own database, not make run's.
    assert (site / "kepu.sqlite3").exists()
