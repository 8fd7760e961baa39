"""Review cannot be bypassed (content/publish_gate.py).

In every language a page goes live only when its review workflow completes (a senior
editor who did not submit it, then a scientific reviewer), through the emergency fast
track, or through a superuser's override with a reason. Every way Wagtail offers to
publish is tried here, by each language's senior editor and editor, on a draft, a page
in review and a live page with new changes: each leaves the page as it was and its
review where it was.
"""

import contextlib
import json
from datetime import timedelta
from io import StringIO

import pytest

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content import demo, publish_gate
from content.editorial import teams
from content.exchange import importing
from content.models import ArticlePage
from content.tests import factories
from content.tests.editorial_helpers import (
    act,
    article_form,
    colleague,
    member,
    review,
    submit,
    superuser,
)

LANGUAGES = ("zh-hans", "bo", "mn")
ROLES = ("senior", "editor")
STATES = ("draft", "in_review", "live_changed")


def text(code, n=12):
    return factories.TEXTS[code][:n].strip()


@pytest.fixture
def page_in(make_article):
    """A page of ``code`` in ``state``: a draft, a draft in review (submitted by the
    language's editor), or a live page whose newest revision nobody approved."""

    def make(code, state, slug="gate"):
        page = make_article(code, topic="health", slug=slug, live=state == "live_changed")
        if state == "in_review":
            submit(Client(), page, member("editor", code))
        if state == "live_changed":
            page = page.specific
            page.summary = text(code, 30) + "。"
            page.save_revision()
        page.refresh_from_db()
        return page

    return make


def snapshot(page):
    page.refresh_from_db()
    state = page.current_workflow_state
    return {
        "live": page.live,
        "live_revision": page.live_revision_id,
        "title": page.title,
        "workflow": state and (state.pk, state.status, state.current_task_state_id),
    }


def assert_nothing_went_live(page, before):
    after = snapshot(page)
    assert after == before
    assert not ArticlePage.objects.filter(slug__startswith="gate-copy", live=True).exists()


# Every way to publish, as (name, function(client, user, page)). Each function tries to
# publish ``page`` (or a copy of it) as ``user`` and may be refused in its own way.


def edit_view_publish(client, user, page):
    client.force_login(user)
    client.post(f"/admin/pages/{page.pk}/edit/", article_form(page.specific, "publish"))


def revisions_revert_and_publish(client, user, page):
    client.force_login(user)
    first = page.revisions.order_by("created_at").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first.pk))
    client.post(url, article_form(page.specific, "publish"))


def bulk_publish(client, user, page):
    client.force_login(user)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{url}?id={page.pk}&next=/admin/", {"include_descendants": "on"})


def api_publish(client, user, page):
    client.force_login(user)
    client.post(
        f"/admin/api/main/pages/{page.pk}/action/publish/", "{}", content_type="application/json"
    )


def api_revert_then_publish(client, user, page):
    client.force_login(user)
    first = page.revisions.order_by("created_at").first()
    client.post(
        f"/admin/api/main/pages/{page.pk}/action/revert_to_page_revision/",
        json.dumps({"revision_id": first.pk}),
        content_type="application/json",
    )
    api_publish(client, user, page)


def copy_and_publish(client, user, page):
    client.force_login(user)
    client.post(
        f"/admin/pages/{page.pk}/copy/",
        {
            "new_title": page.title,
            "new_slug": "gate-copy",
            "new_parent_page": page.get_parent().pk,
            "publish_copies": "on",
            "alias": "",
        },
    )


def api_copy_keep_live(client, user, page):
    client.force_login(user)
    client.post(
        f"/admin/api/main/pages/{page.pk}/action/copy/",
        json.dumps({"slug": "gate-copy-api", "keep_live": True}),
        content_type="application/json",
    )


def scheduled(client, user, page):
    """The newest revision due for publishing without any approval (written straight
    to the database, or scheduled before the gate existed)."""
    revision = page.get_latest_revision()
    past = timezone.now() - timedelta(minutes=1)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past)
    call_command("publish_due", stdout=StringIO(), stderr=StringIO())
    assert not Revision.objects.filter(pk=revision.pk, approved_go_live_at__isnull=False).exists()


def wagtail_scheduled(client, user, page):
    """Wagtail's own command, which the project does not run (``publish_due`` is ours):
    the page model still refuses the unapproved revision."""
    revision = page.get_latest_revision()
    past = timezone.now() - timedelta(minutes=1)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past)
    with contextlib.suppress(publish_gate.PublishRefused):
        call_command("publish_scheduled", stdout=StringIO(), stderr=StringIO())


def direct_publish(client, user, page):
    with pytest.raises(publish_gate.PublishRefused):
        page.specific.get_latest_revision().publish(user=user)


def action_skipping_checks(client, user, page):
    revision = page.get_latest_revision()
    with pytest.raises(publish_gate.PublishRefused):
        PublishPageRevisionAction(revision, user=user).execute(skip_permission_checks=True)


def copy_action_keep_live(client, user, page):
    with pytest.raises(publish_gate.PublishRefused):
        CopyPageAction(
            page, to=page.get_parent(), update_attrs={"slug": "gate-copy-2"}, keep_live=True
        ).execute(skip_permission_checks=True)


PATHS = {
    "edit view": edit_view_publish,
    "revisions revert and publish": revisions_revert_and_publish,
    "bulk publish": bulk_publish,
    "admin API publish": api_publish,
    "admin API revert and publish": api_revert_then_publish,
    "copy with publish": copy_and_publish,
    "admin API copy keep_live": api_copy_keep_live,
    "publish_due": scheduled,
    "Wagtail's publish_scheduled": wagtail_scheduled,
    "revision.publish(user)": direct_publish,
    "publish action skipping checks": action_skipping_checks,
    "copy action keep_live": copy_action_keep_live,
}


# A copy keeps only live pages live: copying is tried on the live page.
COPIES = {"copy with publish", "admin API copy keep_live", "copy action keep_live"}


def cases(paths):
    return [
        (state, path)
        for path in paths
        for state in STATES
        if state == "live_changed" or path not in COPIES
    ]


@pytest.mark.parametrize("state, path", cases(PATHS))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", LANGUAGES)
def test_no_path_publishes_without_review(client, page_in, code, role, state, path):
    page = page_in(code, state)
    before = snapshot(page)
    PATHS[path](client, member(role, code), page)
    assert_nothing_went_live(page, before)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", LANGUAGES)
def test_a_new_page_is_never_published_from_the_create_view(client, site_tree, code, role):
    channel = factories.channel(code, "health")
    client.force_login(member(role, code))
    html = client.get(f"/admin/pages/add/content/articlepage/{channel.pk}/").content.decode()
    assert 'name="action-publish"' not in html
    assert str(publish_gate.NOTE) in html
    data = {
        "title": text(code),
        "slug": f"gate-new-{code}",
        "summary": text(code, 40),
        "body": streamfield([("paragraph", rich_text(f"<p>{text(code, 40)}</p>"))]),
        "author": text(code, 4),
        "reviewer": text(code, 6),
        "lead_image": "",
        "comments": inline_formset([]),
        "action-publish": "1",
    }
    response = client.post(
        f"/admin/pages/add/content/articlepage/{channel.pk}/", nested_form_data(data)
    )
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug=f"gate-new-{code}")
    assert not page.live and page.get_latest_revision() is not None


@pytest.mark.parametrize("code", LANGUAGES)
def test_senior_editors_see_why_there_is_no_publish_button(client, page_in, code):
    senior = member("senior", code)
    client.force_login(senior)
    for state in STATES:
        page = page_in(code, state, slug=f"gate-{state}")
        html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert 'name="action-publish"' not in html, state
        assert str(publish_gate.NOTE) in html, state
        assert 'name="override_reason"' not in html
        perms = page.permissions_for_user(senior)
        assert not perms.can_publish() and perms.has_publish_permission()
        if page.live:  # what their publish permission still does
            assert perms.can_unpublish() and f"/admin/pages/{page.pk}/unpublish/" in html
    copy_form = client.get(f"/admin/pages/{page.pk}/copy/").content.decode()
    assert 'name="publish_copies"' not in copy_form and 'name="alias"' not in copy_form


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_completed_review_publishes_exactly_the_approved_revision(client, page_in, code):
    page = page_in(code, "draft")
    editor, senior = member("editor", code), colleague(code)
    submit(client, page, editor)
    act(client, page, senior, "approve")
    assert not page.live
    act(client, page, member("reviewer"), "approve")
    page.refresh_from_db()
    assert page.live
    approval = PageLogEntry.objects.get(page=page, action=publish_gate.APPROVED)
    assert approval.revision_id == page.live_revision_id
    assert approval.data["workflow"] == teams.review_workflow_name(code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_senior_editors_own_submission_needs_another_senior(client, page_in, code):
    page = page_in(code, "draft")
    author = member("senior", code)
    review(client, page, author, author)  # approving their own submission is refused
    assert not page.live
    act(client, page, colleague(code), "approve")
    act(client, page, member("reviewer"), "approve")
    page.refresh_from_db()
    assert page.live


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_emergency_fast_track_still_publishes(client, make_article, code):
    page = make_article(code, topic="emergency", slug="gate-quake", live=False)
    client.force_login(member("editor", code))
    client.post(reverse("kepu_fast_track", args=(page.pk,)), {"reason": "地震后立即发布避险知识"})
    act(client, page, member("senior", code), "approve")
    page.refresh_from_db()
    assert page.live
    approval = PageLogEntry.objects.get(page=page, action=publish_gate.APPROVED)
    assert approval.data["workflow"] == teams.fast_track_workflow_name(code)


def an_hour_later(page, revision):
    """The go-live time of ``revision`` has passed (on the page, the revision's content
    and its schedule)."""
    past = timezone.now() - timedelta(minutes=1)
    content = {**revision.content, "go_live_at": past.isoformat()}
    ArticlePage.objects.filter(pk=page.pk).update(go_live_at=past)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=content)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_reviewed_page_with_a_go_live_time_is_published_by_the_scheduler(
    client, make_article, code
):
    page = make_article(code, topic="health", slug="gate-later", live=False)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision()
    page.get_workflow().start(page, member("editor", code))
    page.refresh_from_db()
    act(client, page, member("senior", code), "approve")
    act(client, page, member("reviewer"), "approve")
    page.refresh_from_db()
    revision = page.get_latest_revision()
    assert not page.live and Revision.objects.get(pk=revision.pk).approved_go_live_at

    an_hour_later(page, revision)
    call_command("publish_due", stdout=StringIO())
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk


def test_the_scheduler_records_a_refusal_and_goes_on(client, page_in, make_article):
    refused = page_in("bo", "draft")
    approved = page_in("mn", "draft", slug="gate-approved")
    approved.go_live_at = timezone.now() + timedelta(hours=1)
    approved.save_revision()
    approved.get_workflow().start(approved, member("editor", "mn"))
    approved.refresh_from_db()
    act(client, approved, member("senior", "mn"), "approve")
    act(client, approved, member("reviewer"), "approve")
    an_hour_later(approved, approved.get_latest_revision())
    an_hour_later(refused, refused.get_latest_revision())
    err = StringIO()
    call_command("publish_due", stdout=StringIO(), stderr=err)
    refused.refresh_from_db()
    approved.refresh_from_db()
    assert not refused.live and approved.live
    assert "not approved" in err.getvalue()
    assert PageLogEntry.objects.filter(page=refused, action=publish_gate.REFUSED).exists()


# The superuser's override: the edit view, with a reason, and nowhere else.


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("code", LANGUAGES)
def test_a_superuser_override_needs_a_reason_and_is_logged(client, page_in, code, state):
    page = page_in(code, state)
    chief = superuser()
    client.force_login(chief)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-publish"' in html and 'name="override_reason"' in html

    changed = text(code, 20) + "。"
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        article_form(page.specific, "publish", summary=changed, override_reason="  "),
        follow=True,
    )
    page.refresh_from_db()
    assert not page.live or page.live_revision.as_object().summary != changed
    assert page.get_latest_revision_as_object().summary == changed  # kept as a draft
    assert "越权发布必须填写原因" in response.content.decode()
    overrides = PageLogEntry.objects.filter(page=page, action=publish_gate.OVERRIDE, user=chief)
    assert not overrides.exists()

    client.post(
        f"/admin/pages/{page.pk}/edit/",
        article_form(page.specific, "publish", summary=changed, override_reason="紧急更正错误数据"),
    )
    page.refresh_from_db()
    assert page.live and page.specific.summary == changed
    entry = overrides.get()
    assert entry.data["reason"] == "紧急更正错误数据"
    assert entry.revision_id == page.live_revision_id
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "紧急更正错误数据" in history


SUPERUSER_REFUSED = {
    name: PATHS[name]
    for name in (
        "bulk publish",
        "admin API publish",
        "admin API revert and publish",
        "copy with publish",
        "admin API copy keep_live",
        "revision.publish(user)",
        "publish action skipping checks",
    )
}


@pytest.mark.parametrize("state, path", cases(SUPERUSER_REFUSED))
def test_superusers_override_nowhere_else(client, page_in, state, path):
    page = page_in("bo", state)
    before = snapshot(page)
    chief = superuser()
    SUPERUSER_REFUSED[path](client, chief, page)
    assert_nothing_went_live(page, before)
    assert not PageLogEntry.objects.filter(action=publish_gate.OVERRIDE, user=chief).exists()


def test_a_superuser_creates_drafts_in_a_reviewed_language(client, site_tree):
    channel = factories.channel("bo", "health")
    client.force_login(superuser())
    html = client.get(f"/admin/pages/add/content/articlepage/{channel.pk}/").content.decode()
    assert 'name="action-publish"' not in html


# Operators' commands publish as a logged override.


def test_import_with_live_true_is_a_logged_override(site_tree):
    path = demo.DATA / "health.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    line = next(line for line in lines if line["locale"] == "bo" and line["type"] == "article")
    line.pop("translation_of", None)
    line.update(slug="gate-import", live=True)
    report = importing.validate(json.dumps(line, ensure_ascii=False).encode())
    assert not report.errors, report.errors
    importing.apply(report.items)
    page = ArticlePage.objects.get(slug="gate-import")
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action=publish_gate.OVERRIDE)
    assert entry.user is None and entry.data["reason"] == "import"
    assert entry.revision_id == page.live_revision_id


def test_outside_an_operators_command_nothing_is_approved(make_article):
    page = make_article("zh-hans", slug="gate-op", live=False)
    with publish_gate.operator("test"):
        pass
    with pytest.raises(publish_gate.PublishRefused):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert not Page.objects.filter(pk=page.pk, live=True).exists()
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()
