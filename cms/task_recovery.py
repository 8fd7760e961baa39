"""Tasks whose worker died go back to the queue.

django-tasks-db marks a task RUNNING when a worker claims it, and only that worker marks
it finished: a worker killed mid-task (SIGKILL, the OOM killer, a lost machine) leaves
it RUNNING for ever, and its video says "processing" for ever. So every worker holds a
lock for as long as it lives, one that is released by the database server or the
operating system when the process dies: a PostgreSQL advisory lock, on a connection of
its own; on SQLite (one machine), an flock on a file beside the database. A RUNNING task
whose last worker holds no such lock is put back in the queue. ``run_worker`` does this
when it starts (cms/management/commands/run_worker.py), so the worker that compose or
systemd restarts after a crash takes up what the dead one left.

Our tasks can run again safely: indexing writes each page as it is then, and media
processing stores its outputs in one transaction at the end, so a run cut short leaves
the asset as it was. Limits: a worker on a machine that vanished keeps its PostgreSQL
lock until the server notices the connection is dead (TCP keepalive); a PostgreSQL
restart ends the lock connection of a live worker too, so a task it is running then may
be queued again and run twice (harmless for the tasks above).
"""

import fcntl
import hashlib
import logging
from contextlib import contextmanager
from pathlib import Path

from django_tasks_db.models import DBTaskResult

from django.db import connections, router

logger = logging.getLogger(__name__)


def _database():
    return connections[router.db_for_write(DBTaskResult)]


def _pg_key(worker_id):
    digest = hashlib.sha256(f"kepu-task-worker:{worker_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _lock_file(database, worker_id):
    folder = Path(f"{database.settings_dict['NAME']}.workers")
    return folder / (hashlib.sha256(worker_id.encode()).hexdigest()[:32] + ".lock")


def _shared_sqlite(database):
    return database.vendor == "sqlite" and not database.is_in_memory_db()


@contextmanager
def alive(worker_id):
    """Hold ``worker_id``'s lock while the block runs (the worker's whole life)."""
    database = _database()
    if database.vendor == "postgresql":
        holder = connections.create_connection(database.alias)
        try:
            with holder.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [_pg_key(worker_id)])
            yield
        finally:
            holder.close()
    elif _shared_sqlite(database):
        path = _lock_file(database, worker_id)
        path.parent.mkdir(exist_ok=True)
        with path.open("a") as handle:  # not inherited by ffmpeg (close-on-exec)
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                path.unlink(missing_ok=True)
    else:
        yield  # one process (an in-memory test database): no other worker to watch


def _gone(database, worker_id):
    """Whether the worker ``worker_id`` no longer runs (its lock is free)."""
    if database.vendor == "postgresql":
        key = _pg_key(worker_id)
        with database.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if not cursor.fetchone()[0]:
                return False
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return True
    path = _lock_file(database, worker_id)
    try:
        handle = path.open("r")
    except FileNotFoundError:
        return True
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        path.unlink(missing_ok=True)
    return True


def requeue_orphans():
    """Put the tasks left RUNNING by dead workers back in the queue; their ids."""
    database = _database()
    if database.vendor != "postgresql" and not _shared_sqlite(database):
        return []
    requeued = []
    tasks = DBTaskResult.objects.using(database.alias)
    for task in tasks.running().only("pk", "worker_ids", "started_at", "task_path"):
        worker = task.worker_ids[-1] if task.worker_ids else ""
        if worker and not _gone(database, worker):
            continue
        # Unless another pass or a worker has moved it on meanwhile.
        still = tasks.filter(pk=task.pk, status="RUNNING", started_at=task.started_at)
        if still.update(status="READY"):
            logger.warning(
                "task %s (%s) was left running by worker %s, which is gone: queued again",
                task.pk,
                task.task_path,
                worker or "?",
            )
            requeued.append(task.pk)
    return requeued
