from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import offline, reading, views
from content import serve as page_serve
from content.syndication.api import api_router
from media import serve as media_serve
from search import views as search_views

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/search/", search_views.search_api, name="search_api"),
    path("prefs/", reading.choose, name="reading_prefs"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("api/v2/", api_router.urls),
    path("", include("content.syndication.urls")),
    path("", include("cms.identity")),  # web app manifests, /favicon.ico
    path("", views.choose_language, name="choose_language"),
]

if "FileSystemStorage" in settings.STORAGES["default"]["BACKEND"]:
    # Uploaded files on this server's disk (no S3): served with range requests.
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", media_serve.serve, name="media"))

# Every public page lives under its language prefix: /zh-hans/, /bo/, /mn/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search_page, name="search"),
    path("offline/", offline.offline_page, name="offline"),
    # Wagtail's _util/ views (password form, login), without its page pattern: that is
    # [\w-]+ per segment, which refuses Tibetan vowel signs and subjoined letters (marks).
    # Pages are routed from any segment (docs/adr/0010-readable-slugs.md), by Wagtail's
    # view with the home found in one query (content/serve.py).
    path("", include([p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"])),
    re_path(r"^((?:[^/]+/)*)$", page_serve.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
