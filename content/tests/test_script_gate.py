"""Nothing goes live in the wrong script on the paths that skip the editor's form
(issue 14, item 2): approving from the dashboard or the workflow modal, the emergency
fast track, and a publish made in code by a user. The editor's own form is tested in
test_untranslated.py, the importer in test_import_export.py."""

import pytest

from django.urls import reverse

from wagtail.models import Page

from content import publish_gate
from content.tests.editorial_helpers import act, colleague, denied, member, submit, superuser
from content.tests.factories import TEXTS

ZH = "生奶可能带有布鲁氏菌，一定要煮开再喝。"
FOREIGN = {"bo": ZH, "mn": ZH, "zh-hans": TEXTS["bo"]}


def with_foreign_summary(page, code, user):
    """A new draft whose summary is still in another script (saved as drafts may be)."""
    page = page.get_latest_revision_as_object()
    page.summary = FOREIGN[code]
    return page.save_revision(user=user)


def actions(page, user):
    page = Page.objects.get(pk=page.pk).specific
    task = page.current_workflow_task
    return {name for name, _, _ in task.specific.get_actions(page, user)}


@pytest.mark.parametrize("code", ["bo", "mn", "zh-hans"])
def test_review_never_approves_text_in_another_script(client, make_article, code):
    page = make_article(code, slug="script-gate", live=False)
    editor, senior = member("editor", code), colleague(code)
    submit(client, page, editor)
    # The text changed after submission, in code rather than the form (as a restore,
    # an API client or a script would): the revision under review is now foreign.
    revision = with_foreign_summary(page, code, editor)
    state = page.current_workflow_task_state
    state.revision = revision
    state.save(update_fields=["revision"])

    assert actions(page, senior) == {"reject"}  # no approve button
    assert denied(act(client, page, senior, "approve"))  # a forged POST
    page.refresh_from_db()
    assert not page.live and page.current_workflow_task_state.status == "in_progress"
    assert act(client, page, senior, "reject", "请翻译摘要").status_code == 302


@pytest.mark.parametrize("code", ["bo", "mn"])
def test_the_fast_track_does_not_start_with_untranslated_text(client, make_article, code):
    page = make_article(code, topic="emergency", slug="quake-gate", live=False)
    with_foreign_summary(page, code, member("editor", code))
    client.force_login(member("editor", code))
    response = client.post(
        reverse("kepu_fast_track", args=(page.pk,)),
        {"reason": "地震后立即发布避险知识"},
        follow=True,
    )
    page.refresh_from_db()
    assert not page.workflow_in_progress and not page.live
    assert "还不能走快速通道" in response.content.decode()


@pytest.mark.parametrize("code", ["bo", "mn", "zh-hans"])
def test_a_publish_in_code_refuses_text_in_another_script(make_article, code):
    page = make_article(code, slug="script-code", live=False)
    revision = with_foreign_summary(page, code, superuser())
    # A superuser's override approves the review, never the script.
    publish_gate.record_override(revision, "测试越权", user=superuser())
    with pytest.raises(publish_gate.PublishRefused, match="摘要"):
        revision.publish(user=superuser())
    page.refresh_from_db()
    assert not page.live


@pytest.mark.parametrize("code", ["bo", "mn"])
def test_a_translated_page_still_goes_through(client, make_article, code):
    page = make_article(code, slug="script-ok", live=False)
    submit(client, page, member("editor", code))
    assert "approve" in actions(page, colleague(code))
    act(client, page, colleague(code), "approve")
    act(client, page, member("reviewer"), "approve")
    page.refresh_from_db()
    assert page.live
