"""Review notifications by e-mail: Wagtail's own, in each recipient's language.

Wagtail already mails the people concerned through Django's mail settings: the members
of a task's groups when a page reaches their step (the language's senior editors, then
the scientific reviewers), the submitter when the workflow is approved or a step
rejects it, and superusers when a workflow starts. Each user can turn these off in
their account's notification preferences.

Wagtail renders each e-mail in the recipient's preferred admin language, but a
recipient who never chose one gets the *current* language, which is the sender's (the
request that approved or submitted). Here the site's language is the fallback instead,
by rendering inside it; an explicit preference still wins. Titles are the draft's,
which every recipient may read (content/readable.py would otherwise answer for the
sender). ``install()`` swaps Wagtail's four receivers for these subclasses.
"""

from django.conf import settings
from django.utils import translation

from wagtail.admin import mail, signal_handlers
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from content.readable import for_nobody_in_particular


class SiteLanguageFallback:
    def send_emails(self, template_set, context, recipients, **kwargs):
        # The page's title as its recipients may read it (the draft's), not as the
        # sender may: a reviewer who just rejected a page no longer reads its draft.
        with translation.override(settings.LANGUAGE_CODE), for_nobody_in_particular():
            return super().send_emails(template_set, context, recipients, **kwargs)


class TaskSubmitted(SiteLanguageFallback, mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmitted(SiteLanguageFallback, mail.WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowApproved(SiteLanguageFallback, mail.WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejected(SiteLanguageFallback, mail.WorkflowStateRejectionEmailNotifier):
    pass


# (signal, sender, Wagtail's dispatch uid, our notifier): the uids are Wagtail's
# (wagtail/admin/signal_handlers.py), so ours take exactly their place.
RECEIVERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", TaskSubmitted),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification",
     WorkflowSubmitted),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification",
     WorkflowRejected),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification",
     WorkflowApproved),
]  # fmt: skip

_installed = []


def install():
    if _installed:
        return
    assert signal_handlers  # Wagtail's receivers are connected when its admin app is ready
    for signal, sender, uid, notifier in RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        receiver = notifier()
        _installed.append(receiver)  # signals hold receivers weakly
        signal.connect(receiver, sender=sender, dispatch_uid=uid)
