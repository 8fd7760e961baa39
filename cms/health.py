"""Liveness and readiness for load balancers and orchestrators.

/healthz answers while the process can serve Python at all (no database touched), so a
restart is only ordered for a wedged worker. /readyz checks each part the site uses and
says which is at fault. Only the database and the cache make the site unable to serve
pages (503); object storage, search and the task queue make it degraded (still 200):
pages render, and search or uploads say clearly what is wrong.

The core's own parts are checked here; a part that lives above the core registers its
check from its AppConfig.ready() (``register``: search does, in search/apps.py), so that
this module imports nothing above it.

django-health-check (4.8) was considered and not used: it answers 500 when any check
fails, where a search or storage outage must leave the machine in the load balancer
(200, "degraded"); it has no check of the task queues' lag per queue; and its answer
is not the JSON (each part's state, error and time) that docs/deploy.md documents and
the fault and smoke tests read. Its database, cache and storage checks are the few
lines below, and the middleware that answers probes by IP address would still be ours.
"""

import logging
import time
import uuid
from datetime import timedelta

from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

# A task waiting longer than this means no worker is taking tasks.
# How long a task may wait, per queue. Search and cache work must never wait long; the
# media queue holds transcodes of uploads up to 3 hours, one after another, so a backlog
# there is normal for hours (a dead media worker shows after that).
QUEUE_LAG_LIMITS = {"default": timedelta(minutes=10), "media": timedelta(hours=6)}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key = f"readyz:{uuid.uuid4().hex}"
    for alias in ("default", "pages"):
        cache = caches[alias]
        cache.set(key, "1", 10)
        if cache.get(key) != "1":
            raise RuntimeError(f"cache {alias!r} did not keep a value")
        cache.delete(key)


def _storage():
    default_storage.exists("readyz-probe")


def _task_queue():
    from django_tasks_db.models import DBTaskResult

    for queue, limit in QUEUE_LAG_LIMITS.items():
        oldest = DBTaskResult.objects.ready().filter(queue_name=queue).order_by("enqueued_at")
        oldest = oldest.first()
        if oldest is not None and timezone.now() - oldest.enqueued_at > limit:
            minutes = int((timezone.now() - oldest.enqueued_at).total_seconds() // 60)
            raise RuntimeError(
                f"oldest waiting {queue} task enqueued {minutes} min ago: is its worker running?"
            )


# name -> (check, whether the site cannot serve pages without it)
CHECKS = {
    "database": (_database, True),
    "cache": (_cache, True),
    "storage": (_storage, False),
    "task_queue": (_task_queue, False),
}


def register(name, check, essential=False):
    """Add a part to /readyz: ``check()`` raises when the part is down. ``essential``:
    the site cannot serve pages without it (503), else it is only degraded (200)."""
    CHECKS[name] = (check, essential)


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    checks, ready, degraded = {}, True, False
    for name, (check, essential) in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as exc:  # each part's failure is reported, never raised
            logger.warning("readyz: %s failed: %s", name, exc)
            checks[name] = {"state": "down", "error": str(exc)[:300]}
            ready = ready and not essential
            degraded = True
        else:
            checks[name] = {"state": "ok"}
        checks[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    status = "ok" if not degraded else ("degraded" if ready else "down")
    return JsonResponse({"status": status, "checks": checks}, status=200 if ready else 503)


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before anything reads the Host header: load
    balancers and orchestrators probe by IP address, which ALLOWED_HOSTS (rightly)
    refuses everywhere else."""

    VIEWS = {"/healthz": healthz, "/readyz": readyz}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = self.VIEWS.get(request.path_info)
        return view(request) if view is not None else self.get_response(request)
