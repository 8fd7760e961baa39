"""What videos and narrations share: a private original, public renditions made in the
background by ffmpeg, and a processing state the editors can see."""

import logging

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models, transaction
from django.dispatch import Signal, receiver
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from wagtail.models import CollectionMember
from wagtail.search import index

from media import uploads

logger = logging.getLogger(__name__)

# Sent after an asset's save stored a new original that must be processed (its first
# upload, or a replacement); media/processing.py listens. The models stand below the
# processing that works on them, so they announce and do not call.
original_stored = Signal()  # sender: the model; asset: the saved instance


def original_key(instance, filename):
    """A generated key for an original, in a folder named for its model: the uploader's
    file name is kept as the title only (media/uploads.display_title)."""
    name = filename.rsplit(".", 1)
    extension = (name[1] if len(name) == 2 else "").lower()
    if not (extension.isascii() and extension.isalnum()) or len(extension) > 5:
        extension = "bin"
    return uploads.object_key(type(instance).__name__.lower(), extension)


class PrivateStorage(LazyObject):
    """The "private" storage of STORAGES, looked up when first used (like Django's
    default_storage) rather than when the model class is defined."""

    def _setup(self):
        self._wrapped = storages["private"]


private = PrivateStorage()


def private_storage():
    """Originals: never public (signed URLs on S3, outside MEDIA_ROOT on disk)."""
    return private


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        private._wrapped = empty


class ProcessingState(models.TextChoices):
    PENDING = "pending", _("waiting to be processed")
    PROCESSING = "processing", _("processing")
    READY = "ready", _("ready")
    FAILED = "failed", _("processing failed")


def megabytes(size):
    """A size as readers see it before they spend their data: "2.4 MB"."""
    if not size:
        return ""
    return f"{max(size / 1_000_000, 0.1):.1f} MB"


class ProcessedAsset(CollectionMember, index.Indexed, models.Model):
    title = models.CharField(_("title"), max_length=255)
    original_size = models.PositiveBigIntegerField(
        _("original file size"), default=0, editable=False
    )
    duration = models.FloatField(_("duration (seconds)"), null=True, blank=True, editable=False)
    state = models.CharField(
        _("processing status"),
        max_length=12,
        choices=ProcessingState.choices,
        default=ProcessingState.PENDING,
        editable=False,
    )
    error = models.TextField(_("processing error"), blank=True, editable=False)
    processed_at = models.DateTimeField(_("processed at"), null=True, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = CollectionMember.search_fields + [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("state"),
    ]

    # The public files that processing makes, as (file field, size field) pairs.
    rendition_fields = ()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # A new original (first upload or replaced) is processed in the background,
        # unless the asset arrives already processed (the demo's web-ready clips).
        adding = self._state.adding
        stored = None
        if not adding:
            stored = (
                type(self).objects.filter(pk=self.pk).values_list("original", flat=True).first()
            )
        new_original = bool(self.original) and (
            not self.original._committed or self.original.name != stored
        )
        super().save(*args, **kwargs)
        if new_original and not (adding and self.state == ProcessingState.READY):
            original_stored.send(sender=type(self), asset=self)

    @property
    def is_ready(self):
        return self.state == ProcessingState.READY

    @property
    def duration_display(self):
        """Length as m:ss, the way players show it in every language."""
        if not self.duration:
            return ""
        seconds = round(self.duration)
        return f"{seconds // 60}:{seconds % 60:02d}"

    def mark_pending(self):
        """Processing has been asked for (media/processing.py, ``schedule``)."""
        type(self).objects.filter(pk=self.pk).update(state=ProcessingState.PENDING, error="")
        self.state, self.error = ProcessingState.PENDING, ""

    def public_files(self):
        return [getattr(self, name) for name, _ in self.rendition_fields if getattr(self, name)]

    def finish(self, outputs):
        """Store what processing made (field → (name, size)) and mark the asset ready;
        the renditions it replaces are deleted once that is committed."""
        old = [f.name for f in self.public_files()]
        for name, size_field in self.rendition_fields:
            stored, size = outputs.get(name, ("", None))
            setattr(self, name, stored)
            setattr(self, size_field, size)
        self.state, self.error, self.processed_at = ProcessingState.READY, "", timezone.now()
        self.save()
        kept = {f.name for f in self.public_files()}
        storage = storages["default"]
        transaction.on_commit(lambda: delete_files(storage, [n for n in old if n not in kept]))

    def fail(self, message):
        type(self).objects.filter(pk=self.pk).update(
            state=ProcessingState.FAILED, error=message[:2000]
        )
        self.state, self.error = ProcessingState.FAILED, message

    def delete(self, *args, **kwargs):
        files = [(storages["default"], f.name) for f in self.public_files()]
        if self.original:
            files.append((self.original.storage, self.original.name))
        result = super().delete(*args, **kwargs)
        transaction.on_commit(lambda: [delete_files(s, [n]) for s, n in files])
        return result


def delete_files(storage, names):
    """Delete stored files, logging (not raising) what the store refuses: a leftover
    object costs storage, a failed request would cost the editor's work."""
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("could not delete %s from storage", name)
