"""django-tasks-db's worker, which first puts back in the queue the tasks that a worker
killed mid-task left running, and holds a lock for as long as it runs so that no one
mistakes it for dead (content/task_recovery.py). Same options as the original."""

from django_tasks_db.management.commands import db_worker

from content import task_recovery


class Command(db_worker.Command):
    def handle(self, *args, **options):
        with task_recovery.alive(options["worker_id"]):
            task_recovery.requeue_orphans()
            super().handle(*args, **options)
