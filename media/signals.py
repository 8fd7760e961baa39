"""Renditions are made by the worker as soon as an image is saved, so that the first
reader of a new page gets them at once and a web process never decodes a 20-megapixel
upload."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save

from media.models import KepuImage

logger = logging.getLogger(__name__)


def image_saved(sender, instance, created, update_fields=None, **kwargs):
    if not getattr(settings, "KEPU_PREGENERATE_RENDITIONS", True):
        return
    if update_fields is not None and "file" not in update_fields:
        return
    from media.processing import make_renditions

    def enqueue():
        try:
            make_renditions.enqueue(instance.pk)
        except Exception:
            logger.exception("could not enqueue renditions of image %s", instance.pk)

    transaction.on_commit(enqueue)


def connect():
    post_save.connect(image_saved, sender=KepuImage, dispatch_uid="kepu_image_renditions")
