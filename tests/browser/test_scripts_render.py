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
    # The body's columns run left to right in their own sideways scroller; the page
    # itself scrolls down (docs/adr/0014-mongolian-phone-layout.md).
    assert page.locator(".body").evaluate("e => e.scrollWidth > e.clientWidth")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert page.evaluate(FONT_STATUS, "Kepu Mongolian") == ["loaded"]
    assert ("NotoSansMongolian-Regular.woff2", 200) in fonts
    # The channel menu stays reachable on a phone.
    page.locator("details.menu summary").click()
    assert page.locator("details.menu nav a").first.is_visible()


def test_tibetan_article_loads_the_tibetan_font(live_site, live_server, page, make_article):
    article = make_article("bo", slug="font")
    fonts = fetched_fonts(page, live_server.url + article.url)
    # The main file, and not the file of rare signs (ornaments, astrological and
    # cantillation signs: docs/fonts.md), which nothing on this page needs.
    assert page.evaluate(FONT_STATUS, "Kepu Tibetan") == ["loaded", "unloaded"]
    assert ("NotoSerifTibetan-Regular.woff2", 200) in fonts
    assert not any("Symbols" in name for name, _ in fonts)
    assert (
        page.locator(".body p").first.evaluate("el => getComputedStyle(el).writingMode")
        == "horizontal-tb"
    )


def test_a_tibetan_ornament_loads_the_file_of_rare_signs(
    live_site, live_server, page, make_article
):
    # ༄༅ opens a text in Tibetan manuscripts: drawn from the second file, which the
    # page fetches only because it shows the sign (unicode-range, docs/fonts.md).
    article = make_article("bo", slug="ornament", body=[("paragraph", "<p>༄༅། །བོད་ཀྱི་ཡི་གེ།</p>")])
    fonts = fetched_fonts(page, live_server.url + article.url)
    assert page.evaluate(FONT_STATUS, "Kepu Tibetan") == ["loaded", "loaded"]
    assert any("NotoSerifTibetan-Symbols" in name and status == 200 for name, status in fonts)


def test_chinese_page_loads_no_large_web_font(live_site, live_server, page, make_article):
    article = make_article("zh-hans", slug="fonts")
    fonts = fetched_fonts(page, live_server.url + article.url)
    names = {name for name, _ in fonts}
    # Only the two tiny subsets that draw the switcher's language names.
    assert names <= {"NotoSerifTibetan-label.woff2", "NotoSansMongolian-label.woff2"}


def test_video_page_plays_the_small_rendition_with_subtitles(
    live_site, live_server, page, make_video, settings, tmp_path, monkeypatch
):
    """An upload goes through ffmpeg; the reader's phone plays the 360p file, streamed
    with range requests, with the page language's subtitles on, and can switch to 720p."""
    from django.core.files.base import ContentFile
    from django.test import testcases

    from media.models import Subtitle, Video
    from media.tests import clips

    clips.need_ffmpeg()
    settings.MEDIA_ROOT = tmp_path / "media"
    # Django's live server answers /media/ itself, without ranges: let our view do it.
    monkeypatch.setattr(testcases._MediaFilesHandler, "_should_handle", lambda self, path: False)
    clip = clips.video(tmp_path / "clip.mp4", seconds=6)
    video = Video(title="ᠴᠠᠰᠤ")
    video.original.save("clip.mp4", ContentFile(clip.read_bytes()), save=False)
    video.save()  # processed by the (immediate) task queue when this commits
    video.refresh_from_db()
    assert video.state == "ready", video.error
    cue = "ᠴᠠᠰᠤᠨ ᠤ ᠭᠠᠮᠰᠢᠭ"  # snow disaster (glossary)
    Subtitle(
        video=video,
        language="mn",
        file=ContentFile(
            f"WEBVTT\n\n00:00.000 --> 00:05.000\n{cue}<script>x()</script>\n".encode(), "mn.vtt"
        ),
    ).save()
    target = make_video("mn", slug="plays", video=video, video_url="")

    statuses = []
    page.on("response", lambda r: statuses.append(r.status) if r.url.endswith(".mp4") else None)
    page.goto(live_server.url + target.url)
    assert "MB" in page.locator(".player .media-size").inner_text()
    state = page.evaluate(
        """async () => {
            const v = document.querySelector('video');
            v.muted = true;
            await v.play();
            await new Promise(done => setTimeout(done, 1500));
            const track = v.textTracks[0];
            return {time: v.currentTime, width: v.videoWidth, error: v.error && v.error.code,
                    lang: track.language, mode: track.mode,
                    cue: track.cues && track.cues.length ? track.cues[0].text : null};
        }"""
    )
    assert state["error"] is None and state["time"] > 0
    assert state["width"] == 640  # the small rendition by default
    assert state["lang"] == "mn-Mong" and state["mode"] == "showing"
    assert state["cue"] == cue + "x()"  # the script tag was removed on upload, as markup
    assert 206 in statuses  # the browser streamed it with range requests

    page.click(".player .media-size a[href='?quality=720']")
    width = page.evaluate(
        """async () => {
            const v = document.querySelector('video');
            v.muted = true;
            await v.play();
            return v.videoWidth;
        }"""
    )
    assert width == 1280
