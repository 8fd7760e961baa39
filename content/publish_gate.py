"""Review cannot be bypassed (ADR 0005): in a language whose pages have a review
workflow, a page goes live only with a revision that was approved

- by its completed workflow (editorial review, then scientific review; or the one-step
  emergency fast track), recorded by ``content/editorial/workflow_finish.py``;
- by a superuser on purpose, with a reason (the edit view's "越权发布" field);
- or by an operator's command (import, demo content, site set-up), with a reason.

Each approval is an audit-log entry keyed by the revision (``kepu.publish_approved`` or
``kepu.publish_override``), so the page history shows who let which version out and
why, and the scheduler can tell an approved revision from one that is not.

Two layers, each at the depth every path passes through:

- ``PublishGateTester``, the permission tester of our page classes: ``can_publish()``
  is False for everybody but superusers on a governed page, ``can_publish_subpage()``
  False for everybody under a governed parent. Wagtail's edit and create views and
  their action menus, bulk publish, the admin API, copy ("publish copies") and alias
  all ask these, so the buttons and Wagtail's own refusals follow the rule. The team
  lead's other rights that Wagtail ties to the "publish" permission (unpublish, cancel
  a scheduled publication, view restrictions, delete or move live pages, start a
  translation) stay.
- ``GatedPublishing``: ``publish()`` refuses an unapproved revision before Wagtail
  changes anything, and ``save_base()`` refuses a row that would go live, or change
  its live revision, to one without an approval, whatever the path (Wagtail's publish
  action with its permission checks skipped, the scheduler, copy "keep live", a bare
  ``save()``).
"""

from contextlib import contextmanager

from asgiref.local import Local

from django.core.exceptions import PermissionDenied
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms.pages import CopyForm
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, PagePermissionTester

from content import text_checks

APPROVED = "kepu.publish_approved"  # a completed workflow
OVERRIDE = "kepu.publish_override"  # a superuser or an operator's command, with a reason
REFUSED = "kepu.publish_refused"  # the scheduler met a revision nobody approved
APPROVALS = (APPROVED, OVERRIDE)

NOTE = gettext_lazy(
    "Pages in this language are published automatically after the editorial review and the scientific review; the emergency channel can use the fast track."
)


def _refusal():
    return _(
        "This revision was not approved by the review workflow, so it cannot be published. %(note)s"
    ) % {"note": NOTE}


REFUSAL = lazy(_refusal, str)()  # in the language active when it is shown

_operator = Local()


class PublishRefused(PermissionDenied):
    """A revision would go live without an approval."""


def governs(page):
    """Whether ``page`` (or a new page under it) is reviewed by a workflow: one of its
    ancestors, normally its language's home page, has an active workflow."""
    return page is not None and page.get_workflow() is not None


def is_approved(page, revision_id):
    return (
        page.pk is not None
        and revision_id is not None
        and PageLogEntry.objects.filter(
            page_id=page.pk, revision_id=revision_id, action__in=APPROVALS
        ).exists()
    )


def may_go_live(page, revision_id):
    return not governs(page) or is_approved(page, revision_id)


def record_workflow_approval(revision, workflow_state, user=None):
    """The workflow ``workflow_state`` has approved ``revision``; it may now go live."""
    log(
        instance=revision.content_object,
        action=APPROVED,
        user=user,
        revision=revision,
        data={"workflow": workflow_state.workflow.name, "workflow_state": workflow_state.pk},
    )


def record_override(revision, reason, user=None):
    """``user`` (a superuser), or an operator's command when None, publishes ``revision``
    without review, for ``reason``."""
    reason = str(reason).strip()[:1000]
    if not reason:
        raise PublishRefused(_("Publishing without review needs a reason."))
    if user is not None and not user.is_superuser:
        raise PublishRefused(_("Only superusers can publish without review."))
    log(
        instance=revision.content_object,
        action=OVERRIDE,
        user=user,
        revision=revision,
        data={"reason": reason, "by": "superuser" if user is not None else "operator"},
    )


@contextmanager
def operator(reason):
    """Publishing by an operator's command (``import_content``, ``seed_demo``,
    ``setup_site``): whoever runs it on the server is trusted like a superuser, so each
    revision published inside is approved as an override with ``reason``, logged
    without a user. Usable as a decorator. Never used by the scheduler."""
    previous = getattr(_operator, "reason", None)
    _operator.reason = reason
    try:
        yield
    finally:
        _operator.reason = previous


def _operator_reason():
    return getattr(_operator, "reason", None)


def check_revision(page, revision):
    """Before ``revision`` of ``page`` is published (or scheduled): in the page's own
    script, and approved, or an operator's command approves it now; else
    ``PublishRefused``. Operators' commands check the script themselves (the importer
    refuses such lines with their line numbers)."""
    reason = _operator_reason()
    if reason is None:
        untranslated = text_checks.untranslated_fields(revision.as_object())
        if untranslated:
            raise PublishRefused(_("; ").join(item.message for item in untranslated[:5]))
    if not governs(page) or is_approved(page, revision.pk):
        return
    if reason is None:
        raise PublishRefused(REFUSAL)
    record_override(revision, reason)


LIVE_FIELDS = {"live", "live_revision"}


def check_row(page, update_fields=None):
    """Before ``page`` is written: if the write makes it live, or gives it another live
    revision, that revision must be approved (or an operator's command is running)."""
    if not page.live:
        return
    if update_fields is not None and not LIVE_FIELDS.intersection(update_fields):
        return
    before = None
    if page.pk is not None:
        before = Page.objects.filter(pk=page.pk).values_list("live", "live_revision_id").first()
    if before == (True, page.live_revision_id):
        return  # nothing new goes live
    if not governs(page) or is_approved(page, page.live_revision_id):
        return
    if _operator_reason() is not None:
        return  # its publish() has recorded the override; a bare save has no revision
    raise PublishRefused(REFUSAL)


class PublishGateTester(PagePermissionTester):
    def _governed(self):
        if not hasattr(self, "_governs"):
            self._governs = governs(self.page)
        return self._governs

    def has_publish_permission(self):
        """Wagtail's "publish" permission on this tree (a senior editor's): it no longer
        publishes by itself where a workflow governs, but still lets its holder
        unpublish, cancel a scheduled publication, restrict viewing and start
        translations into this tree."""
        return super().can_publish()

    def can_publish(self):
        if not super().can_publish():
            return False
        return self.user.is_superuser or not self._governed()

    def can_publish_subpage(self):
        # Creating and publishing in one step (the create view, copy "publish copies",
        # an alias) is refused to superusers too: their override, with its reason, is
        # in the edit view of the saved page.
        return super().can_publish_subpage() and not self._governed()

    def can_unschedule(self):
        return self.has_publish_permission()

    def can_set_view_restrictions(self):
        return self.has_publish_permission()

    # For the edit and create views' footer (content/templates/wagtailadmin/pages/).

    def publish_note(self):
        """Why there is no publish button on this page, for those who may edit it."""
        if self.can_edit() and self._governed() and not self.can_publish():
            return NOTE
        return ""

    def publish_subpage_note(self):
        """Why there is no publish button for a new page under this one."""
        if self.can_add_subpage() and self._governed():
            return NOTE
        return ""

    def override_needs_reason(self):
        return self.user.is_superuser and self._governed() and self.can_publish()


class GatedCopyForm(CopyForm):
    """Wagtail's copy form without "publish copies" and "alias" where they would be
    refused: a copy is a new page, and goes through review like one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.page.get_parent()
        if not parent.permissions_for_user(self.user).can_publish_subpage():
            self.fields.pop("publish_copies", None)
            self.fields.pop("alias", None)


class GatedPublishing:
    """Mixin for every page class of the site (before ``Page`` in the bases)."""

    copy_form_class = GatedCopyForm

    def permissions_for_user(self, user):
        return PublishGateTester(user, self)

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        check_revision(self, revision)
        return super().publish(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
            skip_permission_checks=skip_permission_checks,
        )

    def save_base(self, *args, **kwargs):
        # Below Page.save(), so that a page's own validation errors come first; raw
        # saves (loading a fixture or a backup) restore rows, they publish nothing new.
        if not kwargs.get("raw"):
            check_row(self, kwargs.get("update_fields"))
        return super().save_base(*args, **kwargs)
