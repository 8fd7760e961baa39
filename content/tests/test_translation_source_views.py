"""Translators read their source (issue 14, item 3): the source's published text and what
changed in it since the translation was made, through their *translation*; never the
source's drafts, history or editor."""

import pytest

from django.urls import reverse

from wagtail.models import Page

from content.models import TranslationRecord
from content.tests.editorial_helpers import SECRET, denied, draft_with_secret, member, republish
from content.tests.factories import TEXTS

FIRST = "第一次发布的摘要"
SECOND = "第二次发布的摘要"
ADDED = "第二次发布时新加的一段"
TARGETS = ("bo", "mn")
ROLES = ("editor", "senior")


def source_url(page):
    return reverse("kepu_translation_source", args=(page.pk,))


def changes_url(page):
    return reverse("kepu_translation_source_changes", args=(page.pk,))


@pytest.fixture
def source(make_article):
    return make_article(
        "zh-hans",
        topic="health",
        slug="milk",
        title="喝开水，防包虫病",
        summary=FIRST,
        body=[("paragraph", "<p>第一段</p>")],
    )


def translated(client, source, code):
    """A ``code`` translation of ``source``, after which the source is published again
    (with a new paragraph) and then edited in a draft that holds a secret."""
    client.force_login(member("senior", code))
    client.post(reverse("kepu_translate", args=(source.pk, code)))
    page = source.get_translations().get(locale__language_code=code)
    republish(
        source,
        summary=SECOND,
        body=[("paragraph", "<p>第一段</p>"), ("paragraph", f"<p>{ADDED}</p>")],
    )
    draft_with_secret(source)
    client.logout()
    return page


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", TARGETS)
def test_translators_read_the_sources_published_text(client, source, code, role):
    page = translated(client, source, code)
    client.force_login(member(role, code))
    response = client.get(source_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "喝开水，防包虫病" in html and SECOND in html and ADDED in html
    assert SECRET not in html and FIRST not in html


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", TARGETS)
def test_translators_read_what_changed_in_the_source_since_their_translation(
    client, source, code, role
):
    page = translated(client, source, code)
    client.force_login(member(role, code))
    response = client.get(changes_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert FIRST in html and SECOND in html and ADDED in html
    assert SECRET not in html
    record = TranslationRecord.objects.get(translation=page)
    assert f'data-recorded-revision="{record.source_revision_id}"' in html
    assert f'data-source-revision="{Page.objects.get(pk=source.pk).live_revision_id}"' in html


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", TARGETS)
def test_reading_the_source_grants_nothing_else_on_it(client, source, code, role):
    page = translated(client, source, code)
    client.force_login(member(role, code))
    assert client.get(source_url(page)).status_code == 200
    draft = source.latest_revision_id
    for url in (
        f"/admin/pages/{source.pk}/edit/",
        f"/admin/pages/{source.pk}/edit/preview/",
        f"/admin/pages/{source.pk}/view_draft/",
        f"/admin/pages/{source.pk}/history/",
        f"/admin/pages/{source.pk}/revisions/{draft}/view/",
        f"/admin/pages/{source.pk}/revisions/compare/earliest...latest/",
        f"/admin/pages/{source.pk}/revisions/compare/live...{draft}/",
        f"/admin/api/main/pages/{source.pk}/",
    ):
        response = client.get(url)
        assert denied(response), url
        assert SECRET not in response.content.decode(), url
    response = client.post(
        f"/admin/pages/{source.pk}/edit/", {"title": "改", "slug": "milk", "action-publish": "1"}
    )
    assert denied(response)
    source.refresh_from_db()
    assert source.title == "喝开水，防包虫病"


@pytest.mark.parametrize(
    "user",
    [
        ("editor", "mn"),
        ("senior", "mn"),
        ("editor", "zh-hans"),
        ("senior", "zh-hans"),
        ("reviewer", None),
    ],
    ids=lambda u: "-".join(filter(None, u)),
)
@pytest.mark.parametrize("view", [source_url, changes_url], ids=["source", "changes"])
def test_only_those_who_may_edit_the_translation_may_read_through_it(client, source, user, view):
    page = translated(client, source, "bo")
    client.force_login(member(*user))
    response = client.get(view(page))
    assert denied(response)
    assert SECOND not in response.content.decode()


@pytest.mark.parametrize("view", [source_url, changes_url], ids=["source", "changes"])
def test_unknown_ids_are_not_found(client, db, view):
    class Missing:
        pk = 999999

    client.force_login(member("editor", "bo"))
    assert client.get(view(Missing)).status_code == 404


def test_the_changes_view_says_when_the_source_did_not_change(client, source):
    client.force_login(member("senior", "bo"))
    client.post(reverse("kepu_translate", args=(source.pk, "bo")))
    page = source.get_translations().get(locale__language_code="bo")
    draft_with_secret(source)
    html = client.get(changes_url(page)).content.decode()
    assert "没有发布新版本" in html and SECRET not in html


@pytest.mark.parametrize("view", [source_url, changes_url], ids=["source", "changes"])
def test_a_deleted_source_is_explained(client, source, view):
    page = translated(client, source, "bo")
    Page.objects.get(pk=source.pk).delete()
    client.force_login(member("editor", "bo"))
    response = client.get(view(page), follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{page.pk}/edit/"
    assert "原文已被删除" in response.content.decode()


@pytest.mark.parametrize("view", [source_url, changes_url], ids=["source", "changes"])
def test_a_source_taken_offline_is_explained(client, source, view):
    page = translated(client, source, "bo")
    Page.objects.get(pk=source.pk).specific.unpublish()
    client.force_login(member("editor", "bo"))
    response = client.get(view(page), follow=True)
    html = response.content.decode()
    assert "原文目前没有发布的版本" in html and SECRET not in html and SECOND not in html


@pytest.mark.parametrize("view", [source_url, changes_url], ids=["source", "changes"])
def test_a_page_that_is_not_a_translation_is_explained(client, make_article, view):
    original = make_article("bo", topic="health", slug="bo-original")
    client.force_login(member("editor", "bo"))
    response = client.get(view(original), follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{original.pk}/edit/"
    assert "这个页面不是译文" in response.content.decode()


def test_a_translation_without_a_record_reads_the_source_but_has_no_changes(
    client, source, make_article
):
    # Made outside "创建译文" (e.g. an old import): same group, no TranslationRecord.
    page = make_article("bo", topic="health", slug="untracked", translation_of=source)
    republish(source, summary=SECOND)
    draft_with_secret(source)
    client.force_login(member("editor", "bo"))
    html = client.get(source_url(page)).content.decode()
    assert SECOND in html and SECRET not in html
    response = client.get(changes_url(page), follow=True)
    assert response.redirect_chain[-1][0] == source_url(page)
    assert "没有记录这篇译文是根据原文的哪个发布版本翻译的" in response.content.decode()


def test_the_panel_links_to_the_readable_source_not_to_its_editor(client, source):
    page = translated(client, source, "bo")
    client.force_login(member("editor", "bo"))
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert source_url(page) in html and changes_url(page) in html
    assert f"/admin/pages/{source.pk}/edit/" not in html
    assert f"/admin/pages/{source.pk}/revisions/" not in html
    assert SECRET not in html


def test_the_panel_without_a_published_source_has_no_links(client, source):
    page = translated(client, source, "bo")
    Page.objects.get(pk=source.pk).specific.unpublish()
    client.force_login(member("editor", "bo"))
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert source_url(page) not in html and changes_url(page) not in html
    assert "原文目前没有发布的版本" in html


def test_the_source_is_shown_in_its_own_script(client, make_article):
    """A Tibetan original translated into Chinese: the Chinese team reads Tibetan."""
    bo = make_article("bo", topic="health", slug="bo-source")
    client.force_login(member("senior", "zh-hans"))
    client.post(reverse("kepu_translate", args=(bo.pk, "zh-hans")))
    page = bo.get_translations().get(locale__language_code="zh-hans")
    html = client.get(source_url(page)).content.decode()
    assert TEXTS["bo"][:20] in html and 'lang="bo"' in html


def test_a_videos_published_transcript_is_shown_and_its_draft_is_not(client, make_video):
    video = make_video("zh-hans", topic="health", slug="video-source", transcript="发布的文字稿")
    client.force_login(member("senior", "bo"))
    client.post(reverse("kepu_translate", args=(video.pk, "bo")))
    page = video.get_translations().get(locale__language_code="bo")
    republish(video, transcript="第二次发布的文字稿")
    draft = video.get_latest_revision_as_object()
    draft.transcript = f"{SECRET}文字稿"
    draft.save_revision()
    client.force_login(member("editor", "bo"))
    html = client.get(source_url(page)).content.decode()
    assert "第二次发布的文字稿" in html and SECRET not in html
    html = client.get(changes_url(page)).content.decode()
    assert "发布的文字稿" in html and "第二次发布的文字稿" in html and SECRET not in html


def test_a_record_naming_a_draft_revision_shows_no_changes(client, source):
    """Records made before translations came from live revisions may name a draft."""
    page = translated(client, source, "bo")
    TranslationRecord.objects.filter(translation=page).update(
        source_revision=Page.objects.get(pk=source.pk).latest_revision
    )
    client.force_login(member("editor", "bo"))
    response = client.get(changes_url(page), follow=True)
    assert response.redirect_chain[-1][0] == source_url(page)
    assert SECRET not in response.content.decode()
