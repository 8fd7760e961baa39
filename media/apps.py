from django.apps import AppConfig


class MediaConfig(AppConfig):
    # Storage, renditions and video assets (issue 5). Uploaded files live in MEDIA_ROOT
    # (var/media by default), never in this package.
    name = "media"
    label = "kepu_media"
