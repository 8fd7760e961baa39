"""Debian's chromium driven by Playwright. Skipped where chromium is missing, unless
KEPU_REQUIRE_BROWSER=1 (CI), where a missing browser fails the run."""

import os
import shutil
import sys
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
    its browser pages are done, until no request is inside Django, and only then lets
    the database be emptied. (Threads that only hold a keep-alive connection open, with
    no request, are not waited for.)"""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")  # torn down after this fixture
    yield
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _serving():
        time.sleep(0.05)


def _serving():
    """Whether a live-server thread is inside Django's request handler."""
    frames = sys._current_frames()
    for thread in threading.enumerate():
        if "process_request_thread" not in thread.name:
            continue
        frame = frames.get(thread.ident)
        while frame is not None:
            if frame.f_code.co_name == "get_response" and "django" in frame.f_code.co_filename:
                return True
            frame = frame.f_back
    return False
