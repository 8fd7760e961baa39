"""The publish gate (content/publish_gate.py) in Wagtail's admin: the superuser's
override with a reason in the edit view, and clear refusals, before anything changes,
on the two paths where Wagtail would otherwise meet the gate half-way (bulk publish,
the admin API's publish action). Registered in content/wagtail_hooks.py and
content/editorial/admin_api.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

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
            _(
                "Publishing without review needs a reason (it is kept in the audit log). The changes were saved as a draft; the page was not published."
            ),
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
        _(
            "%(note)s Pages cannot be published in bulk; a superuser who really must publish without review gives the reason for each page in its editor."
        )
        % {"note": publish_gate.NOTE},
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
