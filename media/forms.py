"""The image upload form: Wagtail's, with our checks on the file's content first and a
clean title."""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from media import uploads

logger = logging.getLogger(__name__)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, after our content checks. Wagtail's own checks open the
    file with Pillow, which raises OSError on some broken files (a truncated JPEG
    header): that is the uploader's problem, not a server error."""

    def to_python(self, data):
        if data not in self.empty_values:
            uploads.check_image(data)
        try:
            return super().to_python(data)
        except (OSError, ValueError) as exc:
            raise ValidationError(
                _(
                    "This file is not an image we can read (it may be damaged, or only its extension was changed)."
                ),
                code="not_image",
            ) from exc


class KepuImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            old = self.fields["file"]
            field = CheckedImageField(required=old.required, label=old.label, widget=old.widget)
            self.fields["file"] = field

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            self.instance._checked_format = uploads.check_image(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if self.errors or "file" not in self.changed_data:
            return cleaned
        # Ask the store before saving, so that an unreachable store is an error on the
        # form rather than a failed request with a half-saved image.
        storage = self.instance.file.storage
        try:
            storage.exists("original_images/.kepu-health-check")
        except Exception as exc:  # botocore and network errors have no common base
            logger.warning("media storage unavailable: %s", exc)
            raise ValidationError(
                _(
                    "The image storage cannot be reached at the moment, so the image was not saved. Please try again later."
                ),
                code="storage",
            ) from exc
        return cleaned

    def clean_title(self):
        return uploads.clean_text(self.cleaned_data.get("title") or "")
