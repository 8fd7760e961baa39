from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Qinghai Kepu site"

    def ready(self):
        from . import languages

        languages.register_language_info()
