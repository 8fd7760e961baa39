"""Spoken narrations of articles, for readers who listen better than they read. The
upload (MP3, AAC or Opus) stays private; readers get an AAC mono file at 48 kbit/s."""

from django.db import models

from .assets import ProcessedAsset, megabytes, original_key, private_storage


class Narration(ProcessedAsset):
    original = models.FileField(
        "音频文件",
        storage=private_storage,
        upload_to=original_key,
        max_length=255,
        help_text="MP3、AAC（M4A）或 Opus。会自动压缩成适合手机流量的版本（约每分钟 0.4 MB）。",
    )
    file = models.FileField("发布版本", blank=True, editable=False, max_length=255)
    file_size = models.PositiveBigIntegerField(null=True, editable=False)

    rendition_fields = (("file", "file_size"),)

    class Meta:
        verbose_name = "朗读音频"
        verbose_name_plural = "朗读音频"
        permissions = [("choose_narration", "Can choose narration")]

    @property
    def process_task(self):
        from media.processing import process_narration

        return process_narration

    @property
    def megabytes(self):
        return megabytes(self.file_size)
