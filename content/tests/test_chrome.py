"""The header and footer parts each process keeps (content/chrome.py): after every kind
of change that alters them, committed through the real publishing paths, a reader sees
what a fresh process renders; and they really are kept between page views."""

import re

import pytest

from django.core.cache import cache
from django.test import Client, override_settings

from wagtail.models import Locale, PageViewRestriction, Site

from cms import page_cache
from content import channel_menu, chrome, publish_gate
from content.models import ChannelPage, SiteIdentity, Topic
from content.site_identity import seed_identity
from content.tests import factories

PAGES = ["/bo/", "/zh-hans/", "/mn/", "/bo/health/"]


def chrome_of(client, url):
    """The page's header and footer. A session cookie: the page cache never answers it,
    every request renders."""
    client.cookies["sessionid"] = "x1"
    html = client.get(url).content.decode()
    header = re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
    return header + footer


def fresh(client, url):
    """What a process that kept nothing renders now."""
    chrome._kept.store = None
    return chrome_of(client, url)


def unpublish_channel():
    with publish_gate.operator("test"):
        factories.channel("bo", "ecology").unpublish()


def rename_channel():
    health = factories.channel("zh-hans", "health")
    health.title = "健康新知"
    with publish_gate.operator("test"):
        health.save_revision().publish()


def restrict_channel():
    PageViewRestriction.objects.create(
        page=factories.channel("mn", "health"), restriction_type="login"
    )


def lift_restriction():
    PageViewRestriction.objects.filter(page=factories.channel("mn", "health")).delete()


def move_channel():
    defence = factories.channel("bo", "defence")
    defence.move(defence.get_parent(), pos="first-child")


def new_topic():
    Topic.objects.create(name="新频道", slug="new-channel")


def new_channel():
    home = factories.channel("bo", "health").get_parent()
    page = ChannelPage(
        title="ཚན་རིག་གསར་པ།", slug="new-channel", topic=Topic.objects.get(slug="new-channel"),
        locale=Locale.objects.get(language_code="bo"), live=False,
    )  # fmt: skip
    home.add_child(instance=page)
    with publish_gate.operator("test"):
        page.save_revision().publish()


def edit_identity():
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.sponsor = "青海省科学技术协会（新）"
    identity.save()


def unpublish_about_page():
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    about = identity.about_page.get_translation(Locale.objects.get(language_code="bo"))
    with publish_gate.operator("test"):
        about.unpublish()


def empty_the_cache():
    cache.clear()
    edit_identity()  # a change made while nothing marks the kept copies as old


# (what is there before, if anything; the change)
CHANGES = [
    (None, unpublish_channel), (None, rename_channel), (None, restrict_channel),
    (restrict_channel, lift_restriction), (None, move_channel), (new_topic, new_channel),
    (None, edit_identity), (None, unpublish_about_page), (None, empty_the_cache),
]  # fmt: skip


@pytest.fixture
def identity(site_tree):
    return seed_identity()


@pytest.mark.parametrize("prepare, change", CHANGES, ids=[c.__name__ for _, c in CHANGES])
def test_after_a_change_readers_see_what_a_fresh_process_shows(
    client, identity, prepare, change, django_capture_on_commit_callbacks
):
    if prepare is not None:
        with django_capture_on_commit_callbacks(execute=True):
            prepare()
    before = {url: chrome_of(client, url) for url in PAGES}  # kept now
    with django_capture_on_commit_callbacks(execute=True):
        change()
    after = {url: chrome_of(client, url) for url in PAGES}
    assert after == {url: fresh(client, url) for url in PAGES}
    assert after != before  # the change shows somewhere: the table tests something


def test_the_parts_are_kept_between_page_views(client, identity, monkeypatch):
    chrome_of(client, "/bo/")
    asked = []
    real = channel_menu.channels
    monkeypatch.setattr(channel_menu, "channels", lambda code: asked.append(code) or real(code))
    # Not the search page: its channel links read the channels themselves.
    for url in ("/bo/", "/bo/health/", "/bo/"):
        chrome_of(client, url)
    assert asked == []
    chrome_of(client, "/mn/")  # another language: its own parts
    assert asked == ["mn"]


def test_an_article_published_keeps_the_parts(
    client, site_tree, monkeypatch, django_capture_on_commit_callbacks
):
    """Publishing an article changes no menu or footer: the kept parts stay."""
    with django_capture_on_commit_callbacks(execute=True):
        seed_identity()  # its own purges done first
    chrome_of(client, "/bo/")
    with django_capture_on_commit_callbacks(execute=True):
        factories.article("bo", slug="kept-chrome")
    asked = []
    real = channel_menu.channels
    monkeypatch.setattr(channel_menu, "channels", lambda code: asked.append(code) or real(code))
    chrome_of(client, "/bo/")
    assert asked == []


def test_a_page_rendered_during_a_purge_is_not_kept_with_the_old_menu(
    client, identity, monkeypatch, django_capture_on_commit_callbacks
):
    """A reader's page rendered as soon as the purge has written the page cache's new
    versions is built from the new menu: the kept parts were renewed before. The other
    order kept the old menu in the page cache under the new versions, fresh for good (a
    channel made private kept its title there)."""
    reader, url = Client(), "/bo/health/"
    reader.get(url)  # the menu is kept, the page cached
    during = []
    real = page_cache.cache

    class WriteThenRead:
        """The page cache, with a reader's request just after the purge writes the new
        versions (as if it came in on another worker at that moment)."""

        def __getattr__(self, name):
            return getattr(real(), name)

        def set_many(self, *args, **kwargs):
            real().set_many(*args, **kwargs)
            if not during:
                during.append(None)
                during.append(reader.get(url))

    monkeypatch.setattr(page_cache, "cache", WriteThenRead)
    with django_capture_on_commit_callbacks(execute=True), publish_gate.operator("test"):
        factories.channel("bo", "ecology").unpublish()
    monkeypatch.setattr(page_cache, "cache", real)
    assert len(during) == 2  # the reader came in between
    later = reader.get(url)
    assert "/bo/ecology/" not in later.content.decode()


@override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
)
def test_a_cache_that_keeps_no_token_keeps_no_parts(
    client, site_tree, monkeypatch, django_capture_on_commit_callbacks
):
    """No shared token, no way to tell other processes' changes: every page renders its
    parts, and a change shows at once."""
    chrome._kept.store = None
    asked = []
    real = channel_menu.channels
    monkeypatch.setattr(channel_menu, "channels", lambda code: asked.append(code) or real(code))
    chrome_of(client, "/bo/")
    chrome_of(client, "/bo/")
    assert asked == ["bo", "bo"]
