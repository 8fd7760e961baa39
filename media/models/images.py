"""The site's image model: Wagtail's image with translated alt text and caption, stored
under generated keys.

Alt text and caption exist in Chinese, Tibetan and Mongolian (django-modeltranslation,
see media/translation.py): a screen reader and a caption on a Tibetan page speak Tibetan.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image

from media import uploads


class KepuImage(AbstractImage):
    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "A description for readers who cannot see the image (screen readers read it aloud). Leave it empty for a purely decorative image."
        ),
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + (
        "alt_text_zh_hans",
        "alt_text_bo",
        "alt_text_mn",
        "caption_zh_hans",
        "caption_bo",
        "caption_mn",
    )

    api_fields = ["alt_text", "caption"]

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def get_upload_to(self, filename):
        extension = uploads.IMAGE_FORMATS.get(getattr(self, "_checked_format", ""), "")
        if not extension:
            extension = (filename.rsplit(".", 1)[-1] if "." in filename else "bin").lower()[:5]
        return uploads.object_key("original_images", extension)

    def generate_rendition_instance(self, filter, source):
        # Renditions made several at a time are bulk-created, without save(): record
        # their size here, while the file is still in memory.
        rendition = super().generate_rendition_instance(filter, source)
        rendition.file_size = rendition.file.size
        return rendition


class KepuRendition(AbstractRendition):
    image = models.ForeignKey(KepuImage, on_delete=models.CASCADE, related_name="renditions")
    # Bytes of the rendition, so a page can offer AVIF only where it is smaller than WebP
    # without asking the store (a request per picture on S3).
    file_size = models.PositiveIntegerField(null=True, editable=False)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def save(self, *args, **kwargs):
        if self.file_size is None and self.file and not self.file._committed:
            self.file_size = self.file.size
        super().save(*args, **kwargs)
