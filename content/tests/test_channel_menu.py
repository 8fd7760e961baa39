"""The channel menu in every page's header (content/channel_menu.py): the live, public
channels of the page's language, by title and address, as the database has them once
the change has committed (its purge renews the header each process keeps,
content/chrome.py)."""

import re

import pytest

from wagtail.models import PageViewRestriction

from content import publish_gate
from content.models import ChannelPage
from content.tests import factories


def menu(client, url):
    # A session cookie: the page cache never answers it, every request renders.
    client.cookies["sessionid"] = "x1"
    html = client.get(url).content.decode()
    nav = re.search(r'<details class="menu">.*?</details>', html, re.S).group(0)
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', nav)


@pytest.fixture
def article(site_tree, make_article):
    return make_article("bo", topic="health", slug="menu-page")


def test_the_menu_lists_the_languages_channels_in_tree_order(client, article):
    channels = ChannelPage.objects.live().filter(locale__language_code="bo").order_by("path")
    expected = [(channel.url, channel.title) for channel in channels]
    assert len(expected) == 4 and all(url.startswith("/bo/") for url, _ in expected)
    assert menu(client, article.url) == expected
    assert menu(client, "/bo/") == expected


def test_a_channel_unpublished_or_made_private_leaves_the_menu_at_once(
    client, article, django_capture_on_commit_callbacks
):
    health, ecology = factories.channel("bo", "health"), factories.channel("bo", "ecology")
    assert (health.url, health.title) in menu(client, "/bo/")
    with django_capture_on_commit_callbacks(execute=True), publish_gate.operator("test"):
        ecology.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=health, restriction_type="login")
    titles = [title for _, title in menu(client, "/bo/")]
    assert health.title not in titles and ecology.title not in titles
    assert len(titles) == 2


def test_a_renamed_channel_is_shown_by_its_new_title(
    client, article, django_capture_on_commit_callbacks
):
    health = factories.channel("bo", "health")
    menu(client, "/bo/")  # the menu is kept in this process
    health.title = "གསོ་རིག་གསར་པ།"
    with django_capture_on_commit_callbacks(execute=True), publish_gate.operator("test"):
        health.save_revision().publish()
    assert (health.url, "གསོ་རིག་གསར་པ།") in menu(client, "/bo/")
