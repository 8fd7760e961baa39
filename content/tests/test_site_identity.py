"""Who runs the site (issue item 3): sponsor, operator, contact, about page, privacy
notice and filing numbers in the footer of every language, editable in the admin; the
favicon, the logo and a web app manifest per language."""

import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from PIL import Image

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Site

from cms import login_throttle, offline, reading
from content.editorial import teams
from content.models import InfoPage, SiteIdentity
from content.site_identity import DEMO, DEMO_PLAIN, seed_identity
from tests.visible_text import HAN, leaks, visible_text

ROOT = Path(__file__).resolve().parents[2]
CODES = ["zh-hans", "bo", "mn"]
HTML_LANG = {"zh-hans": "zh-Hans", "bo": "bo", "mn": "mn-Mong"}
LABELS = ["Sponsored by", "Run by", "Address", "Phone", "E-mail", "About us", "Privacy notice"]


@pytest.fixture
def identity(site_tree):
    return seed_identity()


def footer(html):
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


def label(msgid, code):
    with translation.override(code):
        return translation.gettext(msgid)


def links(html):
    return {
        unescape(text.strip()): href
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    }


# -- the footer ------------------------------------------------------------------------


def test_chinese_footer_names_sponsor_operator_contact_and_filings(client, identity):
    html = footer(client.get("/zh-hans/").content.decode())
    text = visible_text(html)
    assert "主办单位" in text and "青海省科学技术协会" in text
    assert "承办单位" in text and "青海省科普信息中心" in text
    assert DEMO["address"]["zh-hans"] in text and "0971-0000000" in text
    found = links(html)
    assert found["关于我们"] == "/zh-hans/about/" and found["隐私声明"] == "/zh-hans/privacy/"
    assert found["kepu@example.cn"] == "mailto:kepu@example.cn"
    assert found["0971-0000000"] == "tel:09710000000"
    # Filing numbers as registered, linked to the two filing systems; no label in Chinese.
    assert found["青ICP备2026000000号-1"] == "https://beian.miit.gov.cn/"
    assert (
        found["青公网安备 63010202000000号"]
        == "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=63010202000000"
    )
    assert "公安备案号" not in text and "ICP备案号" not in text


@pytest.mark.parametrize("code", ["bo", "mn"])
def test_tibetan_and_mongolian_footers_are_in_their_own_script(client, identity, code):
    page = client.get(f"/{code}/").content.decode()
    html = footer(page)
    text = visible_text(html)
    for msgid in LABELS + ["ICP filing number", "Public security filing number"]:
        translated = label(msgid, code)
        assert translated != msgid and not HAN.search(translated), msgid
        assert translated in text, msgid
    with translation.override(code):
        assert identity.sponsor in text and identity.organiser in text and identity.address in text
    found = links(html)
    assert found[label("About us", code)] == f"/{code}/about/"
    assert found[label("Privacy notice", code)] == f"/{code}/privacy/"
    # The one exception: the filing numbers stay as registered, marked as Chinese and
    # not to be translated; nothing else on the page is Chinese (or Latin).
    for number in (DEMO_PLAIN["icp_number"], DEMO_PLAIN["police_number"]):
        assert re.search(rf'lang="zh-Hans" translate="no">{number}</a>', html), number
    assert leaks(page, code) == ""


def test_the_exception_covers_filing_numbers_only():
    marked = '<p><span lang="zh-Hans" translate="no">{}</span></p>'
    assert leaks(marked.format("青ICP备2026000000号-1"), "bo") == ""
    assert leaks(marked.format("kepu@example.cn"), "mn") == ""
    assert leaks(marked.format("主办单位"), "bo") == "主办单位"  # a label is not a number


def test_an_untranslated_name_falls_back_to_chinese(client, identity):
    identity.sponsor_bo = ""
    identity.save()  # before the first request: nothing cached yet
    assert "青海省科学技术协会" in footer(client.get("/bo/").content.decode())


def test_a_new_site_shows_nothing_it_does_not_have(
    client, site_tree, django_capture_on_commit_callbacks
):
    html = footer(client.get("/zh-hans/").content.decode())
    for word in ("主办单位", "承办单位", "关于我们", "隐私声明", "<dl", "filings"):
        assert word not in html
    # Only the filing numbers set: they show, and nothing empty around them.
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.icp_number = "青ICP备2026000000号-1"
    with django_capture_on_commit_callbacks(execute=True):  # purges the cached page
        identity.save()
    html = footer(client.get("/zh-hans/").content.decode())
    assert "青ICP备2026000000号-1" in html and "<dl" not in html and "主办单位" not in html


def test_footer_links_follow_the_live_translation(
    client, identity, django_capture_on_commit_callbacks
):
    assert links(footer(client.get("/bo/").content.decode()))[label("About us", "bo")] == (
        "/bo/about/"
    )
    # Unpublishing purges every language's pages: the about page is in every footer.
    with django_capture_on_commit_callbacks(execute=True):
        identity.about_page.get_translation(Locale.objects.get(language_code="bo")).unpublish()
    found = links(footer(client.get("/bo/").content.decode()))
    # No Tibetan version live: the Chinese page rather than a dead link.
    assert found[label("About us", "bo")] == "/zh-hans/about/"
    with django_capture_on_commit_callbacks(execute=True):
        identity.about_page.unpublish()
    assert label("About us", "bo") not in links(footer(client.get("/bo/").content.decode()))


# -- the admin -------------------------------------------------------------------------


def site_admin():
    user = get_user_model().objects.create_user("site-admin", "a@example.org", "pw-long-enough")
    user.groups.add(Group.objects.get(name=teams.SITE_ADMINS))
    return user


def form_data(identity, **changes):
    data = {}
    for field in ("sponsor", "organiser", "address"):
        for code in ("zh_hans", "bo", "mn"):
            data[f"{field}_{code}"] = getattr(identity, f"{field}_{code}") or ""
    for field in ("phone", "email", "icp_number", "police_number"):
        data[field] = getattr(identity, field)
    data["about_page"] = identity.about_page_id or ""
    data["privacy_page"] = identity.privacy_page_id or ""
    data.update(changes)
    return data


def test_a_site_admin_edits_the_identity_and_every_cached_page_shows_it(
    client, identity, django_capture_on_commit_callbacks
):
    for url in ("/zh-hans/", "/bo/", "/mn/health/"):
        client.get(url)
        assert client.get(url)["X-Kepu-Cache"] == "hit"
    admin = site_admin()
    client.force_login(admin)
    url = reverse("wagtailsettings:edit", args=["content", "siteidentity", identity.site_id])
    assert client.get(url).status_code == 200
    changes = {
        "sponsor_zh_hans": "青海省科协（新）",
        "sponsor_bo": "ཚན་རིག་མཉམ་འབྲེལ་ཚོགས་པ་གསར་པ",
        "phone": "0971-1234567",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(identity, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert "青海省科协（新）" in footer(client.get("/zh-hans/").content.decode())
    assert "ཚན་རིག་མཉམ་འབྲེལ་ཚོགས་པ་གསར་པ" in footer(client.get("/bo/").content.decode())
    assert "0971-1234567" in footer(client.get("/mn/health/").content.decode())


@pytest.mark.parametrize(
    "field, value",
    [
        ("icp_number", "ICP 12345"),
        ("icp_number", "青ICP备2026000000"),
        ("police_number", "青公网安备 6301号"),
        ("police_number", "63010202000000"),
    ],
)
def test_filing_numbers_must_look_as_registered(client, identity, field, value):
    client.force_login(site_admin())
    url = reverse("wagtailsettings:edit", args=["content", "siteidentity", identity.site_id])
    response = client.post(url, form_data(identity, **{field: value}))
    assert response.status_code == 200 and "格式应与备案原样一致" in response.content.decode()
    identity.refresh_from_db()
    assert getattr(identity, field) == DEMO_PLAIN[field]


def test_filing_numbers_as_issued_are_accepted():
    for icp in ("青ICP备2026000000号-1", "京ICP备05070218号", "京ICP证030173号"):
        SiteIdentity(icp_number=icp).clean()
    identity = SiteIdentity(police_number="青公网安备  63010202000123号")
    identity.clean()
    assert identity.police_number == "青公网安备 63010202000123号"
    assert identity.police_url.endswith("recordcode=63010202000123")
    with pytest.raises(ValidationError):
        SiteIdentity(email="", icp_number="青ICP备号").clean()


def test_seeding_twice_keeps_what_the_admin_changed(site_tree):
    identity = seed_identity()
    identity.sponsor_zh_hans = "运营方填写的主办单位"
    identity.icp_number = "青ICP备2027123456号-2"
    identity.save()
    again = seed_identity()
    assert again.sponsor_zh_hans == "运营方填写的主办单位"
    assert again.icp_number == "青ICP备2027123456号-2"
    assert InfoPage.objects.filter(slug="about").count() == 3
    assert InfoPage.objects.filter(slug="privacy").count() == 3


# -- the about page and the privacy notice ---------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_about_and_privacy_pages_open_from_the_footer_in_each_language(client, identity, code):
    found = links(footer(client.get(f"/{code}/").content.decode()))
    for msgid in ("About us", "Privacy notice"):
        response = client.get(found[label(msgid, code)])
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{HTML_LANG[code]}"' in html
        assert "<h1" in html and label(msgid, code) in visible_text(html)
        body = html[html.index("<main") : html.index("</main>")]
        assert leaks(body, code) == "" or code == "zh-hans"


def test_privacy_notice_says_what_the_code_keeps(client, identity):
    """If a cookie, a retention time or the offline limit changes, so must the notice."""
    text = visible_text(client.get("/zh-hans/privacy/").content.decode())
    assert reading.LITE in text and reading.LARGE in text
    assert reading.YEAR == 365 * 24 * 3600 and "一年后自动失效" in text
    assert offline.MAX_ARTICLES == 50 and "各最多 50 篇" in text
    assert login_throttle.MEMORY == 24 * 3600 and "保存一天" in text
    assert login_throttle.KNOWN_FOR == 90 * 24 * 3600 and "保存 90 天" in text
    assert "六个月" in text and "搜索词" in text
    for code in ("bo", "mn"):
        other = visible_text(client.get(f"/{code}/privacy/").content.decode())
        assert "50" in other and "90" in other


# -- icons and manifest ----------------------------------------------------------------


def static_file(url):
    path = finders.find(re.sub(r"^/static/", "", url))
    assert path, url
    return path


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_a_web_app_manifest(client, site_tree, code):
    html = client.get(f"/{code}/").content.decode()
    assert f'<link rel="manifest" href="/{code}/manifest.webmanifest">' in html
    response = client.get(f"/{code}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["lang"] == HTML_LANG[code] and manifest["dir"] == "ltr"
    assert manifest["start_url"] == f"/{code}/" and manifest["display"] == "standalone"
    assert manifest["name"] == label("Qinghai Kepu", code)
    assert manifest["theme_color"] == "#12405e" and manifest["background_color"]
    sizes = set()
    for icon in manifest["icons"]:
        path = static_file(icon["src"])
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"]
                sizes.add(image.width)
    assert {192, 512} <= sizes
    assert client.get("/manifest.webmanifest").json()["lang"] == "zh-Hans"


def test_favicon_and_touch_icon(client, site_tree):
    html = client.get("/bo/").content.decode()
    head = html[: html.index("</head>")]
    svg = re.search(r'<link rel="icon" href="([^"]+\.svg)" type="image/svg\+xml">', head).group(1)
    with open(static_file(svg), "rb") as f:
        data = f.read()
    assert len(data) < 2048 and b"<text" not in data
    touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', head).group(1)
    with Image.open(static_file(touch)) as image:
        assert image.size == (180, 180)
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/vnd.microsoft.icon"
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "ICO" and {(16, 16), (32, 32)} <= image.ico.sizes()
    # Nothing else in <head> that a browser fetches on a page load.
    fetched = re.findall(r'<link rel="(?:stylesheet|preload|icon)"', head)
    assert len(fetched) <= 4  # site.css, one font preload, the two icon candidates


def test_the_logo_is_inline_and_has_no_text():
    svg = (ROOT / "cms" / "templates" / "includes" / "logo.html").read_text(encoding="utf-8")
    assert "<svg" in svg and "<text" not in svg and 'aria-hidden="true"' in svg
    assert "#12405e" in svg and "src=" not in svg


def test_info_pages_sit_under_a_home_only():
    from wagtail.test.utils import WagtailPageTestCase

    from content.models import HomePage

    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(InfoPage, {HomePage})
    case.assertAllowedSubpageTypes(InfoPage, {})


def test_setup_site_makes_the_info_pages_but_no_demo_values(client, site_tree):
    from django.core.management import call_command

    call_command("setup_site", stdout=io.StringIO())
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    assert identity.about_page and identity.privacy_page
    assert not (identity.sponsor_zh_hans or identity.icp_number or identity.email)
    html = footer(client.get("/mn/").content.decode())
    found = links(html)
    assert found[label("Privacy notice", "mn")] == "/mn/privacy/"
    assert "<dl" not in html and "filings" not in html
