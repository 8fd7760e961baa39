from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "内容"

    def ready(self):
        from content import cache_purge

        cache_purge.connect()
