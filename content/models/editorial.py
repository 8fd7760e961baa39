"""Editorial records that extend Wagtail's workflows and translations.

``ReviewTask`` is Wagtail's group approval task with two house rules: nobody approves
their own submission (four eyes), and a task can keep its reviewers out of the editor
(scientific reviewers judge the science; they do not rewrite or publish the page).

``TranslationRecord`` remembers which published revision of which source page a
translation was made from, so that a later publication of the source marks the
translation outdated. It lives outside the page so that reverting a page's revisions
does not rewrite that history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import AbstractGroupApprovalTask, Page, Revision

from content import text_checks

# Wagtail hook run after a reviewer approved or returned a page: fn(task_state, action_name).
AFTER_REVIEW_DECISION = "kepu_after_review_decision"


class ReviewTask(AbstractGroupApprovalTask):
    reviewers_edit = models.BooleanField(
        _("reviewers can edit the page"),
        default=True,
        help_text=_(
            "When unticked, reviewers can only approve or return the page, not open its editor (for the scientific review)."
        ),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["reviewers_edit"]

    class Meta:
        verbose_name = _("review task")
        verbose_name_plural = _("review tasks")

    def user_can_access_editor(self, obj, user):
        return self.reviewers_edit and super().user_can_access_editor(obj, user)

    def user_can_lock(self, obj, user):
        return self.reviewers_edit and super().user_can_lock(obj, user)

    def get_actions(self, obj, user):
        if submitted_by(obj, user):
            return []
        actions = super().get_actions(obj, user)
        if under_review_untranslated(obj):
            # Approving from the dashboard or the workflow modal skips the editor's
            # form: text still in another script is caught here, so "approve" is not
            # offered (and a forged POST is refused by Wagtail's own check), while
            # "request changes" stays. The editor's panel lists what to translate.
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        result = super().on_action(task_state, user, action_name, **kwargs)
        # Both ways of deciding (the dashboard's or workflow modal's action view, and the
        # edit view's action menu) end here. What follows a decision (the line that says
        # what it did: content/editorial/say_why.py) belongs to the editorial room above
        # the models, which registers it as a Wagtail hook.
        for hook in hooks.get_hooks(AFTER_REVIEW_DECISION):
            hook(task_state, action_name)
        return result

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups can approve or return; a submitter cannot approve their own submission."
        )


def under_review_untranslated(obj):
    """What in the revision under review is still not in the page's script."""
    state = obj.current_workflow_task_state
    revision = state.revision if state is not None and state.revision_id else None
    revision = revision or obj.get_latest_revision()
    return text_checks.untranslated_fields(revision.as_object() if revision else obj)


def submitted_by(obj, user):
    state = obj.current_workflow_state
    return state is not None and state.requested_by_id == user.pk


class TranslationRecord(models.Model):
    translation = models.OneToOneField(
        Page, on_delete=models.CASCADE, related_name="translation_record"
    )
    # Null once the source page is deleted: the status report then says so.
    source = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_title = models.CharField(max_length=255)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("translation record")
        verbose_name_plural = _("translation records")

    def __str__(self):
        return f"{self.translation} ← {self.source_title}"

    @classmethod
    def record(cls, translation, source, user=None, revision=None):
        """Note that ``translation`` now matches the published ``revision`` of ``source``
        (by default its live one). Never a draft: a source with no published revision
        is recorded without one, and its first publication makes the translation
        outdated."""
        if revision is None:
            # From the database: the caller's ``source`` may be the object it has just
            # published (an import writes a source and its translations in one run), whose
            # ``live`` and ``live_revision`` attributes still say "draft".
            revision = Revision.objects.filter(
                pk=Page.objects.filter(pk=source.pk, live=True).values("live_revision")[:1]
            ).first()
        record, _ = cls.objects.update_or_create(
            translation=translation,
            defaults={
                "source": source,
                "source_revision": revision,
                "source_title": source.title[:255],
                "updated_by": user,
            },
        )
        return record

    @property
    def source_changed(self):
        """Whether the source was published again after this translation was made."""
        if self.source is None:
            return False
        live = self.source.live_revision if self.source.live else None
        if live is None:
            return False
        if self.source_revision is None:
            return True
        return (
            live.pk != self.source_revision.pk and live.created_at > self.source_revision.created_at
        )
