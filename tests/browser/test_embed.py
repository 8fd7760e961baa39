"""A county media centre's page on another origin embeds a channel with embed.js: the
iframe shows our widget and is resized to its content; an unregistered origin is
refused by frame-ancestors."""

import http.server
import socket
import threading

import pytest

from content.models import Partner


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def partner_site(live_server):
    """A static page on its own loopback origin, as a media centre would write it."""
    html = f"""<!doctype html><html><head><meta charset="utf-8"><title>县融媒体中心</title></head>
<body><h1>本地新闻</h1>
<div id="kepu" data-kepu-lang="bo" data-kepu-channel="health" data-kepu-limit="3"></div>
<script src="{live_server.url}/embed.js" async></script></body></html>""".encode()

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    servers = []

    def start():
        server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Page)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()


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
    # embed.js resized the frame to the widget's own height, in pixels.
    page.wait_for_function(
        "() => document.querySelector('#kepu iframe').style.height.endsWith('px')"
    )
    height = page.evaluate(
        "() => document.querySelector('#kepu iframe').getBoundingClientRect().height"
    )
    inner = widget.locator("html").evaluate("el => el.scrollHeight")
    assert abs(height - inner) <= 2
    assert widget.locator("li a").first.get_attribute("target") == "_blank"


def test_an_unregistered_origin_is_refused(live_site, page, partner_site, make_article):
    make_article("bo", topic="health", slug="refused")
    Partner.objects.create(name_zh_hans="另一家", origins="http://127.0.0.1:9")
    origin = partner_site()
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(origin + "/")
    page.wait_for_selector("#kepu iframe")
    page.wait_for_timeout(1500)
    frame = page.frame_locator("#kepu iframe")
    assert frame.locator("li").count() == 0
    style = page.evaluate("() => document.querySelector('#kepu iframe').style.height")
    assert style == "24rem"  # never resized: our page did not load there
    assert any("frame-ancestors" in text for text in refused)
