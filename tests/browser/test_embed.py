"""A county media centre's page on another site embeds a channel with embed.js: the
iframe shows our widget, drawn in our fonts and resized to its content as the window
changes; a Mongolian widget fits a phone; an unregistered site gets a plain link to the
channel instead of the browser's error page."""

import base64
import http.server
import io
import threading

import pytest
from PIL import Image

from content.models import Partner
from tests.browser.conftest import CHROMIUM, FLAGS

# The partner's page is on another site than ours (127.0.0.2, not 127.0.0.1), as a county
# website is: Chromium then runs our widget in a process of its own.
PARTNER_HOST = "127.0.0.2"
PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>县融媒体中心</title></head>
<body style="margin:8px"><h1>本地新闻</h1>
<div id="kepu" {attributes}></div>
<p>县融媒体中心 版权所有</p>
<script src="{ours}/embed.js" async></script></body></html>"""
# Our widget's own padding (#kepu), below its lowest content.
PADDING = 8
WEB_FONTS = {"bo": "Noto Serif Tibetan", "mn": "Noto Sans Mongolian"}
# Fontconfig without any Tibetan or Mongolian font, like many phones: until our font has
# arrived such text can only be drawn as boxes.
NO_SCRIPT_FONTS = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<selectfont><rejectfont><glob>*Tibetan*</glob><glob>*Mongolian*</glob></rejectfont></selectfont>
</fontconfig>"""


@pytest.fixture
def partner_site(live_server):
    """start(attributes) serves a media centre's page with our placeholder, on its own
    origin, and returns that origin."""
    servers = []

    def start(attributes='data-kepu-lang="bo" data-kepu-channel="health" data-kepu-limit="3"'):
        html = PAGE.format(attributes=attributes, ours=live_server.url).encode()

        class Page(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(html)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer((PARTNER_HOST, 0), Page)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://{PARTNER_HOST}:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def fontless(browser, tmp_path_factory):
    """Chromium on a machine with no Tibetan or Mongolian font."""
    conf = tmp_path_factory.mktemp("fontconfig") / "fonts.conf"
    conf.write_text(NO_SCRIPT_FONTS)
    import os

    other = browser.browser_type.launch(
        executable_path=CHROMIUM, args=FLAGS, env={**os.environ, "FONTCONFIG_FILE": str(conf)}
    )
    yield other
    other.close()


def hold(page, pattern):
    """Requests for ``pattern`` wait until the test lets them through; returns their
    routes (route.continue_() sends one on)."""
    held = []
    page.route(pattern, lambda route: held.append(route))
    return held


def open_page(browser, width=360):
    context = browser.new_context(viewport={"width": width, "height": 740}, device_scale_factor=1)
    return context.new_page()


def widget_frame(page):
    page.wait_for_selector("#kepu iframe", state="attached")
    frame = page.locator("#kepu iframe").element_handle().content_frame()
    frame.wait_for_selector("footer", state="attached")
    return frame


def heading_fonts(page, frame):
    """The fonts Chromium really drew the channel heading with (DevTools protocol), less
    the one that drew its spaces (our fonts hold only their script's letters)."""
    session = page.context.new_cdp_session(frame)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": "h1 a"})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    spaces = frame.evaluate(
        "() => document.querySelector('h1 a').textContent.split(' ').length - 1"
    )
    return {
        (font["familyName"], font["isCustomFont"])
        for font in fonts
        if font["isCustomFont"] or font["glyphCount"] != spaces
    }


def heading_ink(page, frame):
    """How many pixels of the channel heading, as drawn on the partner's page, are
    clearly not the light background. (DevTools' own screenshot: Playwright's waits for
    every font to load, which is what some of these tests hold back.)"""
    box = page.evaluate(
        "() => document.querySelector('#kepu iframe').getBoundingClientRect().toJSON()"
    )
    link = frame.evaluate("() => document.querySelector('h1 a').getBoundingClientRect().toJSON()")
    clip = {"x": box["x"] + link["x"], "y": box["y"] + link["y"], "width": link["width"],
            "height": link["height"], "scale": 1}  # fmt: skip
    session = page.context.new_cdp_session(page)
    png = session.send("Page.captureScreenshot", {"format": "png", "clip": clip})["data"]
    session.detach()
    image = Image.open(io.BytesIO(base64.b64decode(png))).convert("L")
    return sum(image.histogram()[:160])


def frame_fit(page, frame):
    """(frame height on the partner's page, height our content needs)."""
    outer = page.evaluate(
        "() => document.querySelector('#kepu iframe').getBoundingClientRect().height"
    )
    lowest = frame.evaluate(
        """() => Math.max(...[...document.querySelectorAll('h1, li, p, footer')]
                 .map(e => e.getBoundingClientRect().bottom)) + scrollY"""
    )
    return outer, lowest + PADDING


def settle(page, frame, tolerance=2, timeout=5000):
    """Wait (bounded) until the frame is as tall as its content; return both heights."""
    for _ in range(timeout // 100):
        outer, needed = frame_fit(page, frame)
        if abs(outer - needed) <= tolerance:
            break
        page.wait_for_timeout(100)
    return outer, needed


def test_a_registered_partner_embeds_a_channel(live_site, page, partner_site, make_article):
    for n in range(4):
        make_article("bo", topic="health", slug=f"embed-{n}")
    origin = partner_site()
    Partner.objects.create(name_zh_hans="某县融媒体中心", origins=origin)

    page.goto(origin + "/")
    widget = page.frame_locator("#kepu iframe")
    items = widget.locator("li")
    items.first.wait_for()
    assert items.count() == 3
    # embed.js resized the frame to the widget's own height, in pixels, and showed it.
    page.wait_for_function(
        "() => document.querySelector('#kepu iframe').style.height.endsWith('px')"
    )
    assert page.locator("#kepu iframe").is_visible()
    height = page.evaluate(
        "() => document.querySelector('#kepu iframe').getBoundingClientRect().height"
    )
    inner = widget.locator("html").evaluate("el => el.scrollHeight")
    assert abs(height - inner) <= 2
    assert widget.locator("li a").first.get_attribute("target") == "_blank"


@pytest.mark.parametrize("lang", ["bo", "mn"])
def test_the_heading_is_drawn_in_our_font_on_a_phone_without_one(
    live_site, fontless, partner_site, make_article, lang
):
    """Four loads per script, our font arriving after 0 to 800 ms: every time the
    heading ends up drawn with our font (no boxes left), and the frame fits the text as
    drawn with it."""
    for n in range(3):
        make_article(lang, topic="health", slug=f"font-{n}")
    origin = partner_site(f'data-kepu-lang="{lang}" data-kepu-channel="health"')
    Partner.objects.create(name_zh_hans="县", origins=origin)
    for delay in (0, 150, 400, 800):
        page = open_page(fontless)
        held = hold(page, "**/fonts/*.woff2")
        page.goto(origin + "/", wait_until="domcontentloaded")
        frame = widget_frame(page)
        page.wait_for_timeout(delay)
        while not held:
            page.wait_for_timeout(50)
        for route in held:
            route.continue_()
        frame.wait_for_function("() => document.fonts.status === 'loaded'")
        text = frame.evaluate("() => document.querySelector('h1').textContent")
        family = "Kepu Tibetan" if lang == "bo" else "Kepu Mongolian"
        assert frame.evaluate(
            "([f, t]) => document.fonts.check('1em \"' + f + '\"', t)", [family, text]
        )
        page.wait_for_timeout(100)  # one frame for any re-drawing
        assert heading_fonts(page, frame) == {(WEB_FONTS[lang], True)}, f"delay {delay} ms"
        outer, needed = settle(page, frame)
        assert abs(outer - needed) <= 2, f"delay {delay} ms"
        page.context.close()


def test_no_boxes_are_shown_while_our_font_is_on_its_way(
    live_site, fontless, partner_site, make_article
):
    make_article("bo", topic="health", slug="slow-font")
    origin = partner_site()
    Partner.objects.create(name_zh_hans="县", origins=origin)
    page = open_page(fontless)
    held = hold(page, "**/fonts/*.woff2")
    page.goto(origin + "/", wait_until="domcontentloaded")
    frame = widget_frame(page)
    page.wait_for_function(
        "() => document.querySelector('#kepu iframe').style.visibility === 'visible'"
    )
    page.wait_for_timeout(300)
    waiting = heading_ink(page, frame)
    for route in held:
        route.continue_()
    frame.wait_for_function("() => document.fonts.status === 'loaded'")
    page.wait_for_timeout(100)
    drawn = heading_ink(page, frame)
    # While our font is on its way the heading is not drawn at all; once it is here, it
    # is drawn in it.
    assert waiting == 0
    assert drawn > 60
    assert heading_fonts(page, frame) == {(WEB_FONTS["bo"], True)}
    page.context.close()


def test_a_font_that_never_arrives_does_not_hide_the_text(
    live_site, fontless, partner_site, make_article
):
    make_article("bo", topic="health", slug="no-font")
    origin = partner_site()
    Partner.objects.create(name_zh_hans="县", origins=origin)
    page = open_page(fontless)
    hold(page, "**/fonts/*.woff2")  # never answered
    page.goto(origin + "/", wait_until="domcontentloaded")
    frame = widget_frame(page)
    page.wait_for_timeout(3500)  # the widget waits 3 s at most for our font
    assert heading_ink(page, frame) > 60
    page.context.close()


@pytest.mark.parametrize("lang", ["zh-hans", "bo", "mn"])
def test_the_frame_fits_its_content_as_the_window_changes(
    live_site, browser, partner_site, make_article, lang
):
    for n in range(8):
        make_article(lang, topic="health", slug=f"fit-{n}")
    origin = partner_site(f'data-kepu-lang="{lang}" data-kepu-channel="health" data-kepu-limit="8"')
    Partner.objects.create(name_zh_hans="县", origins=origin)
    page = open_page(browser, width=1000)
    page.goto(origin + "/")
    frame = widget_frame(page)
    frame.wait_for_function("() => document.fonts.status === 'loaded'")
    for width in (1000, 360, 1000):
        page.set_viewport_size({"width": width, "height": 740})
        outer, needed = settle(page, frame)
        assert abs(outer - needed) <= 2, f"{width} px wide: frame {outer}, content {needed}"
        scroll = frame.evaluate(
            """() => [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                      document.documentElement.scrollHeight - document.documentElement.clientHeight]"""
        )
        assert scroll[0] <= 0 and scroll[1] <= 1, (
            f"{width} px wide: the frame scrolls by {scroll} px"
        )
    page.context.close()


@pytest.mark.parametrize("layout", ["list", "cards"])
@pytest.mark.parametrize("lang", ["zh-hans", "bo", "mn"])
def test_the_widget_fits_a_phone(live_site, browser, partner_site, make_article, lang, layout):
    for n in range(8):
        make_article(lang, topic="health", slug=f"phone-{n}")
    origin = partner_site(
        f'data-kepu-lang="{lang}" data-kepu-channel="health" data-kepu-limit="8" '
        f'data-kepu-layout="{layout}"'
    )
    Partner.objects.create(name_zh_hans="县", origins=origin)
    page = open_page(browser, width=360)
    page.goto(origin + "/")
    frame = widget_frame(page)
    frame.wait_for_function("() => document.fonts.status === 'loaded'")
    settle(page, frame)
    inside = frame.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth,
                  width: document.documentElement.clientWidth,
                  right: Math.max(...[...document.querySelectorAll('li, h1, footer')]
                                  .map(e => e.getBoundingClientRect().right))})"""
    )
    assert inside["scroll"] <= inside["width"], inside
    assert inside["right"] <= inside["width"], inside
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    # Everything is in view by scrolling the partner's page down, and nothing is cut off.
    outer, needed = settle(page, frame)
    assert abs(outer - needed) <= 2


def test_an_unregistered_site_gets_a_link_to_the_channel(
    live_site, live_server, page, partner_site, make_article
):
    make_article("bo", topic="health", slug="refused")
    Partner.objects.create(name_zh_hans="另一家", origins="http://127.0.0.1:9")
    origin = partner_site()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(origin + "/")
    shown = []
    for _ in range(100):  # the browser's refusal page is never shown to the readers
        state = page.evaluate(
            """() => { const f = document.querySelector('#kepu iframe');
                       return f ? getComputedStyle(f).visibility : 'replaced' }"""
        )
        shown.append(state)
        if state == "replaced":
            break
        page.wait_for_timeout(100)
    assert shown[-1] == "replaced" and set(shown) <= {"hidden", "replaced"}, shown
    link = page.locator("#kepu a")
    assert link.get_attribute("href") == live_server.url + "/bo/health/"
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("lang") == "bo"
    assert link.inner_text() == "མཚོ་སྔོན་ཚན་རིག་དར་སྤེལ"  # 青海科普, in Tibetan
    assert any("frame-ancestors" in text for text in console)


def test_a_slow_widget_is_not_taken_for_a_refusal(live_site, page, partner_site, make_article):
    make_article("bo", topic="health", slug="slow")
    origin = partner_site()
    Partner.objects.create(name_zh_hans="县", origins=origin)
    held = hold(page, "**/embed/bo/**")
    page.goto(origin + "/", wait_until="domcontentloaded")
    page.wait_for_timeout(4500)  # longer than embed.js waits after a frame has loaded
    for route in held:
        route.continue_()
    page.frame_locator("#kepu iframe").locator("li").first.wait_for()
    page.wait_for_timeout(500)
    assert page.locator("#kepu iframe").is_visible()
    assert page.locator("#kepu p").count() == 0
