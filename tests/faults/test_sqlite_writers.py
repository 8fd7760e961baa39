"""`make run` on SQLite: the server, the task worker and the scheduler write one database
file at once (issue 14, item 16). A publish made while the worker indexes must not fail
with "database is locked": the settings put SQLite in WAL mode, make a writer wait for
another (busy timeout) and take the write lock when a transaction begins (IMMEDIATE), so
that no transaction fails half-way when it first writes.

Two processes on one file, as `make run` has them: ``run_worker`` indexing every publish,
and a publisher saving and publishing revisions as fast as it can.
"""

import sqlite3

import pytest

from django.db import connection

from content.models import ArticlePage

from .conftest import output, wait_until

PAGES = 6
PUBLISHES = 60

PUBLISHER = f"""
from content import publish_gate
from content.models import ArticlePage

pages = list(ArticlePage.objects.filter(slug__startswith="writers-").order_by("pk"))
with publish_gate.operator("test: publish while the worker indexes"):
    for n in range({PUBLISHES}):
        page = ArticlePage.objects.get(pk=pages[n % len(pages)].pk)
        page.title = f"writers {{n}}"
        page.save_revision().publish()
print("published", {PUBLISHES})
"""


def pending(path):
    with sqlite3.connect(path, timeout=30) as db:
        return db.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
        ).fetchone()[0]


def test_publishing_while_the_worker_indexes_never_meets_a_locked_database(shared_db, make_article):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's file locking is what this is about")
    for n in range(PAGES):
        make_article("zh-hans", slug=f"writers-{n}")
    shared_db.push()

    worker = shared_db.start(
        "manage.py", "run_worker", "--interval", "0.01", "--no-startup-delay", name="worker"
    )
    publisher = shared_db.manage("shell", "-c", PUBLISHER, timeout=300)
    assert publisher.returncode == 0, publisher.output
    assert f"published {PUBLISHES}" in publisher.output
    wait_until(lambda: pending(shared_db.path) == 0, 120, "the worker indexed every publish")
    assert worker.poll() is None, output(worker)  # still running: it never crashed
    assert "database is locked" not in output(worker) + publisher.output

    shared_db.pull()
    from django_tasks_db.models import DBTaskResult

    results = DBTaskResult.objects.filter(task_path="search.indexing.sync_pages")
    assert results.count() >= PUBLISHES
    assert set(results.values_list("status", flat=True)) == {"SUCCESSFUL"}
    last = ArticlePage.objects.get(slug=f"writers-{(PUBLISHES - 1) % PAGES}")
    assert last.live and last.title == f"writers {PUBLISHES - 1}"
