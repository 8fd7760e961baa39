"""Lighthouse mobile performance and accessibility of the home, an article and a video
page in each language (`make bench-lighthouse`), with Debian's chromium.

Serves the demo database (var/kepu.sqlite3) with production-like settings (DEBUG off)
on a free loopback port. Lighthouse comes from npm (bench/package.json).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
sys.path.insert(0, str(ROOT / "bench"))

from http_bench import free_port, wait  # noqa: E402


def pages(base):
    found = {}
    for lang in ("zh-hans", "bo", "mn"):
        channel = urllib.request.urlopen(f"{base}/{lang}/health/").read().decode()
        links = re.findall(rf'href="(/{lang}/health/[^"/]+/)"', channel)
        video = next(link for link in links if "blindness" in link)
        article = next(link for link in links if link != video)
        found[lang] = [f"/{lang}/", article, video]
    return found


def main():
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund"], cwd=ROOT / "bench", check=True
        )
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "KEPU_DEBUG": "0"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        wait(base + "/zh-hans/")
        with tempfile.TemporaryDirectory() as work:
            report = Path(work) / "report.json"
            for paths in pages(base).values():
                for path in paths:
                    # Lighthouse now and then loses its trace (NO_NAVSTART): one more try.
                    for _ in (1, 2):
                        run = subprocess.run(
                            [str(LIGHTHOUSE), base + path, "--quiet", "--form-factor=mobile",
                             "--only-categories=performance,accessibility", "--output=json",
                             f"--output-path={report}",
                             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
                        )  # fmt: skip
                        if run.returncode == 0:
                            break
                    run.check_returncode()
                    categories = json.loads(report.read_text())["categories"]
                    results[path] = {
                        name: round(categories[name]["score"] * 100)
                        for name in ("performance", "accessibility")
                    }
                    time.sleep(0.2)
    finally:
        server.terminate()
    width = max(map(len, results))
    print(f"{'page':{width}}  performance  accessibility")
    for path, scores in results.items():
        print(f"{path:{width}}  {scores['performance']:>11}  {scores['accessibility']:>13}")


if __name__ == "__main__":
    main()
