"""Page weight of the home page and one article per language, on a cold cache.

Starts the site (the demo database under var/) on a free loopback port, opens each page
in Debian's chromium at a 360 px phone viewport, and sums what it fetched by kind. HTML and
CSS are counted gzipped (as nginx or WhiteNoise serve them); fonts and images as they
are. Usage: `make bench`.
"""

import gzip
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic"]  # fmt: skip


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def article_urls():
    out = subprocess.run(
        [sys.executable, "manage.py", "export_content"], capture_output=True, text=True, check=True
    ).stdout
    urls = {}
    for item in map(json.loads, out.splitlines()):
        if (
            item["type"] == "article"
            and item["live"]
            and "translation_of" in item
            and item["locale"] != "zh-hans"
        ):
            source = item["translation_of"]
            urls.setdefault(item["locale"], f"/{item['locale']}/{item['channel']}/{item['slug']}/")
            urls.setdefault("zh-hans", f"/zh-hans/{item['channel']}/{source['slug']}/")
    return urls


def kind(url, content_type):
    if url.endswith(".woff2"):
        return "fonts"
    if "text/css" in content_type:
        return "css"
    if "text/html" in content_type:
        return "html"
    if content_type.startswith("image/"):
        return "images"
    return "other"


def measure(page, url):
    sizes = defaultdict(int)
    bodies = []
    page.on("response", lambda response: bodies.append(response))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for response in bodies:
        body = response.body()
        what = kind(response.url, response.headers.get("content-type", ""))
        sizes[what] += len(gzip.compress(body, 6)) if what in ("html", "css") else len(body)
    return sizes


def main():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "KEPU_DEBUG": "1"},
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/zh-hans/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            print(
                f"{'page':44} {'html.gz':>8} {'css.gz':>7} {'fonts':>8} {'images':>8} {'total':>8}"
            )
            paths = [f"/{code}/" for code in ("zh-hans", "bo", "mn")]
            for path in [*paths, *article_urls().values()]:
                # A common cheap Android phone: 360 CSS pixels wide, 1x images.
                context = browser.new_context(viewport={"width": 360, "height": 740})
                sizes = measure(context.new_page(), base + path)
                context.close()
                total = sum(sizes.values())
                print(
                    f"{path[:44]:44} {sizes['html']:8,} {sizes['css']:7,} {sizes['fonts']:8,} {sizes['images']:8,} {total:8,}"
                )
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
