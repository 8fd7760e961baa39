"""Spoken narrations of articles, for readers who listen better than they read. The
upload (MP3, AAC or Opus) stays private; readers get an AAC mono file at 48 kbit/s."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .assets import ProcessedAsset, megabytes, original_key, private_storage


class Narration(ProcessedAsset):
    original = models.FileField(
        _("audio file"),
        storage=private_storage,
        upload_to=original_key,
        max_length=255,
        help_text=_(
            "MP3, AAC (M4A) or Opus. It is compressed automatically into a version that suits phone data plans (about 0.4 MB a minute)."
        ),
    )
    file = models.FileField(_("published version"), blank=True, editable=False, max_length=255)
    file_size = models.PositiveBigIntegerField(null=True, editable=False)

    rendition_fields = (("file", "file_size"),)

    class Meta:
        verbose_name = _("narration")
        verbose_name_plural = _("narrations")
        permissions = [("choose_narration", "Can choose narration")]

    @property
    def megabytes(self):
        return megabytes(self.file_size)
