from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Qinghai Kepu site"

    def ready(self):
        from . import languages, login_throttle  # noqa: F401 (connects its signal receivers)

        languages.register_language_info()
