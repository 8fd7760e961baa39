"""Page weight on a phone, measured in Debian's chromium against the production stack
(nginx compressing, immutable hashed static files), on the demo content: what crosses
the network, headers included, as the browser's own network log counts it.

Budgets (issue 7): an article's first view without pictures ≤ 30 KB in Chinese and,
with the web font (issue 17, docs/fonts.md), ≤ 75 KB in Tibetan and ≤ 55 KB in Mongolian;
a repeat view ≤ 15 KB; the lite view ≤ 20 KB before fonts; scripts ≤ 10 KB; everything
readable without JavaScript.
"""

import pytest

from tests.browser.conftest import CHROMIUM, FLAGS

KB = 1024
FIRST_VIEW = {"zh-hans": 30 * KB, "bo": 75 * KB, "mn": 55 * KB}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def phone(browser, **options):
    # A cheap Android phone: 360 CSS pixels wide, 1x pictures.
    return browser.new_context(
        viewport={"width": 360, "height": 740}, ignore_https_errors=True, **options
    )


class NetworkLog:
    """Bytes received per request (headers and compressed body), from the DevTools
    protocol; requests answered from the browser's cache count nothing."""

    def __init__(self, page):
        self.kinds, self.bytes, self.cached = {}, {}, set()
        cdp = page.context.new_cdp_session(page)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")

    def _response(self, event):
        self.kinds[event["requestId"]] = (event["type"], event["response"]["url"])

    def _finished(self, event):
        if event["requestId"] not in self.cached:
            self.bytes[event["requestId"]] = event["encodedDataLength"]

    def total(self, *, without=("Image", "Media")):
        return sum(
            size for rid, size in self.bytes.items() if self.kinds.get(rid, ("",))[0] not in without
        )

    def of(self, kind):
        return sum(
            size for rid, size in self.bytes.items() if self.kinds.get(rid, ("",))[0] == kind
        )

    def reset(self):
        self.kinds, self.bytes, self.cached = {}, {}, set()


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", ["zh-hans", "bo", "mn"])
def test_article_first_and_repeat_views_fit_the_budget(browser, stack, demo_articles, language):
    context = phone(browser)
    page = context.new_page()
    log = NetworkLog(page)
    url = stack.base_url + demo_articles[language]
    visit(page, url)
    first = log.total()
    assert first <= FIRST_VIEW[language], f"{language} first view: {first:,} B"
    if language != "zh-hans":
        assert log.of("Font") > 30 * KB  # the script's font was part of that view
    # The next visit: fonts and CSS come from the cache, only the page travels.
    log.reset()
    visit(page, url)
    repeat = log.total(without=())
    assert repeat <= 15 * KB, f"{language} repeat view: {repeat:,} B"
    print(f"page weight {language}: first view {first:,} B, repeat view {repeat:,} B")
    assert log.of("Font") == 0 and log.of("Stylesheet") == 0
    context.close()


def test_scripts_are_small_and_everything_reads_without_them(browser, stack, demo_articles):
    context = phone(browser)
    page = context.new_page()
    log = NetworkLog(page)
    visit(page, stack.base_url + demo_articles["bo"])
    inline = page.evaluate(
        "[...document.scripts].filter(s => !s.src && !s.type.includes('json'))"
        ".reduce((n, s) => n + s.text.length, 0)"
    )
    assert inline + log.of("Script") <= 10 * KB
    print(f"scripts: {inline:,} B inline, {log.of('Script'):,} B fetched")
    context.close()

    context = phone(browser, java_script_enabled=False)
    page = context.new_page()
    visit(page, stack.base_url + demo_articles["bo"])
    assert len(page.locator("article .body").inner_text()) > 200
    page.locator("details.menu summary").click()  # the channel menu needs no script
    assert page.locator("details.menu nav a").first.is_visible()
    page.locator("a[href^='/prefs/?large=1']").click()  # large text, by a plain link
    assert "large" in page.evaluate("document.documentElement.className + document.body.className")
    context.close()


def test_lite_view_carries_no_pictures_and_fits_twenty_kilobytes(browser, stack, demo_articles):
    for language in ("zh-hans", "bo", "mn"):
        context = phone(browser, extra_http_headers={"Save-Data": "on"})
        page = context.new_page()
        log = NetworkLog(page)
        visit(page, stack.base_url + demo_articles[language])
        assert log.of("Image") == 0 and log.of("Media") == 0
        # Fonts are the script itself for Tibetan and Mongolian readers; cached once.
        text = log.total(without=("Font",))
        assert text <= 20 * KB, f"{language} lite view: {text:,} B"
        print(f"lite view {language}: {text:,} B without fonts, {log.total(without=()):,} B in all")
        context.close()
