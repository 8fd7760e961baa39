"""Debian's chromium driven by Playwright. Skipped where chromium is missing, unless
KEPU_REQUIRE_BROWSER=1 (CI), where a missing browser fails the run."""

import os
import shutil
import threading
import time

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without these flags chromium tries to reach Google's hosts, which this network refuses.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("KEPU_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is required (KEPU_REQUIRE_BROWSER=1) but missing")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; the live server's own thread does the
    # database work, and tests set up their data before opening pages.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 780}, device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def server_is_idle_before_the_database_is_emptied(request):
    """The page a test leaves may still be loading (a font, the service worker and what
    it caches for offline reading) when the test ends: the live server's threads would
    then read the database while pytest-django empties it ("database table is locked"
    on SQLite). Requested before the database fixture, this waits, after the test and
    its browser pages are done, until no request is being served, and only then lets
    the database be emptied."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")  # torn down after this fixture
    yield
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.05)
