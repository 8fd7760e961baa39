from django.apps import AppConfig


class MediaConfig(AppConfig):
    # Images, video and audio: storage, upload checks, renditions and processing
    # (docs/media.md). Uploaded files live in MEDIA_ROOT (var/media by default) or S3.
    name = "media"
    label = "kepu_media"

    def ready(self):
        from media import processing, signals

        processing.connect()  # a stored original is processed in the background
        signals.connect()
