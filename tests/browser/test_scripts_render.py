"""What a reader's phone shows: vertical Mongolian, and the self-hosted fonts."""

import pytest

pytestmark = pytest.mark.browser

FONT_STATUS = """async (family) => {
    await document.fonts.ready;
    return [...document.fonts].filter(f => f.family.replace(/"/g, '') === family).map(f => f.status);
}"""


def fetched_fonts(page, url):
    fonts = []
    page.on(
        "response",
        lambda r: (
            fonts.append((r.url.rsplit("/", 1)[-1], r.status)) if r.url.endswith(".woff2") else None
        ),
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return fonts


def test_mongolian_article_runs_vertically_with_its_font(
    live_site, live_server, page, make_article
):
    article = make_article("mn", slug="vertical")
    fonts = fetched_fonts(page, live_server.url + article.url)

    paragraph = page.locator(".body p").first
    assert paragraph.evaluate("el => getComputedStyle(el).writingMode") == "vertical-lr"
    box = paragraph.bounding_box()
    assert box["height"] > box["width"] * 2  # a column, not a line
    # The page scrolls sideways, not down: columns run left to right.
    assert page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert page.evaluate(FONT_STATUS, "Kepu Mongolian") == ["loaded"]
    assert ("NotoSansMongolian-Regular.woff2", 200) in fonts
    # The channel menu stays reachable on a phone.
    page.locator("details.menu summary").click()
    assert page.locator("details.menu nav a").first.is_visible()


def test_tibetan_article_loads_the_tibetan_font(live_site, live_server, page, make_article):
    article = make_article("bo", slug="font")
    fonts = fetched_fonts(page, live_server.url + article.url)
    assert page.evaluate(FONT_STATUS, "Kepu Tibetan") == ["loaded"]
    assert ("NotoSerifTibetan-Regular.woff2", 200) in fonts
    assert (
        page.locator(".body p").first.evaluate("el => getComputedStyle(el).writingMode")
        == "horizontal-tb"
    )


def test_chinese_page_loads_no_large_web_font(live_site, live_server, page, make_article):
    article = make_article("zh-hans", slug="fonts")
    fonts = fetched_fonts(page, live_server.url + article.url)
    names = {name for name, _ in fonts}
    # Only the two tiny subsets that draw the switcher's language names.
    assert names <= {"NotoSerifTibetan-label.woff2", "NotoSansMongolian-label.woff2"}


def test_video_page_plays_its_clip(live_site, live_server, page, make_video, settings, tmp_path):
    from pathlib import Path

    from django.core.files import File

    from wagtail.documents import get_document_model

    settings.MEDIA_ROOT = tmp_path
    clip = next(Path(settings.BASE_DIR, "content", "demo", "videos").glob("*.mp4"))
    document = get_document_model()(title="clip")
    with clip.open("rb") as handle:
        document.file.save(clip.name, File(handle))
    video = make_video("mn", slug="plays", video_file=document, video_url="")

    page.goto(live_server.url + video.url)
    state = page.evaluate(
        """async () => {
            const v = document.querySelector('video');
            v.muted = true;
            await v.play();
            await new Promise(done => setTimeout(done, 1000));
            return {time: v.currentTime, width: v.videoWidth, error: v.error && v.error.code};
        }"""
    )
    assert state["error"] is None and state["width"] > 0 and state["time"] > 0
