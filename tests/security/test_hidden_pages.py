"""Drafts, private pages (and their children) and expired pages are never exposed: not
by search, the API, feeds, the sitemap, widgets, oEmbed or listings; their address is
refused. A private page stays private whatever happens to the tree (moved, its parent
moved, copied, its restriction changed), and no cached copy outlives a change."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageViewRestriction

from content import publish_gate
from content.tests.factories import channel

MARK = "鼠兔隐藏测试"
SECRET = "这段正文只给持密码的读者鼠兔"  # the summary: in listings, feeds and search


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="x" if kind == "password" else ""
    )
    if kind == "groups":
        restriction.groups.set([Group.objects.get_or_create(name="内部读者")[0]])
    return restriction


def hide(kind, make_article):
    if kind == "draft":
        return make_article("zh-hans", slug="hidden", title=MARK, summary=SECRET, live=False)
    page = make_article("zh-hans", slug="hidden", title=MARK, summary=SECRET)
    if kind.startswith("private-"):
        restrict(page, kind.removeprefix("private-"))
    elif kind == "expired":
        type(page).objects.filter(pk=page.pk).update(
            expire_at=timezone.now() - timedelta(minutes=1)
        )
        call_command("publish_due")  # what run_scheduler does every minute
    elif kind == "under-private-channel":
        restrict(page.get_parent(), "login")
    return page


def public_answers(client, page, urls=()):
    """What an anonymous reader (or aggregator, or embedding site) can fetch."""
    answers = {
        # The query is part of the title: the results page shows the query itself.
        "search api": client.get("/api/search/", {"q": MARK[:4], "lang": "zh-hans"}),
        "search page": client.get("/zh-hans/search/", {"q": MARK[:4]}),
        "search summary": client.get("/zh-hans/search/", {"q": SECRET[:4]}),
        "api list": client.get("/api/v2/pages/", {"search": MARK[:4], "limit": 50}),
        "api list all": client.get("/api/v2/pages/", {"limit": 50, "locale": "zh-hans"}),
        "api detail": client.get(f"/api/v2/pages/{page.pk}/"),
        "api articles": client.get(
            "/api/v2/pages/", {"type": "content.ArticlePage", "fields": "summary", "limit": 50}
        ),
        "embed page": client.get(f"/embed/page/{page.pk}/"),
        "sitemap": client.get("/sitemap.xml"),
        "home": client.get("/zh-hans/"),
        "home widget": client.get("/embed/zh-hans/", {"layout": "cards"}),
    }
    for fmt in ("rss.xml", "atom.xml", "feed.json"):
        answers[fmt] = client.get(f"/feeds/zh-hans/{fmt}")
    for topic in ("ecology", "health"):
        answers[f"{topic} channel"] = client.get(f"/zh-hans/{topic}/")
        answers[f"{topic} rss"] = client.get(f"/feeds/zh-hans/{topic}/rss.xml")
        answers[f"{topic} json feed"] = client.get(f"/feeds/zh-hans/{topic}/feed.json")
        answers[f"{topic} widget"] = client.get(f"/embed/zh-hans/{topic}/", {"limit": 20})
    for url in urls:
        full = f"http://testserver{url}"
        answers[f"oembed {url}"] = client.get(
            "/oembed/", {"url": full, "format": "json", "maxwidth": 400, "maxheight": 400}
        )
        answers[f"page {url}"] = client.get(url)
    return answers


def assert_hidden(answers, where=""):
    for name, response in answers.items():
        assert response.status_code in (200, 301, 302, 404), (where, name, response.status_code)
        body = response.content.decode()
        if name.startswith("page ") and response.status_code == 200:
            # The page's own address answers with a password form, not the page.
            body = body.split("<main", 1)[-1].split("<form", 1)[0]
        assert MARK not in body and SECRET not in body, f"{where}: exposed by {name}"
        assert "/hidden/" not in body or name.startswith("page "), f"{where}: linked by {name}"
        if name.startswith("page ") and response.status_code == 200:
            assert response.get("X-Kepu-Cache") != "hit", f"{where}: {name} from the cache"


@pytest.mark.parametrize(
    "kind",
    [
        "draft",
        "private-login",
        "private-password",
        "private-groups",
        "expired",
        "under-private-channel",
    ],
)
def test_hidden_pages_appear_nowhere_public(client, make_article, kind):
    make_article("zh-hans", slug="visible", title="鼠兔公开测试")
    page = hide(kind, make_article)
    answers = public_answers(client, page, urls=["/zh-hans/ecology/hidden/"])
    if kind != "under-private-channel":  # (that hides its sibling and the channel too)
        for name in ("rss.xml", "ecology rss", "sitemap", "ecology widget", "home"):
            assert "/ecology/visible/" in answers[name].content.decode(), name
    else:  # a private channel has no public feed or widget, not even its title
        assert answers["ecology rss"].status_code == 404
        assert answers["ecology widget"].status_code == 404
    assert answers["api detail"].status_code == 404
    assert_hidden(answers, kind)


# Tree changes, each made after every public output has been fetched (and so cached)
# once. Each returns the addresses the private text now has (or had).


def move_the_private_page(page, make_article):
    restrict(page, "password")
    yield ["/zh-hans/ecology/hidden/"]
    page.move(channel("zh-hans", "health"), pos="last-child")
    yield ["/zh-hans/health/hidden/", "/zh-hans/ecology/hidden/"]


def move_the_private_pages_parent(page, make_article):
    ecology = channel("zh-hans", "ecology")
    restrict(ecology, "login")
    yield ["/zh-hans/ecology/hidden/"]
    # Reordering the channels changes the tree paths of the channel and all below it.
    ecology.move(channel("zh-hans", "health"), pos="right")
    yield ["/zh-hans/ecology/hidden/"]


def move_a_public_page_into_a_private_channel(page, make_article):
    restrict(channel("zh-hans", "health"), "login")
    yield []  # (still public here: its text is legitimately in every output)
    page.move(channel("zh-hans", "health"), pos="last-child")
    yield ["/zh-hans/health/hidden/", "/zh-hans/ecology/hidden/"]


def copy_the_private_page(page, make_article):
    restrict(page, "password")
    yield ["/zh-hans/ecology/hidden/"]
    with publish_gate.operator("copy of reviewed content"):
        page.copy(to=channel("zh-hans", "health"), keep_live=True)
    yield ["/zh-hans/health/hidden/", "/zh-hans/ecology/hidden/"]


def copy_a_public_page_into_a_private_channel(page, make_article):
    restrict(channel("zh-hans", "health"), "login")
    page.move(channel("zh-hans", "health"), pos="last-child")
    yield ["/zh-hans/health/hidden/"]
    with publish_gate.operator("copy of reviewed content"):
        page.copy(
            to=channel("zh-hans", "health"), update_attrs={"slug": "hidden-2"}, keep_live=True
        )
    yield ["/zh-hans/health/hidden/", "/zh-hans/health/hidden-2/"]


def restrict_the_channel_once_its_pages_are_cached(page, make_article):
    yield []
    restrict(page.get_parent(), "password")
    yield ["/zh-hans/ecology/hidden/"]


def change_the_restriction_type(page, make_article):
    restriction = restrict(page, "password")
    for kind in ("login", "groups", "password"):
        yield ["/zh-hans/ecology/hidden/"]
        restriction.restriction_type = kind
        restriction.save()
        if kind == "groups":
            restriction.groups.set([Group.objects.get_or_create(name="内部读者")[0]])
    yield ["/zh-hans/ecology/hidden/"]


def restrict_the_home_page(page, make_article):
    yield []
    restrict(page.get_parent().get_parent(), "login")
    yield ["/zh-hans/ecology/hidden/"]


CHANGES = [
    move_the_private_page,
    move_the_private_pages_parent,
    move_a_public_page_into_a_private_channel,
    copy_the_private_page,
    copy_a_public_page_into_a_private_channel,
    restrict_the_channel_once_its_pages_are_cached,
    change_the_restriction_type,
    restrict_the_home_page,
]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_a_private_page_stays_private_whatever_happens_to_the_tree(
    client, make_article, django_capture_on_commit_callbacks, change
):
    # Commit callbacks run: they purge the page cache and update the search index.
    with django_capture_on_commit_callbacks(execute=True):
        make_article("zh-hans", topic="emergency", slug="visible", title="鼠兔公开测试")
        page = make_article("zh-hans", slug="hidden", title=MARK, summary=SECRET)
    steps = change(page, make_article)
    step = 0
    while True:
        with django_capture_on_commit_callbacks(execute=True):
            try:
                urls = next(steps)
            except StopIteration:
                break
        page.refresh_from_db()
        answers = public_answers(client, page, urls)
        if urls:
            assert_hidden(answers, f"{change.__name__} step {step}")
        if step == 0:  # the outputs work (before the home itself may become private)
            assert "/emergency/visible/" in answers["rss.xml"].content.decode()
        answers = public_answers(client, page, urls)  # and again, from the page cache
        if urls:
            assert_hidden(answers, f"{change.__name__} step {step}, cached")
        step += 1


def test_removing_a_restriction_publishes_the_page_everywhere_at_once(
    client, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article("zh-hans", slug="hidden", title=MARK, summary=SECRET)
        restriction = restrict(page, "password")
    assert_hidden(public_answers(client, page, ["/zh-hans/ecology/hidden/"]))  # cached now
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    answers = public_answers(client, page, ["/zh-hans/ecology/hidden/"])
    for name in ("page /zh-hans/ecology/hidden/", "home", "ecology channel", "rss.xml",
                 "ecology widget", "sitemap", "api detail", "embed page", "search page"):  # fmt: skip
        assert answers[name].status_code == 200, name
        assert MARK in answers[name].content.decode() or "/ecology/hidden/" in (
            answers[name].content.decode()
        ), f"{name} still serves the old copy"


def test_the_sitemap_lists_public_pages_of_every_language(client, make_article):
    for code in ("zh-hans", "bo", "mn"):
        make_article(code, slug=f"listed-{code}")
    xml = client.get("/sitemap.xml").content.decode()
    for code in ("zh-hans", "bo", "mn"):
        assert f"/{code}/ecology/listed-{code}/" in xml
