"""A stand-in for a long transcode, for the fault tests: it holds the media worker for
as long as it is told, as a 3-hour upload would, without needing ffmpeg's time."""

import time

from django_tasks import task


@task(queue_name="media")
def hold_the_media_worker(seconds):
    time.sleep(seconds)
