"""Scheduled publishing and expiry in every language, unpublishing with a recorded
reason, and two editors on one page."""

import time
from datetime import timedelta
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageLogEntry

from content.tests.editorial_helpers import act, article_form, member

LANGUAGES = ("zh-hans", "bo", "mn")


@pytest.mark.parametrize("language", LANGUAGES)
def test_scheduled_pages_go_live_and_expire_in_every_language(client, make_article, language):
    page = make_article(language, slug="scheduled", live=False)
    page.go_live_at = timezone.now() + timedelta(seconds=3)
    page.expire_at = timezone.now() + timedelta(hours=2)
    page.save_revision()
    # Scheduled by its review: the senior editor's and the scientist's approvals.
    page.get_workflow().start(page, member("editor", language))
    page.refresh_from_db()
    act(client, page, member("senior", language), "approve")
    act(client, page, member("reviewer"), "approve")
    call_command("run_scheduler", "--once", stdout=StringIO())
    page.refresh_from_db()
    assert not page.live  # scheduled, not yet published

    time.sleep(max(0, (page.go_live_at - timezone.now()).total_seconds()) + 0.2)
    call_command("run_scheduler", "--once", stdout=StringIO())
    page.refresh_from_db()
    assert page.live

    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    call_command("run_scheduler", "--once", stdout=StringIO())
    page.refresh_from_db()
    assert not page.live and page.expired


def test_unpublishing_needs_a_reason_which_the_audit_log_keeps(client, make_article):
    page = make_article("mn", slug="withdraw")
    senior = member("senior", "mn")
    client.force_login(senior)
    url = f"/admin/pages/{page.pk}/unpublish/"
    assert 'name="unpublish_reason"' in client.get(url).content.decode()

    response = client.post(url, {"unpublish_reason": "  "}, follow=True)
    page.refresh_from_db()
    assert page.live
    assert "请填写下线原因" in response.content.decode()

    client.post(url, {"unpublish_reason": "数据已过期，等待专家更新"})
    page.refresh_from_db()
    assert not page.live
    entry = PageLogEntry.objects.get(page=page, action="kepu.unpublish_reason")
    assert entry.user == senior and entry.data["reason"] == "数据已过期，等待专家更新"
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").exists()
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "数据已过期，等待专家更新" in history


def test_a_locked_page_refuses_another_editors_save_and_keeps_both_revisions(client, make_article):
    page = make_article("bo", slug="two-editors", live=False)
    first, second = member("editor", "bo"), member("senior", "bo")

    # Both editors open the page; the first saves, then locks it while they work.
    client.force_login(first)
    client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, summary="第一位编辑的修改"))
    client.post(f"/admin/pages/{page.pk}/lock/")
    page.refresh_from_db()
    assert page.locked and page.locked_by == first

    client.force_login(second)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", article_form(page, summary="第二位编辑的修改"), follow=True
    )
    page.refresh_from_db()
    assert page.locked and page.locked_by == first
    assert page.get_latest_revision_as_object().summary == "第一位编辑的修改"
    assert "locked" in response.content.decode() or "锁定" in response.content.decode()

    # Once unlocked, the second editor's save is a new revision; the first one stays.
    client.force_login(first)
    client.post(f"/admin/pages/{page.pk}/unlock/")
    client.force_login(second)
    client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, summary="第二位编辑的修改"))
    summaries = [r.as_object().summary for r in page.revisions.order_by("created_at")]
    assert "第一位编辑的修改" in summaries and summaries[-1] == "第二位编辑的修改"
