"""Tibetan and Mongolian in the admin without system fonts (issue 15), and Mongolian
fields shown in vertical columns beside the field as the editor types.

This machine has Noto fonts installed, so a passing screenshot would prove nothing:
Chromium's DevTools report which font actually drew each text node, and whether it was
a web font (ours, from cms/static/fonts/) or one of the system's."""

import pytest

from django.conf import settings
from django.test import Client

from content.tests import factories
from content.tests.editorial_helpers import member

pytestmark = pytest.mark.browser

MONGOLIAN = "ᠴᠠᠰᠤᠨ ᠤ ᠭᠠᠮᠰᠢᠭ"  # snow disaster (glossary)


@pytest.fixture(autouse=True)
def trusted_live_server(settings, live_server):
    # The live server's random port is not the site's (cms.middleware.CanonicalHostMiddleware
    # drops it from the Host header): let the editor's autosave post from it.
    settings.CSRF_TRUSTED_ORIGINS = [live_server.url]


def open_admin(browser, live_server, user):
    """A 1280-px admin window logged in as ``user``, and the names of fonts it fetches."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    fonts = []
    page.on(
        "response",
        lambda r: fonts.append(r.url.rsplit("/", 1)[-1]) if r.url.endswith(".woff2") else None,
    )
    return context, page, fonts


def drawn_with(page, selector):
    """The fonts Chromium drew the text of ``selector``'s first element with."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def web_font_drew(page, selector, family):
    return any(f["isCustomFont"] and f["familyName"] == family for f in drawn_with(page, selector))


def load(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")


def test_tibetan_page_is_drawn_with_our_tibetan_font(live_site, live_server, browser):
    article = factories.article("bo", topic="health", slug="font-bo")
    context, page, fonts = open_admin(browser, live_server, member("editor", "bo"))
    try:
        load(page, f"{live_server.url}/admin/pages/{article.pk}/edit/")
        assert "NotoSerifTibetan-Regular.woff2" in fonts
        assert page.evaluate("document.fonts.check('16px \"Kepu Tibetan\"', 'བོད')")
        # The title field asks for our face first...
        family = page.locator("#id_title").evaluate("el => getComputedStyle(el).fontFamily")
        assert family.startswith('"Kepu Tibetan", "Kepu Mongolian"')
        # ...and the rich text is drawn with it.
        assert web_font_drew(page, ".public-DraftEditor-content [data-text]", "Noto Serif Tibetan")
        # The listing of the channel, with the article's title.
        load(page, f"{live_server.url}/admin/pages/{article.get_parent().pk}/")
        assert web_font_drew(page, f"a[href$='/pages/{article.pk}/edit/']", "Noto Serif Tibetan")
    finally:
        context.close()


def test_mongolian_fields_preview_vertically_as_the_editor_types(live_site, live_server, browser):
    article = factories.article("mn", topic="health", slug="font-mn")
    context, page, fonts = open_admin(browser, live_server, member("editor", "mn"))
    try:
        load(page, f"{live_server.url}/admin/pages/{article.pk}/edit/")
        assert "NotoSansMongolian-Regular.woff2" in fonts
        assert page.evaluate("document.fonts.check('16px \"Kepu Mongolian\"', 'ᠮᠣᠩ')")
        assert web_font_drew(page, ".public-DraftEditor-content [data-text]", "Noto Sans Mongolian")

        title = page.locator("#id_title")
        preview = page.locator("#id_title ~ .kepu-mn-preview-box .kepu-mn-preview")
        assert preview.text_content() == title.input_value()
        assert preview.evaluate("el => getComputedStyle(el).writingMode") == "vertical-lr"
        assert web_font_drew(page, ".kepu-mn-preview", "Noto Sans Mongolian")
        field, column = title.bounding_box(), preview.bounding_box()
        assert column["x"] >= field["x"] + field["width"]  # beside the field, not below
        assert column["height"] > column["width"]  # a column

        # Live: the preview follows the field as the editor types.
        title.fill("")
        title.press_sequentially(MONGOLIAN)
        assert preview.text_content() == MONGOLIAN
        # In the rich text editor too (Draftail).
        editor = page.locator(".public-DraftEditor-content").first
        editor.click()
        page.keyboard.press("End")
        page.keyboard.type(" ᠬᠠᠮᠠᠭᠠᠯᠠᠬᠤ")
        page.wait_for_function(
            """() => {
                const field = document.querySelector('.public-DraftEditor-content')
                    .closest('.w-field__input');
                const preview = field.querySelector(':scope > .kepu-mn-preview-box > .kepu-mn-preview');
                return preview.textContent.includes('ᠬᠠᠮᠠᠭᠠᠯᠠᠬᠤ');
            }"""
        )
    finally:
        context.close()


def test_chinese_fields_get_a_preview_only_once_they_hold_mongolian(
    live_site, live_server, browser
):
    article = factories.article("zh-hans", topic="health", slug="font-zh")
    context, page, _ = open_admin(browser, live_server, member("editor", "zh-hans"))
    try:
        load(page, f"{live_server.url}/admin/pages/{article.pk}/edit/")
        assert page.locator(".kepu-mn-preview-box:not([hidden])").count() == 0
        summary = page.locator("#id_summary")
        summary.press_sequentially(" " + MONGOLIAN)
        preview = page.locator("#id_summary ~ .kepu-mn-preview-box")
        assert preview.is_visible()
        assert MONGOLIAN in preview.text_content()
    finally:
        context.close()


def test_a_chinese_only_screen_fetches_no_font(live_site, live_server, browser):
    context, page, fonts = open_admin(browser, live_server, member("editor", "zh-hans"))
    try:
        load(page, f"{live_server.url}/admin/account/")
        # The stylesheet is there, with the faces declared...
        families = page.evaluate(
            "[...document.fonts].map(f => f.family.replace(/\"/g, '') + ' ' + f.status)"
        )
        assert sorted(families) == [
            "Kepu Mongolian unloaded",
            "Kepu Tibetan unloaded",  # the main file
            "Kepu Tibetan unloaded",  # rare signs (docs/fonts.md)
        ]
        # ...and nothing on the screen needs them: no download.
        assert fonts == []
    finally:
        context.close()
