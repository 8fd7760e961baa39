#!/usr/bin/env python
"""`make screenshots`: the site as a 360 px phone shows it, for looking at, not testing.

PNGs (360 x 740 CSS pixels at a device scale of 2, so 720 px wide; whole pages) of the
home, a channel, an article, a video, a search with results and the offline page, in
each language (zh-hans, bo, mn), in each reading mode (normal, lite, large), and of the
editors' main admin screens (dashboard, page explorer, page edit, translation report,
workflow tasks) as a demo senior editor sees them. They go to
var/screenshots/<time>/ (var/screenshots/latest points to the newest), whose path is
printed last.

The pages come from a development server this script starts on a free port, with a
database, uploads and caches of its own under var/screenshots/site/ (the demo content,
loaded the first time), so that a `make run` going on beside it is not disturbed and
its content does not change the pictures. Debian's chromium, through Playwright.

    python tools/screenshots.py [--languages bo] [--pages home,article] [--modes lite]
                                [--no-admin] [--site-dir DIR] [--out DIR] [--bare]
"""

import argparse
import datetime
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Without these chromium tries to reach Google's hosts (tests/browser/conftest.py).
FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 360, "height": 740}
SCALE = 2
LANGUAGES = ("zh-hans", "bo", "mn")
PAGES = ("home", "channel", "article", "video", "search", "offline")
# The reading modes, as a reader chooses them (cms/reading.py: /prefs/?lite=1 …).
MODES = {"normal": "lite=0&large=0", "lite": "lite=1&large=0", "large": "lite=0&large=1"}
ADMIN = ("dashboard", "explorer", "edit", "translations", "workflow-tasks")
ADMIN_USER = "senior-zh"  # a demo editor who also reviews: every screen has content
# Settings that would point the server at someone else's data (make run's, production's).
FOREIGN_ENV = ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE")


def main(argv=None):
    args = parse(argv)
    site_dir = Path(args.site_dir).resolve()
    out = Path(args.out).resolve() if args.out else new_folder(ROOT / "var" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = server_env(site_dir, port)
    prepare(env, site_dir, bare=args.bare)
    with server(env, port, site_dir) as base:
        written = shoot(base, out, args, site_dir)
    for path in written:
        print(path.relative_to(out), file=sys.stderr)
    print(out)
    return 0


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])

    def names(allowed):
        def check(value):
            chosen = [v.strip() for v in value.split(",") if v.strip()]
            unknown = set(chosen) - set(allowed)
            if unknown:
                raise argparse.ArgumentTypeError(f"unknown: {', '.join(sorted(unknown))}")
            return chosen

        return check

    parser.add_argument("--languages", type=names(LANGUAGES), default=list(LANGUAGES))
    parser.add_argument("--pages", type=names(PAGES), default=list(PAGES))
    parser.add_argument("--modes", type=names(MODES), default=list(MODES))
    parser.add_argument("--admin", type=names(ADMIN), default=list(ADMIN))
    parser.add_argument("--no-admin", dest="admin", action="store_const", const=[])
    parser.add_argument("--site-dir", default=str(ROOT / "var" / "screenshots" / "site"))
    parser.add_argument("--out", help="write here instead of var/screenshots/<time>/")
    parser.add_argument(
        "--bare",
        action="store_true",
        help="only the site's structure (homes, channels), no demo content: fast, for tests",
    )
    return parser.parse_args(argv)


def new_folder(parent):
    """var/screenshots/<time>/, and var/screenshots/latest pointing to it."""
    folder = parent / datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    latest = parent / "latest"
    if latest.is_symlink() or latest.exists():
        latest.unlink()
    latest.symlink_to(folder.name)
    return folder


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(site_dir, port):
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_ENV}
    env = {k: v for k, v in env.items() if not k.startswith("KEPU_")}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        KEPU_VAR_DIR=str(site_dir),
        DATABASE_URL=f"sqlite:///{site_dir / 'kepu.sqlite3'}",
        KEPU_BASE_URL=f"http://127.0.0.1:{port}",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args, log):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=log)


def prepare(env, site_dir, bare):
    """The server's own database: migrated, with the demo content (once), and the
    background tasks that follow it (search, renditions) done before any picture."""
    site_dir.mkdir(parents=True, exist_ok=True)
    with (site_dir / "prepare.log").open("a") as log:
        manage(env, "migrate", "--no-input", "--verbosity", "0", log=log)
        manage(env, "setup_site" if bare else "seed_demo", log=log)
        manage(
            env,
            "run_worker",
            "--batch",
            "--no-reload",
            "--queue-name",
            "*",
            "--verbosity",
            "0",
            log=log,
        )


class server:
    """runserver on 127.0.0.1:port for the duration of a ``with``."""

    def __init__(self, env, port, site_dir):
        self.env, self.port, self.site_dir = env, port, site_dir

    def __enter__(self):
        self.log = (self.site_dir / "server.log").open("a")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped: see {self.site_dir / 'server.log'}")
            try:
                urllib.request.urlopen(base + "/zh-hans/", timeout=5).close()
                return base
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise SystemExit(f"the server did not answer on {base}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def api(base, path, **query):
    url = f"{base}{path}?{urllib.parse.urlencode(query)}"
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


def first_page(base, language, model):
    items = api(base, "/api/v2/pages/", locale=language, type=model, limit=1)["items"]
    return items[0] if items else None


def search_query(base, language, title):
    """A query that finds something: the article's title, else its first word."""
    # Tibetan syllables end in a tsheg; only ASCII spaces part words (str.split() would
    # also part a Mongolian word from its suffix at U+202F).
    words = [w for w in re.split(r"[ \t\n]+", title.replace("\u0f0b", " ")) if w]
    for query in (title, *words[:3], title[:2]):
        found = api(base, "/api/search/", q=query, lang=language)
        if found.get("count"):
            return query
    return title


def addresses(base, language):
    """{page name: path} of the pages to show in ``language``."""
    paths = {"home": f"/{language}/", "offline": f"/{language}/offline/"}
    for name, model in (
        ("channel", "content.ChannelPage"),
        ("article", "content.ArticlePage"),
        ("video", "content.VideoPage"),
    ):
        page = first_page(base, language, model)
        if page is not None:
            paths[name] = urllib.parse.urlsplit(page["meta"]["html_url"]).path
    article = first_page(base, language, "content.ArticlePage")
    query = search_query(base, language, article["title"]) if article else ""
    paths["search"] = f"/{language}/search/?" + urllib.parse.urlencode({"q": query})
    return paths


def settle(page):
    """Everything a reader would see by scrolling: lazy pictures, fonts."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")


def shoot(base, out, args, site_dir):
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            targets = {lang: addresses(base, lang) for lang in args.languages}
            for mode in args.modes:
                context = browser.new_context(viewport=VIEWPORT, device_scale_factor=SCALE)
                page = context.new_page()
                page.goto(f"{base}/prefs/?{MODES[mode]}&next=/")  # sets the mode's cookies
                for lang, paths in targets.items():
                    for name in args.pages:
                        if name not in paths:
                            print(f"no {name} page in {lang}", file=sys.stderr)
                            continue
                        page.goto(base + paths[name])
                        settle(page)
                        classes = page.evaluate("document.documentElement.className").split()
                        if mode != "normal" and mode not in classes:
                            raise SystemExit(f"{paths[name]} is not shown in {mode} mode")
                        path = out / f"{lang}-{name}-{mode}.png"
                        page.screenshot(path=str(path), full_page=True)
                        written.append(path)
                context.close()
            if args.admin:
                written += shoot_admin(browser, base, out, args.admin, site_dir)
        finally:
            browser.close()
    return written


def shoot_admin(browser, base, out, screens, site_dir):
    password = dict(
        line.split("\t")[:2]
        for line in (site_dir / "demo-accounts.txt").read_text(encoding="utf-8").splitlines()
        if "\t" in line
    )[ADMIN_USER]
    home = first_page(base, "zh-hans", "content.HomePage")
    article = first_page(base, "zh-hans", "content.ArticlePage")
    paths = {
        "dashboard": "/admin/",
        "explorer": f"/admin/pages/{home['id']}/" if home else None,
        "edit": f"/admin/pages/{article['id']}/edit/" if article else None,
        "translations": "/admin/translations/",
        "workflow-tasks": "/admin/reports/workflow_tasks/",
    }
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=SCALE)
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", ADMIN_USER)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    written = []
    for name in screens:
        if paths[name] is None:
            print(f"no page for the admin's {name} screen", file=sys.stderr)
            continue
        page.goto(base + paths[name])
        settle(page)
        path = out / f"admin-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        written.append(path)
    context.close()
    return written


if __name__ == "__main__":
    sys.exit(main())
