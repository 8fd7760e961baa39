"""What a reader, a county media centre, an editor and a load balancer get from the
production stack: gunicorn behind nginx, PostgreSQL, Redis, production settings."""

import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest
import requests

from tests.smoke.conftest import client
from tests.smoke.stack import ROOT


def test_home_page_in_each_language_over_https(http, stack):
    for code, lang in (("zh-hans", "zh-Hans"), ("bo", "bo"), ("mn", "mn-Mong")):
        response = http.get(f"{stack.base_url}/{code}/")
        assert response.status_code == 200
        assert f'lang="{lang}"' in response.text
        assert response.headers["Content-Encoding"] in ("gzip", "br")
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        policy = response.headers["Content-Security-Policy"]
        assert "object-src 'none'" in policy and "script-src 'self' 'sha256-" in policy


def test_article_is_served_then_micro_cached_by_nginx(http, stack, demo_articles):
    url = stack.base_url + demo_articles["bo"]
    first = http.get(url)
    assert first.status_code == 200 and "<article" in first.text
    again = http.get(url)
    assert again.text == first.text
    assert again.headers["X-Cache"] in ("HIT", "REVALIDATED", "UPDATING")
    # The micro-cache's instruction stays between nginx and the app.
    assert "X-Accel-Expires" not in again.headers


def test_unpublishing_is_seen_through_the_micro_cache_within_two_seconds(
    http, stack, demo_articles
):
    url = stack.base_url + demo_articles["mn"]
    assert http.get(url).status_code == 200
    slug = demo_articles["mn"].rstrip("/").rsplit("/", 1)[-1]
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from content.models import ArticlePage; "
         f"ArticlePage.objects.get(slug={slug!r}, locale__language_code='mn').unpublish()"],
        cwd=ROOT, env=stack.env, check=True, capture_output=True,
    )  # fmt: skip
    unpublished = time.monotonic()
    while http.get(url).status_code == 200 and time.monotonic() - unpublished < 10:
        time.sleep(0.1)
    # X-Accel-Expires: 1 counts whole seconds: an entry made late in one second lives
    # until the end of the next.
    assert time.monotonic() - unpublished < 2.2
    assert http.get(url).status_code == 404


def test_search_answers_in_chinese_and_tibetan(http, stack):
    response = http.get(f"{stack.base_url}/zh-hans/search/", params={"q": "雪灾"})
    assert response.status_code == 200
    assert re.search(r'<ol class="results">\s*<li>', response.text)
    response = http.get(f"{stack.base_url}/api/search/", params={"q": "སྨན", "lang": "bo"})
    assert response.status_code == 200 and response.json()["results"]


def test_feed_and_widget_for_county_media_centres(http, stack):
    response = http.get(f"{stack.base_url}/feeds/bo/rss.xml")
    assert response.status_code == 200
    items = ET.fromstring(response.content).findall("./channel/item")
    assert items and all(i.findtext("link").startswith(stack.base_url) for i in items)
    widget = http.get(f"{stack.base_url}/embed/bo/health/")
    assert widget.status_code == 200 and "<ol>" in widget.text
    assert "X-Frame-Options" not in widget.headers


def test_editor_logs_in_and_is_never_served_from_a_cache(http, stack, admin_password):
    login = f"{stack.base_url}/admin/login/"
    form = http.get(login)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    response = http.post(
        login, data={"csrfmiddlewaretoken": token, "username": "smoke", "password": admin_password},
        headers={"Referer": login}, allow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 302, response.text[:500]
    cookie = next(c for c in http.cookies if c.name == "sessionid")
    assert cookie.secure and cookie.has_nonstandard_attr("HttpOnly")
    dashboard = http.get(f"{stack.base_url}/admin/")
    assert dashboard.status_code == 200 and "wagtail" in dashboard.text.lower()
    page = http.get(f"{stack.base_url}/zh-hans/")
    assert page.headers.get("X-Cache") in (None, "BYPASS")


def test_repeated_failed_logins_are_refused_with_429(stack):
    login = f"{stack.base_url}/admin/login/"
    statuses = []
    for _ in range(7):
        session = client(stack)
        token = re.search(
            r'value="([^"]+)" name="csrfmiddlewaretoken"|name="csrfmiddlewaretoken" value="([^"]+)"',
            session.get(login).text,
        )
        statuses.append(
            session.post(
                login,
                data={"csrfmiddlewaretoken": token.group(1) or token.group(2),
                      "username": "guessed-editor", "password": "wrong-password-1"},
                headers={"Referer": login}, allow_redirects=False,
            ).status_code
        )  # fmt: skip
    assert statuses[:5] == [200] * 5  # the form again, with its error
    assert statuses[5:] == [429, 429]


def test_static_files_are_hashed_compressed_and_immutable(http, stack):
    home = http.get(f"{stack.base_url}/zh-hans/").text
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1)
    response = http.get(stack.base_url + css, headers={"Accept-Encoding": "br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert "immutable" in response.headers["Cache-Control"]
    font = re.search(
        r"/static/fonts/NotoSerifTibetan-Regular\.[0-9a-f]{12}\.woff2",
        http.get(f"{stack.base_url}/bo/").text,
    )
    assert font and http.get(stack.base_url + font.group(0)).status_code == 200


def test_media_pictures_and_video_ranges(http, stack, demo_articles):
    html = http.get(stack.base_url + demo_articles["zh-hans"]).text
    picture = re.search(r'src="(/media/[^"]+\.(?:webp|avif|jpg|png))"', html).group(1)
    response = http.get(stack.base_url + picture)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("image/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    home = http.get(f"{stack.base_url}/zh-hans/").text
    video_page = re.findall(r'href="(/zh-hans/[^"]+/)"', home)
    for path in video_page:
        match = re.search(r'src="(/media/[^"]+\.mp4)"', http.get(stack.base_url + path).text)
        if match:
            part = http.get(stack.base_url + match.group(1), headers={"Range": "bytes=0-1023"})
            assert part.status_code == 206 and len(part.content) == 1024
            assert part.headers["Content-Type"] == "video/mp4"
            break
    else:
        pytest.fail("no demo video page linked from the home page")


def test_health_and_readiness(http, stack):
    assert http.get(f"{stack.base_url}/healthz").json() == {"status": "ok"}
    ready = http.get(f"{stack.base_url}/readyz")
    assert ready.status_code == 200
    checks = ready.json()["checks"]
    assert {name: c["state"] for name, c in checks.items()} == {
        "database": "ok", "cache": "ok", "storage": "ok", "search": "ok", "task_queue": "ok",
    }  # fmt: skip


def test_plain_http_redirects_to_https_but_answers_health_checks(stack):
    plain = f"http://localhost:{stack.http_port}"
    response = requests.get(f"{plain}/zh-hans/", allow_redirects=False)
    assert response.status_code == 301
    assert re.match(r"https://localhost(:\d+)?/zh-hans/$", response.headers["Location"])
    assert requests.get(f"{plain}/healthz").status_code == 200


def test_unknown_host_gets_no_answer(stack):
    with pytest.raises(requests.ConnectionError):
        requests.get(
            f"http://127.0.0.1:{stack.http_port}/zh-hans/", headers={"Host": "evil.example"}
        )
    with pytest.raises(requests.ConnectionError):
        client(stack).get(
            f"https://localhost:{stack.https_port}/zh-hans/", headers={"Host": "evil.example"}
        )
