"""Fast, isolated settings for the test suite. DATABASE_URL picks SQLite or PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
KEPU_DEMO = True
# The suite tests the database backend; the Elasticsearch integration tests read
# ELASTICSEARCH_URL from the environment themselves.
ELASTICSEARCH_URL = ""
