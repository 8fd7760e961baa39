"""The page editor's form. A page cannot be published, sent to review (or back to it), or
approved from the editor while:
- a video or narration it uses is not ready yet (still processing, or failed);
- any text a reader sees is still in another script than the page's language (a
  translation starts as a copy of its source): content/text_checks.py;
- it breaks the house rules: an article without sources, a page without its scientific
  reviewer (content/house_rules.py).
Saving a draft is never blocked by these: translators and authors save half-done work.
The editor keeps what they typed and sees why on each field. An external video address
that readers' browsers may not load is refused on every save (cms/security.py)."""

from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm

from cms.security import plays_here
from content import house_rules, text_checks

SUBMITTING_ACTIONS = ("action-submit", "action-restart-workflow")
MEDIA_FIELDS = ("video", "narration")
TEXT_VALUES = ("title", "summary", "author", "reviewer", "transcript", "body", "lead_image",
               "poster")  # fmt: skip


class MediaReadyPageForm(WagtailAdminPageForm):
    def is_publishing(self):
        """Whether this post sends the page towards readers, as Wagtail's edit view will
        act on it: a button the user has no right to is a plain save there, and a
        reviewer's "request changes" sends nothing anywhere."""
        data, user = self.data, self.for_user
        if self.instance.pk:
            perms = self.instance.permissions_for_user(user)
            can_publish, can_submit = perms.can_publish(), perms.can_submit_for_moderation()
        else:
            can_publish = self.parent_page.permissions_for_user(user).can_publish_subpage()
            can_submit = True
        if "action-publish" in data and can_publish:
            return True
        if any(action in data for action in SUBMITTING_ACTIONS) and can_submit:
            return True
        return "action-workflow-action" in data and data.get("workflow-action-name") != "reject"

    def clean(self):
        cleaned = super().clean()
        url = cleaned.get("video_url")
        if url and not plays_here(url):
            self.add_error(
                "video_url",
                _(
                    "Readers' browsers can only play videos from this site or its media storage"
                    " (videos from other sites are blocked by the security policy, and would give"
                    " readers' addresses away to others). Upload the video file, or clear this"
                    " address."
                ),
            )
        if not self.is_publishing():
            return cleaned
        for name in MEDIA_FIELDS:
            asset = cleaned.get(name)
            if asset is not None and not asset.is_ready:
                state = asset.get_state_display()
                self.add_error(
                    name,
                    _(
                        "“%(title)s”: %(state)s. It cannot be published yet: save a draft for now and publish once processing is done."
                    )
                    % {"title": asset.title, "state": state},
                )
        values = {name: cleaned.get(name) for name in TEXT_VALUES}
        for problem in text_checks.untranslated_in(values, self.instance.locale.language_code):
            self.add_error(
                problem.field,
                _("%(problem)s. You can save a draft now and submit it once it is translated.")
                % {"problem": problem.message},
            )
        is_article = "body" in self.fields
        for name, message in house_rules.gaps(values, is_article).items():
            if name not in self.errors:  # a body that failed its own checks has said why
                self.add_error(name, message)
        return cleaned
