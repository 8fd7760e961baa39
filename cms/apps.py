from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Qinghai Kepu site"

    def ready(self):
        # login_throttle and public_url connect their signal receivers when imported.
        from . import languages, login_throttle, public_url, spreadsheets  # noqa: F401

        languages.register_language_info()
        spreadsheets.protect_wagtail_exports()  # no formulas in CSV exports
