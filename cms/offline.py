"""Offline reading: the service worker (/sw.js) and the offline page of each language.

The worker is a template so that it knows the hashed static URLs of this release; its
version is a hash of what it precaches, so a release replaces the old shell. It must be
served from / to control every page. See cms/templates/offline/sw.js.
"""

import hashlib

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from cms import languages

MAX_ARTICLES = 50


@require_GET
def service_worker(request):
    shell = [static("css/site.css"), *(f"/{lang.code}/offline/" for lang in languages.LANGUAGES)]
    version = hashlib.sha256("|".join(shell).encode()).hexdigest()[:12]
    script = render_to_string(
        "offline/sw.js",
        {
            "shell": shell,
            "version": version,
            "max_articles": MAX_ARTICLES,
            "languages": languages.CODES,
        },
    )
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"  # browsers check for a new worker every visit
    return response


@require_GET
def offline_page(request):
    return render(request, "offline/offline.html")
