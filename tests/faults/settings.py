"""Settings for the processes that the fault tests start (task worker, scheduler, import,
gunicorn): the test settings, with the database task queue that production uses, and the
media folders shared with the test (the test settings make a new private folder in each
process)."""

import os

from cms.settings.test import *  # noqa: F403

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.backend.DatabaseBackend",
        "QUEUES": TASK_QUEUES,  # noqa: F405
    }
}
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ["KEPU_PRIVATE_ROOT"], "base_url": "/no-public-url/"},
    },
}
