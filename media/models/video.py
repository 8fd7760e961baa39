"""Video assets: the editor's upload stays private; the worker publishes a small (360p)
and a large (720p) MP4, a poster frame and the duration. Subtitles are WebVTT tracks,
one per language, cleaned on upload (media/webvtt.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cms import languages
from media import uploads, webvtt

from .assets import ProcessedAsset, megabytes, original_key, private_storage


class Video(ProcessedAsset, ClusterableModel):
    original = models.FileField(
        _("video file"),
        storage=private_storage,
        upload_to=original_key,
        max_length=255,
        help_text=_(
            "MP4, MOV or WebM. After upload it is converted automatically into 360p and 720p versions that suit phones."
        ),
    )
    poster = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to take a frame from the video automatically."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    small = models.FileField(_("360p version"), blank=True, editable=False, max_length=255)
    small_size = models.PositiveBigIntegerField(null=True, editable=False)
    large = models.FileField(_("720p version"), blank=True, editable=False, max_length=255)
    large_size = models.PositiveBigIntegerField(null=True, editable=False)

    rendition_fields = (("small", "small_size"), ("large", "large_size"))

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        permissions = [("choose_video", "Can choose video")]

    @property
    def small_megabytes(self):
        return megabytes(self.small_size)

    @property
    def large_megabytes(self):
        return megabytes(self.large_size)

    def tracks(self):
        """Subtitle tracks for a player: (language code, srclang, label, url), in the
        site's order."""
        by_code = {s.language: s for s in self.subtitles.all()}
        return [
            (lang.code, lang.html_lang, lang.name_local, by_code[lang.code].file.url)
            for lang in languages.LANGUAGES
            if lang.code in by_code and by_code[lang.code].file
        ]


def subtitle_key(instance, filename):
    return uploads.object_key("subtitles", "vtt")


class Subtitle(models.Model):
    video = ParentalKey(Video, on_delete=models.CASCADE, related_name="subtitles")
    language = models.CharField(_("language"), max_length=10, choices=languages.django_languages())
    file = models.FileField(
        _("WebVTT subtitle file"),
        upload_to=subtitle_key,
        max_length=255,
        help_text=_("A UTF-8 .vtt file. Any web code in the subtitles is removed."),
    )

    class Meta:
        verbose_name = _("subtitles")
        verbose_name_plural = _("subtitles")
        constraints = [
            models.UniqueConstraint(fields=["video", "language"], name="one_subtitle_per_language")
        ]

    def __str__(self):
        return f"{self.video} · {self.get_language_display()}"

    def save(self, *args, **kwargs):
        # What is stored is always the cleaned file, whoever saves it.
        data = self._uploaded_bytes()
        if data is not None:
            self.file = ContentFile(webvtt.clean(data, self.language), name="subtitle.vtt")
        super().save(*args, **kwargs)

    def _uploaded_bytes(self):
        """The bytes of a file chosen but not yet stored, else None."""
        if not self.file or self.file._committed:
            return None
        self.file.seek(0)
        data = self.file.read()
        self.file.seek(0)
        return data

    def clean(self):
        data = self._uploaded_bytes()
        if data is not None:
            try:
                webvtt.clean(data, self.language)
            except ValidationError as exc:
                raise ValidationError({"file": exc.messages}) from exc
