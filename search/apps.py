from django.apps import AppConfig


class SearchConfig(AppConfig):
    # Public site search: language analysis, backends and the search page (issue 4).
    # What to index when is decided by content/publishing.py (search.indexing.schedule).
    name = "search"
    label = "kepu_search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import health
        from search.backends import get_backend

        # /readyz reports the search backend (degraded, not down, when it fails). The
        # check is registered from here because cms.health, the core, imports nothing
        # above it.
        health.register("search", lambda: get_backend().check())
