"""The footer's site identity on a 360 px phone, in each language: readable, its links
lead to the about page and the privacy notice, and the icons cost no extra requests."""

from pathlib import Path

import pytest

from django.utils import translation

from content.site_identity import seed_identity

SHOTS = Path("/work/notes/shots/h2")
ICONS = ("manifest.webmanifest", "apple-touch-icon", "icon-192", "icon-512")


def label(msgid, code):
    with translation.override(code):
        return translation.gettext(msgid)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.route("**/sw.js", lambda route: route.abort())  # the page load itself, alone
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("code", ["zh-hans", "bo", "mn"])
def test_footer_on_a_phone(live_site, live_server, phone, code):
    seed_identity()
    requested = []
    phone.on("request", lambda request: requested.append(request.url))
    phone.goto(f"{live_server.url}/{code}/")
    phone.wait_for_load_state("networkidle")
    footer = phone.locator("footer.site-footer")
    footer.scroll_into_view_if_needed()
    assert footer.is_visible()
    box = footer.bounding_box()
    # On a phone nothing in the footer sticks out of the screen sideways (vertical
    # Mongolian scrolls sideways by design: its footer is the last columns).
    if code != "mn":
        assert box["width"] <= 360
        overflow = phone.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= 360
    icp = phone.locator(".filings a").first
    assert icp.get_attribute("href") == "https://beian.miit.gov.cn/"
    assert icp.bounding_box()["height"] >= 24  # a tap target, not a hairline
    SHOTS.mkdir(parents=True, exist_ok=True)
    footer.screenshot(path=str(SHOTS / f"footer-{code}.png"))
    # Icons: at most the favicon; the logo is inline, the rest only on "add to home screen".
    assert not [url for url in requested if any(name in url for name in ICONS)], requested
    assert len([url for url in requested if "favicon" in url]) <= 1
    assert phone.locator(".brand svg.logo").count() == 1  # inline: no request of its own

    phone.get_by_role("link", name=label("About us", code), exact=True).click()
    phone.wait_for_url(f"{live_server.url}/{code}/about/")
    assert phone.locator("h1").inner_text().strip() == label("About us", code)
    phone.go_back()
    phone.get_by_role("link", name=label("Privacy notice", code), exact=True).click()
    phone.wait_for_url(f"{live_server.url}/{code}/privacy/")
    assert phone.locator("h1").inner_text().strip() == label("Privacy notice", code)
    phone.screenshot(path=str(SHOTS / f"privacy-{code}.png"), full_page=code != "mn")
