"""The publish gate (content/publish_gate.py) in Wagtail's admin: the superuser's
override with a reason in the edit view, and clear refusals, before anything changes,
on the two paths where Wagtail would otherwise meet the gate half-way (bulk publish,
the admin API's publish action). Registered in content/wagtail_hooks.py and
content/admin_api.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from wagtail.admin.api.actions.publish import PublishPageAPIAction

from content import publish_gate

OVERRIDE_FIELD = "override_reason"


def require_override_reason(request, page):
    """``before_publish_page``: the edit view has saved the new revision and is about to
    publish it. Only a superuser gets here on a governed page (the permission tester
    hides and refuses the action for everybody else); without a reason the revision
    stays a draft and the page is not published."""
    revision = page.get_latest_revision()
    if not publish_gate.governs(page) or publish_gate.is_approved(page, revision.pk):
        return None
    if not request.user.is_superuser:
        raise PermissionDenied(publish_gate.REFUSAL)
    reason = request.POST.get(OVERRIDE_FIELD, "").strip()
    if not reason:
        messages.error(
            request,
            "越权发布必须填写原因（记入审计日志）。修改已保存为草稿，页面没有发布。",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    publish_gate.record_override(revision, reason, user=request.user)
    return None


def refuse_bulk_publish(request, action_type, objects, action):
    """``before_bulk_action``: bulk publish has no place for a reason, so it publishes
    nothing under a review workflow (for superusers too; everyone else never gets
    those pages offered)."""
    if action_type != "publish" or not any(publish_gate.governs(page) for page in objects):
        return None
    messages.error(
        request,
        publish_gate.NOTE + "不能批量发布；超级用户如确需越权发布，请在编辑页面逐篇填写原因。",
    )
    return redirect(action.next_url)


class GatedPublishPageAPIAction(PublishPageAPIAction):
    """The admin API's ``action/publish/``: 403 for a revision no workflow approved,
    before Wagtail's publish action starts (it would clear other revisions' schedules
    before the gate stops it)."""

    def execute(self, instance, data):
        revision = instance.get_latest_revision()
        if not publish_gate.may_go_live(instance, revision.pk if revision else None):
            raise PermissionDenied(publish_gate.REFUSAL)
        return super().execute(instance, data)
