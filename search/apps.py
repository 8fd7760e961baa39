from django.apps import AppConfig


class SearchConfig(AppConfig):
    # Public site search: language analysis, backends and the search page (issue 4).
    name = "search"
    label = "kepu_search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import signal_handlers

        signal_handlers.register()
