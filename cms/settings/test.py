"""Fast, isolated settings for the test suite. DATABASE_URL picks SQLite or PostgreSQL."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,  # noqa: F405
    }
}
KEPU_DEMO = True
# The suite tests the database backend; the Elasticsearch integration tests read
# ELASTICSEARCH_URL from the environment themselves.
ELASTICSEARCH_URL = ""
# Private originals in a temporary folder, not the developer's var/private.
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="kepu-test-private-")},
    },
}
# Renditions are made when a page needs them; the tests of pre-generation turn this on.
KEPU_PREGENERATE_RENDITIONS = False
