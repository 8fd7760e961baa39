"""Publish and take down what is due: Wagtail's ``publish_scheduled``, safe when two
passes run at once, under a name of its own (Wagtail's command stays Wagtail's; this
project runs ``publish_due``, from ``run_scheduler``).

Wagtail lists what is due, then publishes (or takes down) each item: two passes that
list at the same moment both publish it, and the page's history shows it published
twice. Here each item is claimed first: in one transaction, an UPDATE that changes
nothing locks its row if it is still due (PostgreSQL holds the other pass there until
this one commits, SQLite holds the whole file), and only the pass that claimed it acts.
On SQLite that UPDATE is the transaction's first statement, so the other pass waits for
the lock instead of failing with "database is locked".

A due revision of a page under a review workflow goes live only if it was approved
(content/publish_gate.py): a revision scheduled some other way (an edit straight to the
database, a schedule made before the gate) is not published; its schedule is cleared,
the refusal is written to the page's history and to stderr, and the pass goes on.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.management.commands import publish_scheduled
from wagtail.models import DraftStateMixin, Page, Revision

from content import publish_gate


def claim(queryset, field):
    """Lock the row of ``queryset`` (one object) for this transaction; False when it is
    no longer there, that is, another pass has already dealt with it."""
    return queryset.update(**{field: F(field)}) == 1


class Command(publish_scheduled.Command):
    def handle(self, *args, **options):
        if options["dryrun"]:
            return super().handle(*args, **options)
        models = [Page] + [
            model
            for model in apps.get_models()
            if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
        ]
        now = timezone.now()
        for model in models:
            due = model.objects.filter(live=True, expire_at__lt=now)
            for pk in list(due.order_by("expire_at").values_list("pk", flat=True)):
                with transaction.atomic():
                    if claim(due.filter(pk=pk), "expire_at"):
                        model.objects.get(pk=pk).unpublish(
                            set_expired=True, log_action="wagtail.unpublish.scheduled"
                        )
        due = Revision.objects.filter(approved_go_live_at__lt=now)
        for pk in list(due.order_by("approved_go_live_at").values_list("pk", flat=True)):
            with transaction.atomic():
                if not claim(due.filter(pk=pk), "approved_go_live_at"):
                    continue
                revision = Revision.objects.get(pk=pk)
                try:
                    with transaction.atomic():  # a refusal leaves nothing half-written
                        revision.publish(log_action="wagtail.publish.scheduled")
                except publish_gate.PublishRefused:
                    self.refuse(revision)

    def refuse(self, revision):
        """Not approved: it will not go live at any time, so its schedule goes."""
        Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
        page = revision.content_object
        log(instance=page, action=publish_gate.REFUSED, revision=revision, data={})
        self.stderr.write(
            f"publish_due: revision {revision.pk} of page {page.pk} was not approved "
            "by its review workflow; not published, schedule cleared."
        )
