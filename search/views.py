"""The public search page (/<lang>/search/) and the JSON API (/api/search/)."""

import logging

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms import page_cache
from content.models import ChannelPage
from search import service
from search.backends.base import BackendUnavailable

logger = logging.getLogger(__name__)
# Search results may be a minute old; pages are purged precisely (cms/page_cache.py).
SEARCH_TTL = 60


@require_GET
def search_page(request):
    language = translation.get_language()
    text = request.GET.get("q", "")
    channels = list(
        ChannelPage.objects.live().filter(locale__language_code=language).select_related("topic")
    )
    context = {"query": text[: service.MAX_QUERY_LENGTH], "channels": channels, "search": None}
    status = 200
    try:
        context["search"] = service.search(
            text,
            language,
            channel=request.GET.get("channel") or None,
            kind=request.GET.get("type") or None,
            page=request.GET.get("page") or 1,
        )
    except service.InvalidSearch:
        status = 400
        context["error"] = _(
            "This search could not be understood. Check the address or search again."
        )
    except BackendUnavailable:
        logger.exception("search backend unavailable")
        status = 503
        context["error"] = _("Search is not available at the moment. Please try again later.")
    if context["search"]:
        names = {c.topic.slug: c.title for c in channels}
        results = context["search"].results
        context["channel_facets"] = [
            (slug, names.get(slug, slug), n)
            for slug, n in sorted(results.facets["channel"].items())
        ]
        context["type_facets"] = sorted(results.facets["type"].items())
    response = TemplateResponse(request, "search/search.html", context, status=status)
    return page_cache.tag(response, f"search:{language}", ttl=SEARCH_TTL)


@require_GET
def search_api(request):
    try:
        found = service.search(
            request.GET.get("q", ""),
            request.GET.get("lang", ""),
            channel=request.GET.get("channel") or None,
            kind=request.GET.get("type") or None,
            page=request.GET.get("page") or 1,
        )
    except service.InvalidSearch as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    except BackendUnavailable:
        logger.exception("search backend unavailable")
        return JsonResponse({"error": "search is temporarily unavailable"}, status=503)
    results = found.results
    response = JsonResponse(
        {
            "count": results.count,
            "page": found.query.page,
            "pages": found.pages,
            "results": [
                {
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url),
                    "locale": hit.locale,
                    "channel": hit.channel,
                    "type": hit.kind,
                    "snippet": str(hit.snippet),
                    "score": round(hit.score, 4),
                }
                for hit in results.hits
            ],
            "facets": results.facets,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    return page_cache.tag(response, f"search:{found.query.language}", ttl=SEARCH_TTL)
