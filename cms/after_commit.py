"""Work left by a change for after its transaction commits: the one way the project does
it (docs/adr/0015-layers.md).

- ``enqueue(task, *args)`` hands a task to the queue (django-tasks) once the transaction
  has committed: the worker must find the rows it is asked to work on, and a rolled-back
  change must start no work. An enqueue that fails (the queue's database unreachable) is
  logged and never raises: the save that asked for it has succeeded, and each kind of
  work has its own way to catch up (``search_rebuild``, an asset's "process again"
  button, renditions made on first use).
- ``gather(run, items)``: a change that leaves work for later (purging cached pages,
  indexing pages) often comes many times in one transaction (an import of 50 pages
  publishes 50 times). It adds ``items`` to the transaction's batch for ``run``; once the
  transaction has committed, ``run`` is called once with all of them (at once when there
  is no transaction). A rolled-back change adds nothing.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args, what=""):
    """Enqueue ``task(*args)`` after the current transaction commits (at once when there
    is none). ``what`` names the work in the log line of a failed enqueue."""

    def run():
        enqueue_now(task, *args, what=what)

    transaction.on_commit(run)


def enqueue_now(task, *args, what=""):
    """Enqueue ``task(*args)``, logging (not raising) a failure: for work that already
    runs after the commit (a ``gather`` batch)."""
    try:
        task.enqueue(*args)
    except Exception:
        logger.exception("could not enqueue %s", what or task.name)


class _Batch:
    def __init__(self, run):
        self.run, self.items, self.done = run, set(), False


class _Callback:
    """One commit callback per change, all sharing their transaction's batch: the first
    to run after the commit does the work for all, the others find it done. Each change
    registers its own so that the batch still runs when the savepoint that registered an
    earlier one is rolled back (its callback is dropped with it)."""

    def __init__(self, batch):
        self.batch = batch

    def __call__(self):
        if not self.batch.done:
            self.batch.done = True
            self.batch.run(self.batch.items)


def gather(run, items, using=None):
    """Call ``run(set of items)`` once after the current transaction commits, with the
    ``items`` of every call made for the same ``run`` (a module-level function: batches
    are told apart by it) in that transaction."""
    items = set(items)
    if not items:
        return
    batch = None
    # The newest callback for ``run`` belongs to this transaction, if any does; one that
    # has already run (a test running callbacks early) starts a new batch.
    for _savepoints, func, _robust in reversed(transaction.get_connection(using).run_on_commit):
        if isinstance(func, _Callback) and func.batch.run is run:
            batch = None if func.batch.done else func.batch
            break
    batch = batch or _Batch(run)
    batch.items |= items
    transaction.on_commit(_Callback(batch), using=using)
