"""Drafts, private pages (and their children) and expired pages are never exposed: not
by search, the API, feeds, the sitemap, widgets or listings; their address is refused."""

from datetime import timedelta

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageViewRestriction

MARK = "鼠兔隐藏测试"


def hide(kind, make_article):
    if kind == "draft":
        return make_article("zh-hans", slug="hidden", title=MARK, live=False)
    page = make_article("zh-hans", slug="hidden", title=MARK)
    if kind == "private-login":
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    elif kind == "private-password":
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    elif kind == "expired":
        type(page).objects.filter(pk=page.pk).update(
            expire_at=timezone.now() - timedelta(minutes=1)
        )
        call_command("publish_scheduled")  # what run_scheduler does every minute
    elif kind == "under-private-channel":
        PageViewRestriction.objects.create(page=page.get_parent(), restriction_type="login")
    return page


def public_answers(client, page):
    return {
        # The query is part of the title: the results page shows the query itself.
        "search api": client.get("/api/search/", {"q": MARK[:4], "lang": "zh-hans"}),
        "search page": client.get("/zh-hans/search/", {"q": MARK[:4]}),
        "api list": client.get("/api/v2/pages/", {"search": MARK[:4], "limit": 50}),
        "api list all": client.get("/api/v2/pages/", {"limit": 50, "locale": "zh-hans"}),
        "rss": client.get("/feeds/zh-hans/rss.xml"),
        "channel rss": client.get("/feeds/zh-hans/ecology/rss.xml"),
        "atom": client.get("/feeds/zh-hans/atom.xml"),
        "json feed": client.get("/feeds/zh-hans/feed.json"),
        "sitemap": client.get("/sitemap.xml"),
        "widget": client.get("/embed/zh-hans/ecology/", {"limit": 20}),
        "home": client.get("/zh-hans/"),
    }


@pytest.mark.parametrize(
    "kind", ["draft", "private-login", "private-password", "expired", "under-private-channel"]
)
def test_hidden_pages_appear_nowhere_public(client, make_article, kind):
    make_article("zh-hans", slug="visible", title="鼠兔公开测试")
    page = hide(kind, make_article)
    answers = public_answers(client, page)
    if kind != "under-private-channel":  # (that hides its sibling too)
        for name in ("rss", "json feed", "sitemap", "widget", "home"):  # the outputs work
            assert "/ecology/visible/" in answers[name].content.decode(), name
    for name, response in answers.items():
        assert response.status_code == 200, name
        body = response.content.decode()
        assert MARK not in body and "/ecology/hidden/" not in body, f"{kind} exposed by {name}"
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    direct = client.get("/zh-hans/ecology/hidden/")
    assert direct.status_code in (404, 302, 200)
    if direct.status_code == 200:  # a password form, not the page
        assert MARK not in direct.content.decode().split("<main", 1)[-1].split("<form", 1)[0]


def test_the_sitemap_lists_public_pages_of_every_language(client, make_article):
    for code in ("zh-hans", "bo", "mn"):
        make_article(code, slug=f"listed-{code}")
    xml = client.get("/sitemap.xml").content.decode()
    for code in ("zh-hans", "bo", "mn"):
        assert f"/{code}/ecology/listed-{code}/" in xml
