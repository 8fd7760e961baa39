"""Renditions are made by the worker as soon as an image is saved, so that the first
reader of a new page gets them at once and a web process never decodes a 20-megapixel
upload. (Which cached pages an image change makes stale is decided above media, by
content/publishing.py.)"""

from django.conf import settings
from django.db.models.signals import post_save

from cms import after_commit
from media.models import KepuImage
from media.processing import make_renditions


def image_saved(sender, instance, created, update_fields=None, **kwargs):
    if not getattr(settings, "KEPU_PREGENERATE_RENDITIONS", True):
        return
    if update_fields is not None and "file" not in update_fields:
        return
    after_commit.enqueue(make_renditions, instance.pk, what=f"renditions of image {instance.pk}")


def connect():
    post_save.connect(image_saved, sender=KepuImage, dispatch_uid="kepu_image_renditions")
