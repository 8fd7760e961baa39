"""The task worker killed in the middle of a transcode: `manage.py run_worker` runs as its
own process on a database that other processes share, and it is killed with SIGKILL
(with the ffmpeg it started) while it converts an uploaded video, as an OOM killer or a
lost machine does.

What an editor sees: the video does not stay "processing" for ever. The next worker
that starts takes the task up again and finishes it once: the video is ready with one
small and one large rendition, one poster in the image library, and nothing left over
in the store from the run that was killed.
"""

import io
import os
import signal
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from media.models import KepuImage, Video
from media.tests import clips

from .conftest import kill, output, wait_until

PROCESS_VIDEO = "media.processing.process_video"


def running_in_session(session, name):
    """Processes called ``name`` in the process session ``session`` (a worker started
    in a session of its own, and what it started)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        if comm == name and int(fields[3]) == session:  # fields: state ppid pgrp session
            found.append(int(stat.parent.name))
    return found


@pytest.fixture
def shared_media(shared_db, settings):
    """This process stores files where the workers look for them."""
    settings.MEDIA_ROOT = shared_db.media
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(shared_db.private)},
        },
    }
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.backend.DatabaseBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    return shared_db


def upload(clip, title):
    video = Video(title=title)
    video.original.save(clip.name, io.BytesIO(clip.read_bytes()), save=False)
    video.save()  # committed: its processing is queued
    return video


def worker(shared_db, worker_id, *options):
    return shared_db.start(
        "manage.py", "run_worker", "--no-startup-delay", "--interval", "0.2",
        "--queue-name", "media", "--worker-id", worker_id, *options, name=worker_id,
    )  # fmt: skip


def tasks_by_worker(shared_db):
    shared_db.pull()
    tasks = DBTaskResult.objects.filter(task_path=PROCESS_VIDEO)
    return {(task.worker_ids or [None])[0]: task for task in tasks}


def test_a_video_whose_worker_was_killed_is_processed_once(shared_media, tmp_path):
    clips.need_ffmpeg()
    clip = clips.video(tmp_path / "snow.mp4", seconds=6, size="854x480")
    videos = [upload(clip, "雪灾前的准备"), upload(clip, "牦牛过冬")]
    assert DBTaskResult.objects.filter(task_path=PROCESS_VIDEO, status="READY").count() == 2
    shared_media.push()

    # Two workers, each transcoding one of the videos. Each is paused as soon as its
    # ffmpeg runs (a paused worker is one still at work, its process alive); then the
    # first is killed with its ffmpeg, mid-transcode.
    workers = {"killed": worker(shared_media, "killed"), "busy": worker(shared_media, "busy")}
    transcoding = set()

    def pause_when_transcoding():
        for name, process in workers.items():
            assert process.poll() is None, output(process)
            if name not in transcoding and running_in_session(process.pid, "ffmpeg"):
                os.killpg(process.pid, signal.SIGSTOP)
                transcoding.add(name)
        return len(transcoding) == 2

    wait_until(pause_when_transcoding, 60, "both workers transcode")
    kill(workers["killed"])
    busy = workers["busy"]

    tasks = tasks_by_worker(shared_media)
    assert {w: t.status for w, t in tasks.items()} == {"killed": "RUNNING", "busy": "RUNNING"}
    assert Video.objects.get(pk=tasks["killed"].args_kwargs["args"][0]).state == "processing"

    # A worker starts again (compose's restart policy, systemd, an operator): it takes up
    # the dead worker's task, and leaves alone the one a live worker is running.
    again = shared_media.manage(
        "run_worker",
        "--batch",
        "--no-startup-delay",
        "--queue-name",
        "media",
        "--worker-id",
        "again",
    )
    assert again.returncode == 0, again.output
    tasks = tasks_by_worker(shared_media)
    assert (tasks["killed"].status, tasks["killed"].worker_ids) == (
        "SUCCESSFUL",
        ["killed", "again"],
    )
    assert (tasks["busy"].status, tasks["busy"].worker_ids) == ("RUNNING", ["busy"])

    os.killpg(busy.pid, signal.SIGCONT)  # the busy worker finishes its own video
    wait_until(
        lambda: tasks_by_worker(shared_media)["busy"].status != "RUNNING", 60, "busy finishes"
    )
    tasks = tasks_by_worker(shared_media)
    assert (tasks["busy"].status, tasks["busy"].worker_ids) == ("SUCCESSFUL", ["busy"])

    stored = []
    for video in videos:
        video.refresh_from_db()
        assert video.state == "ready" and not video.error
        assert video.small and video.large and video.duration == pytest.approx(6, abs=0.5)
        assert KepuImage.objects.filter(title=f"{video.title}（视频封面）").count() == 1
        stored += [video.small.name, video.large.name]
    # One set of renditions each, nothing left over from the run that was killed.
    videos_folder = shared_media.media / "videos"
    assert sorted(f"videos/{p.name}" for p in videos_folder.iterdir()) == sorted(stored)
