"""Autosave leaves no litter (issue item 10).

Wagtail 8 autosaves the create view: the first autosave creates the page as a draft, and
the editor carries on in it. An editor who closes that tab and starts the page again
under the same title meets the first attempt's slug. They are told so on the tab they
are on (the title), in Chinese, with a link that opens the existing draft, where what
autosave kept is waiting: nothing is lost, and no second copy is made."""

import pytest

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import ArticlePage
from content.slugs import slug_for
from content.tests import factories
from content.tests.editorial_helpers import member, sources_form
from content.tests.test_slugs import _script_slug

TITLE = "牧区冬季防寒指南"


def create_form(title, slug=None, summary="冬季来临前检查牲畜棚圈和取暖设备。"):
    """The create view's form, with the slug the admin's script fills in from the title."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug or slug_for(title),
            "summary": summary,
            "body": streamfield(
                [
                    ("paragraph", rich_text(f"<p>{summary}</p>")),
                    ("sources", sources_form(["青海省气象局"])),
                ]
            ),
            "author": "编辑部",
            "reviewer": "",
            "lead_image": "",
            "comments": inline_formset([]),
        }
    )


@pytest.fixture
def channel(site_tree):
    return factories.channel("zh-hans", "emergency")


def add_url(channel):
    return f"/admin/pages/add/content/articlepage/{channel.pk}/"


def autosave(client, channel, **fields):
    """What Wagtail's autosave posts on the create view: a save that expects JSON."""
    return client.post(add_url(channel), create_form(**fields), HTTP_ACCEPT="application/json")


def test_autosave_creates_the_draft_and_a_second_attempt_is_offered_it(client, channel):
    editor = member("editor", "zh-hans")
    client.force_login(editor)
    first = autosave(client, channel, title=TITLE, summary="第一次写的摘要，自动保存了。")
    assert first.status_code == 200 and first.json()["success"], first.content[:500]
    draft = ArticlePage.objects.get(pk=first.json()["pk"])
    assert draft.slug == slug_for(TITLE) and not draft.live

    # The tab is closed; the editor starts again with the same title and saves.
    before = Page.objects.count()
    response = client.post(add_url(channel), create_form(TITLE))
    assert response.status_code == 200  # the form again, with the reason
    assert Page.objects.count() == before  # no second copy
    form = response.context["form"]
    edit_url = f"/admin/pages/{draft.pk}/edit/"
    for field in ("title", "slug"):  # the Content tab the editor is on, and Promote
        (error,) = form.errors[field]
        assert f"网址“{draft.slug}”已被同一栏目里的草稿《{TITLE}》占用" in error
        assert f'<a href="{edit_url}" class="kepu-open-draft">打开已有的草稿</a>' in error
    html = response.content.decode()
    assert "打开已有的草稿</a>" in html  # rendered as a link, not escaped text
    assert "is already in use" not in html  # Wagtail's English message is not added

    # Nothing is lost: the existing draft holds what autosave kept.
    opened = client.get(edit_url)
    assert opened.status_code == 200
    assert "第一次写的摘要，自动保存了。" in opened.content.decode()


def test_a_published_page_with_that_address_gets_no_draft_link(client, channel):
    live = factories.article("zh-hans", topic="emergency", slug=slug_for(TITLE), title=TITLE)
    client.force_login(member("editor", "zh-hans"))
    response = client.post(add_url(channel), create_form(TITLE))
    assert response.status_code == 200
    (error,) = response.context["form"].errors["title"]
    assert error == f"网址“{live.slug}”已被同一栏目里的《{TITLE}》占用，请改一下标题或网址。"
    assert "打开已有的草稿" not in response.content.decode()


def test_a_typed_address_that_is_free_saves_beside_the_draft(client, channel):
    client.force_login(member("editor", "zh-hans"))
    autosave(client, channel, title=TITLE)
    response = client.post(add_url(channel), create_form(TITLE, slug="防寒指南-第二版"))
    assert response.status_code == 302
    assert ArticlePage.objects.filter(slug="防寒指南-第二版").exists()


def test_the_reason_follows_the_users_admin_language(client, channel):
    from wagtail.users.models import UserProfile

    editor = member("editor", "zh-hans")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    autosave(client, channel, title=TITLE)
    response = client.post(add_url(channel), create_form(TITLE))
    (error,) = response.context["form"].errors["title"]
    assert error.startswith(f"The address “{slug_for(TITLE)}” is taken by the draft “{TITLE}”")
    assert "Open the existing draft</a>" in error


def test_a_tibetan_retry_is_offered_the_draft_not_saved_again_at_dash_2(client, site_tree):
    """The admin's script drops Tibetan vowels from the slug; the form puts the readable
    one back. It used to dodge a taken address with "-2", so each retry (and each of its
    autosaves) left one more copy of the draft."""
    channel = factories.channel("bo", "health")
    title = "ཆུ་ཚད་དང་ནད་ཡམས་སྔོན་འགོག"
    script_slug = _script_slug(title)  # what the admin's script makes of it
    client.force_login(member("editor", "bo"))
    first = autosave(client, channel, title=title, slug=script_slug, summary="ཆུ་ཚད།")
    draft = ArticlePage.objects.get(pk=first.json()["pk"])
    assert draft.slug == slug_for(title)
    before = Page.objects.count()
    again = autosave(client, channel, title=title, slug=script_slug)
    assert again.status_code == 400 and not again.json()["success"]
    response = client.post(add_url(channel), create_form(title, slug=script_slug))
    assert Page.objects.count() == before
    (error,) = response.context["form"].errors["title"]
    assert f'<a href="/admin/pages/{draft.pk}/edit/" class="kepu-open-draft">' in error
