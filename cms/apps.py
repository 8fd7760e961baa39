from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Qinghai Kepu site"

    def ready(self):
        # login_throttle connects its signal receivers when imported.
        from . import languages, login_throttle, spreadsheets  # noqa: F401

        languages.register_language_info()
        spreadsheets.protect_wagtail_exports()  # no formulas in CSV exports
