"""django-tasks-db's worker, which first puts back in the queue the tasks that a worker
killed mid-task left running, and holds a lock for as long as it runs so that no one
mistakes it for dead (cms/task_recovery.py). Same options as the original.

Run one worker per queue (settings.TASK_QUEUES): ``--queue-name default`` for search
indexing and cache purges, ``--queue-name media`` for transcodes and renditions, so that
an unpublish never waits behind a long video (`make run` and deploy/compose.yaml do).
A queue name the backend does not know is refused: a typo would otherwise leave a
worker polling a queue no task is ever put on, and the real one unserved.
"""

import logging

from django_tasks import task_backends
from django_tasks_db.management.commands import db_worker

from django.core.management.base import CommandError

from cms import task_recovery


class Command(db_worker.Command):
    def handle(self, *args, **options):
        known = task_backends[options["backend_name"]].queues
        asked = [name for name in options["queue_name"].split(",") if name != "*"]
        unknown = sorted(set(asked) - set(known)) if known else []
        if unknown:
            raise CommandError(
                f"unknown queue {', '.join(unknown)}: the queues are {', '.join(sorted(known))}"
            )
        with task_recovery.alive(options["worker_id"]):
            task_recovery.requeue_orphans()
            super().handle(*args, **options)

    def configure_logging(self, verbosity):
        super().configure_logging(verbosity)
        if verbosity == 0:
            # Quiet (`make run`): no line per task, but a failed task is still shown;
            # django-tasks-db's own verbosity 0 would hide failures too.
            for name in (db_worker.TASKS_LOGGER, db_worker.logger.name):
                logging.getLogger(name).setLevel(logging.WARNING)
