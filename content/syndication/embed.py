"""The embeddable channel widget: /embed/<lang>/ and /embed/<lang>/<channel>/.

A compact page meant for an iframe on a partner's site: the latest items with
thumbnail, date and channel, each opening the full article on our site in a new tab.
Query options: limit (1–20), theme (light|dark), layout (list|cards), fallback (a
language whose items are shown when the requested one has none). It may be framed only
by registered partners' origins (Content-Security-Policy: frame-ancestors), or by any
origin when KEPU_EMBED_ALLOW_ANY_ORIGIN is set. It tells embed.js its height by
postMessage, to the origin embed.js gave it, and to no other; embed.js shows the frame
only once that message came, and puts a link to the channel in place of a frame the
browser refused (docs/adr/0008-syndication.md).
"""

import functools
import json
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt

from cms import languages, params
from cms.cache_params import EMBED_LAYOUTS, EMBED_LIMIT, EMBED_MAX_LIMIT, EMBED_THEMES
from content.models import Partner

from . import items as data


def options(query):
    """The widget options from a query string; anything unknown falls back to defaults
    (cms/cache_params.py owns them)."""
    try:
        limit = min(max(int(query.get("limit", EMBED_LIMIT)), 1), EMBED_MAX_LIMIT)
    except (TypeError, ValueError):
        limit = EMBED_LIMIT
    theme = query.get("theme") if query.get("theme") in EMBED_THEMES else EMBED_THEMES[0]
    layout = query.get("layout") if query.get("layout") in EMBED_LAYOUTS else EMBED_LAYOUTS[0]
    return {"limit": limit, "theme": theme, "layout": layout}


def frame_ancestors():
    if getattr(settings, "KEPU_EMBED_ALLOW_ANY_ORIGIN", False):
        return "*"
    return " ".join(["'self'", *Partner.allowed_origins()])


def parent_origin(value):
    """The origin embed.js says it runs on, if it is one; the browser delivers our
    messages only if the parent really has that origin."""
    parts = params.parse_url(value or "")
    if parts is None:
        return ""
    if parts.scheme in ("http", "https") and parts.netloc and not parts.path.strip("/"):
        return f"{parts.scheme}://{parts.netloc}"
    return ""


@xframe_options_exempt
@cache_control(public=True, max_age=300)
def widget(request, lang, channel=None):
    parent = data.scope(lang, channel)
    if parent is None:
        raise Http404("no such language or channel")
    chosen = options(request.GET)
    entries = data.items(parent, chosen["limit"])
    shown_lang = lang
    fallback = request.GET.get("fallback", "")
    if not entries and fallback in languages.BY_CODE and fallback != lang:
        other = data.scope(fallback, channel)
        if other is not None:
            parent, entries, shown_lang = other, data.items(other, chosen["limit"]), fallback
    language = data.activate(shown_lang)
    with translation.override(shown_lang):
        response = render(
            request,
            "content/embed/widget.html",
            {
                "language": language,
                "parent": parent,
                "entries": entries,
                "options": chosen,
                "frame_id": request.GET.get("id", "")[:40],
                "parent_origin": parent_origin(request.GET.get("origin")),
            },
        )
    response["Content-Security-Policy"] = f"frame-ancestors {frame_ancestors()}"
    response["Content-Language"] = language.html_lang
    return response


SOURCE = Path(__file__).with_name("embed.js").read_text(encoding="utf-8")


@functools.cache
def script_text():
    """embed.js with our name in each language, from the catalogues: the link it puts in
    place of a frame the browser refused (an unregistered site) says where it leads."""
    names = {}
    for language in languages.LANGUAGES:
        with translation.override(language.code):
            names[language.code] = [language.html_lang, str(_("Qinghai Kepu"))]
    # ASCII escapes: the partner's page may declare another charset than ours.
    return SOURCE.replace("/*names*/{}", json.dumps(names, separators=(",", ":"))).encode()


@cache_control(public=True, max_age=3600)
def script(request):
    """embed.js at a fixed address (partners paste it once; static files are renamed
    with their hash on every release)."""
    response = HttpResponse(script_text(), content_type="text/javascript; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response
