"""One slow job does not stall the site's other work (issue 14, item 11): real
`manage.py run_worker` processes, one per queue as `make run` and deploy/compose.yaml
start them, on a database that other processes share.

The media worker is busy with a job that would take minutes (a stand-in for a long
transcode, tests/faults/slow_tasks.py); meanwhile an editor unpublishes a page, in a
process of its own as in the admin. What a reader sees: within seconds the page is no
longer in the search results, whatever the media queue holds, while the media job is
still running.
"""

import io
import time

import pytest
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.core.cache import caches
from django.core.management import CommandError, call_command

from search.indexing import sync
from tests.faults import slow_tasks

from .conftest import output, wait_until

SYNC = "search.indexing.sync_pages"
HOLD = "tests.faults.slow_tasks.hold_the_media_worker"
# The workers as `make run` starts them (Makefile) and compose runs them.
WORKERS = {"default": ["--queue-name", "default"], "media": ["--queue-name", "media"]}
LAG_LIMIT = 20  # seconds, on a loaded two-core CI machine; the bench measures the real lag


@pytest.fixture
def queue_settings(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.backend.DatabaseBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    return settings


@pytest.fixture
def database_queue(shared_db, queue_settings):
    return shared_db


def found(client, page):
    # Here each process has its own page cache; the purge was made in the worker's.
    caches[settings.KEPU_PAGE_CACHE].clear()
    response = client.get("/api/search/", {"q": page.title, "lang": "zh-hans"})
    return [hit["title"] for hit in response.json()["results"]]


def task(path):
    return DBTaskResult.objects.filter(task_path=path).order_by("-enqueued_at").first()


def test_an_unpublish_leaves_search_while_a_long_media_job_runs(
    live_site, database_queue, make_article, client
):
    page = make_article("zh-hans", topic="health", slug="snow-disaster", title="雪灾来了怎么办")
    DBTaskResult.objects.all().delete()
    sync([page.pk])  # indexed, as the default worker would have done
    assert found(client, page) == ["雪灾来了怎么办"]

    slow_tasks.hold_the_media_worker.enqueue(600)  # ten minutes of "transcoding"
    database_queue.push()
    workers = {
        name: database_queue.start(
            "manage.py",
            "run_worker",
            "--no-startup-delay",
            "--interval",
            "0.2",
            *options,
            "--worker-id",
            name,
            name=f"worker-{name}",
        )  # fmt: skip
        for name, options in WORKERS.items()
    }

    def media_job_running():
        for worker in workers.values():
            assert worker.poll() is None, output(worker)
        database_queue.pull()
        return task(HOLD).status == "RUNNING"

    wait_until(media_job_running, 60, "the media job runs")

    # The editor unpublishes, in another process (the admin's), while the job runs.
    unpublish = database_queue.manage(
        "shell", "-c",
        f"from wagtail.models import Page; Page.objects.get(pk={page.pk}).specific.unpublish()",
    )  # fmt: skip
    assert unpublish.returncode == 0, unpublish.output
    unpublished = time.monotonic()

    def reindexed():
        database_queue.pull()
        sync_task = task(SYNC)
        return sync_task is not None and sync_task.status == "SUCCESSFUL"

    wait_until(reindexed, LAG_LIMIT, "the unpublished page's reindex")
    lag = time.monotonic() - unpublished
    assert found(client, page) == [], f"still found {lag:.1f} s after the unpublish"
    assert task(HOLD).status == "RUNNING"  # the long job was still at work meanwhile
    assert task(SYNC).worker_ids == ["default"]


@pytest.mark.parametrize("queues", ["medai", "default,mediaa"])
def test_a_worker_for_a_queue_that_does_not_exist_is_refused(db, queue_settings, queues):
    """A typo would leave a worker polling a queue no task is put on, and the real
    queue unserved: the worker refuses to start instead."""
    with pytest.raises(CommandError, match="unknown queue"):
        call_command("run_worker", "--queue-name", queues, "--batch", stdout=io.StringIO())
