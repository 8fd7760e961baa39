"""Search backend unreachable: Elasticsearch configured at a loopback port where nothing
listens (a stopped or unreachable cluster).

What an editor sees: publishing works as usual, the page is live at once. What a reader
sees: the search page says, in the page's language, that search is not available for the
moment (503 with the site's own page, never a server error); the JSON API answers 503
with an error message; /readyz reports search down but the site ready (200, degraded).
The indexing task that failed is queued again with a delay, and once search is back the
queue catches up: the page is found, without anyone rebuilding the index.
"""

import io
import signal
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from wagtail.models import PageLogEntry

from search.backends import get_backend

from .conftest import free_port

SYNC = "search.indexing.sync_pages"
DOWN = {
    "zh-hans": "搜索暂时不可用，请稍后再试。",
    "bo": "གནས་སྐབས་སུ་འཚོལ་ཞིབ་བྱེད་མི་ཐུབ།",
}


@pytest.fixture
def search_down(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.backend.DatabaseBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    get_backend.cache_clear()
    yield settings
    get_backend.cache_clear()


def run_queue():
    """What the task worker does: every task that is due, then exit."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("run_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def sync_tasks(page):
    return DBTaskResult.objects.filter(task_path=SYNC, args_kwargs__args__0=[page.pk])


def test_publishing_works_search_says_so_and_the_queue_catches_up(
    live_site, search_down, make_article, client
):
    # Created and published in one transaction, as one editor's "publish" is: one
    # indexing task (each save of a draft outside it is indexed on its own).
    with transaction.atomic():
        page = make_article("zh-hans", topic="health", slug="snow-disaster", title="雪灾来了怎么办")
    page.refresh_from_db()
    assert page.live and page.revisions.count() == 1
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    assert "雪灾来了怎么办" in client.get(page.url).content.decode()
    [queued] = sync_tasks(page)
    assert queued.status == "READY"

    run_queue()  # the worker tries: Elasticsearch refuses the connection
    retry = sync_tasks(page).get(status="READY")
    assert retry.args_kwargs["args"] == [[page.pk], 2]
    assert retry.run_after > timezone.now() + timedelta(seconds=20)  # retried later, not lost

    for language, message in DOWN.items():
        response = client.get(f"/{language}/search/", {"q": "雪灾"})
        assert response.status_code == 503
        assert message in response.content.decode()
    response = client.get("/api/search/", {"q": "雪灾", "lang": "zh-hans"})
    assert response.status_code == 503
    assert response.json() == {"error": "search is temporarily unavailable"}

    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded"
    assert {name: check["state"] for name, check in ready.json()["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "search": "down",
        "task_queue": "ok",
    }

    # Search is back (the database backend here), and the retry's time has come.
    search_down.ELASTICSEARCH_URL = ""
    get_backend.cache_clear()
    sync_tasks(page).filter(status="READY").update(run_after=timezone.now())
    run_queue()

    assert not DBTaskResult.objects.ready().exists()
    assert not sync_tasks(page).filter(status="FAILED").exists()
    found = client.get("/api/search/", {"q": "雪灾", "lang": "zh-hans"})
    assert found.status_code == 200
    assert [hit["title"] for hit in found.json()["results"]] == ["雪灾来了怎么办"]
    html = client.get("/zh-hans/search/", {"q": "雪灾"})
    assert html.status_code == 200
    assert "<mark>雪灾</mark>来了怎么办" in html.content.decode()  # the result, marked
    assert client.get("/readyz").json()["status"] == "ok"
