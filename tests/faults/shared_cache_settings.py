"""The fault tests' settings with the embedded default's caches (cms/settings/base.py
without REDIS_URL: files under KEPU_VAR_DIR/cache, shared by every process), instead of
the test settings' in-memory ones."""

from cms.settings import base

from .settings import *  # noqa: F403

CACHES = base.CACHES
