"""The page editor's form: a page cannot be published, or sent to review, with a video
or narration that is not ready yet (still processing, or failed). The editor keeps what
they typed and sees why on the field."""

from wagtail.admin.forms import WagtailAdminPageForm

PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")
MEDIA_FIELDS = ("video", "narration")


class MediaReadyPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if not any(action in self.data for action in PUBLISHING_ACTIONS):
            return cleaned
        for name in MEDIA_FIELDS:
            asset = cleaned.get(name)
            if asset is not None and not asset.is_ready:
                state = asset.get_state_display()
                self.add_error(
                    name,
                    f"“{asset.title}”{state}，还不能发布。可以先保存草稿，处理完成后再发布。",
                )
        return cleaned
