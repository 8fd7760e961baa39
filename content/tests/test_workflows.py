"""Review workflows: editorial review by a senior editor of the language, then
scientific review, then publication. Wagtail runs them; these tests hold our rules."""

import pytest

from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState, WorkflowState

from content.editorial import teams
from content.tests.editorial_helpers import act, article_form, denied, member, submit


@pytest.fixture
def draft(make_article):
    return make_article("bo", topic="health", slug="wf-draft", live=False)


def test_editor_submits_senior_approves_reviewer_approves_then_published(client, draft):
    state = submit(client, draft, member("editor", "bo"), title="ཁ་བྱང་གསར་པ།")
    assert state.workflow.name == teams.review_workflow_name("bo")
    assert draft.current_workflow_task.name == teams.editorial_task_name("bo")
    assert not draft.live

    act(client, draft, member("senior", "bo"), "approve")
    assert draft.current_workflow_task.name == teams.SCIENCE_TASK
    assert not draft.live

    act(client, draft, member("reviewer"), "approve", comment="科学内容无误")
    draft.refresh_from_db()
    assert draft.live and draft.title == "ཁ་བྱང་གསར་པ།"
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED


def test_wrong_roles_cannot_approve_at_each_step(client, draft):
    submit(client, draft, member("editor", "bo"))
    task_state = draft.current_workflow_task_state
    for user in (member("reviewer"), member("senior", "mn"), member("editor", "bo")):
        response = act(client, draft, user, "approve")
        assert denied(response), user
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS

    act(client, draft, member("senior", "bo"), "approve")
    science = draft.current_workflow_task_state
    for user in (member("senior", "bo"), member("senior", "zh-hans"), member("editor", "bo")):
        assert denied(act(client, draft, user, "approve")), user
    assert TaskState.objects.get(pk=science.pk).status == TaskState.STATUS_IN_PROGRESS
    assert not draft.live


def test_nobody_approves_their_own_submission(client, draft):
    author = member("senior", "bo")
    submit(client, draft, author)
    assert denied(act(client, draft, author, "approve"))
    assert draft.current_workflow_task.name == teams.editorial_task_name("bo")
    # Nor is it waiting in their own review queue.
    assert not TaskState.objects.reviewable_by(author).exists()

    colleague = member("senior", "bo")  # same user: make a second senior editor
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    colleague = get_user_model().objects.create_user("senior-bo-2", password="pw")
    colleague.groups.add(Group.objects.get(name=teams.seniors_group("bo")))
    act(client, draft, colleague, "approve")
    assert draft.current_workflow_task.name == teams.SCIENCE_TASK


def test_reviewer_rejection_returns_the_page_to_the_editor_with_the_comment(client, draft):
    editor = member("editor", "bo")
    submit(client, draft, editor)
    act(client, draft, member("senior", "bo"), "approve")
    act(client, draft, member("reviewer"), "reject", comment="海拔数据有误，请核对。")
    state = WorkflowState.objects.filter(
        base_content_type__model="page", object_id=str(draft.pk)
    ).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not draft.live
    client.force_login(editor)
    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert "海拔数据有误，请核对。" in html
    # The editor fixes it and sends it back; the review starts again.
    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", article_form(draft, "restart-workflow", summary="བཅོས་ཟིན།")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.current_workflow_task.name == teams.editorial_task_name("bo")


def test_reviewers_review_without_opening_the_editor(client, draft):
    submit(client, draft, member("editor", "bo"))
    act(client, draft, member("senior", "bo"), "approve")
    reviewer = member("reviewer")
    client.force_login(reviewer)
    assert denied(client.get(f"/admin/pages/{draft.pk}/edit/"))
    task = draft.current_workflow_task
    preview = client.get(reverse("wagtailadmin_pages:workflow_preview", args=(draft.pk, task.pk)))
    assert preview.status_code == 200
    assert (
        TaskState.objects.reviewable_by(reviewer)
        .filter(pk=draft.current_workflow_task_state.pk)
        .exists()
    )


def test_an_edit_after_approval_goes_through_review_again(client, draft):
    submit(client, draft, member("editor", "bo"))
    act(client, draft, member("senior", "bo"), "approve")
    # While it waits for the scientists the page is locked to everybody else…
    editor = member("senior", "bo")
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", article_form(draft, summary="改"), follow=True
    )
    assert "locked" in response.content.decode() or "锁定" in response.content.decode()
    # …except a superuser, whose change still has to be reviewed.
    from django.contrib.auth import get_user_model

    chief = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(chief)
    client.post(f"/admin/pages/{draft.pk}/edit/", article_form(draft, summary="管理员改了摘要"))
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().summary == "管理员改了摘要"
    act(client, draft, member("reviewer"), "approve")
    draft.refresh_from_db()
    # The senior editor's approval was for the old text: it is asked for again.
    assert not draft.live
    assert draft.current_workflow_task.name == teams.editorial_task_name("bo")


def test_emergency_articles_can_take_the_fast_track_with_a_logged_reason(client, make_article):
    page = make_article("bo", topic="emergency", slug="quake-now", live=False)
    editor = member("editor", "bo")
    client.force_login(editor)
    url = reverse("kepu_fast_track", args=(page.pk,))
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and 'class="error-message"' in response.content.decode()
    assert not page.workflow_in_progress

    client.post(url, {"reason": "玉树地震后需要立即发布避险知识"})
    page.refresh_from_db()
    assert page.current_workflow_state.workflow.name == teams.fast_track_workflow_name("bo")
    entry = PageLogEntry.objects.get(page=page, action="kepu.fast_track")
    assert entry.user == editor and entry.data["reason"] == "玉树地震后需要立即发布避险知识"

    act(client, page, member("senior", "bo"), "approve")
    page.refresh_from_db()
    assert page.live  # one senior approval, no scientific review


def test_fast_track_is_refused_outside_the_emergency_channel(client, draft):
    client.force_login(member("editor", "bo"))
    response = client.post(
        reverse("kepu_fast_track", args=(draft.pk,)), {"reason": "急"}, follow=True
    )
    assert "只有应急频道的文章可以走快速通道" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.workflow_in_progress
    assert not PageLogEntry.objects.filter(page=draft, action="kepu.fast_track").exists()
