"""The web app manifest of each language and /favicon.ico (docs/operators.md, "Site
identity"). Both are small, public and the same for every reader of a language, so
browsers may keep them a day.

``/<lang>/manifest.webmanifest`` names the site in that language, starts at its home
page and says its language; ``/manifest.webmanifest`` is the Chinese one. The icons are
committed PNGs drawn by tools/draw_icons.py.
"""

import json
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import path, re_path
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from cms import languages

THEME = "#12405e"  # the header's colour
BACKGROUND = "#fffdf8"  # the page's paper colour (site.css --paper)
ICONS = Path(__file__).resolve().parent / "static" / "icons"
DAY = 24 * 3600


def manifest_for(code):
    lang = languages.get(code)
    with translation.override(lang.code):
        name = gettext("Qinghai Kepu")
        description = gettext(
            "Qinghai Kepu: popular science for Qinghai's farming and pastoral areas."
        )
    home = f"/{lang.code}/"
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        # The mark sits inside the square's safe zone: Android may crop it to a circle.
        {
            "src": static("icons/icon-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    return {
        "id": home,
        "name": name,
        "short_name": name,
        "description": description,
        "lang": lang.html_lang,
        "dir": "ltr",  # vertical Mongolian is written left to right, column by column
        "start_url": home,
        "scope": home,
        "display": "standalone",
        "theme_color": THEME,
        "background_color": BACKGROUND,
        "icons": icons,
    }


@require_GET
def manifest(request, code=languages.DEFAULT):
    body = json.dumps(manifest_for(code), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/manifest+json; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={DAY}"
    return response


@cache
def _favicon():
    return (ICONS / "favicon.ico").read_bytes()


@require_GET
def favicon(request):
    """Browsers, feed readers and crawlers ask for /favicon.ico whatever the page says."""
    response = HttpResponse(_favicon(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = f"public, max-age={DAY}"
    return response


_codes = "|".join(languages.CODES)
urlpatterns = [
    path("manifest.webmanifest", manifest, name="web_manifest"),
    re_path(rf"^(?P<code>{_codes})/manifest\.webmanifest$", manifest, name="web_manifest_lang"),
    path("favicon.ico", favicon, name="favicon"),
]
