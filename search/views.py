"""The public search page (/<lang>/search/) and the JSON API (/api/search/)."""

import logging

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms import page_cache, params
from cms.public_url import absolute
from search import addresses, documents, service
from search.backends.base import BackendUnavailable

logger = logging.getLogger(__name__)
# Search results may be a minute old; pages are purged precisely (cms/page_cache.py).
SEARCH_TTL = 60


def _search(query, language):
    """Run the search a query string asks for. The words are searched as typed (control
    characters dropped, cut to MAX_QUERY_LENGTH); a channel, type or page that cannot be
    one raises BadParameter or InvalidSearch, before anything reaches the database.
    Other parameters are never read."""
    return service.search(
        params.words(query, "q", service.MAX_QUERY_LENGTH),
        language,
        channel=params.text(query, "channel", max_length=100) or None,
        kind=params.text(query, "type", max_length=20) or None,
        page=params.integer(query, "page", default=1, minimum=1, maximum=service.MAX_PAGE),
    )


@require_GET
def search_page(request):
    language = translation.get_language()
    text = params.words(request.GET, "q", service.MAX_QUERY_LENGTH)
    context = {"query": text, "search": None}
    status = 200
    try:
        context["search"] = _search(request.GET, language)
    except (service.InvalidSearch, params.BadParameter):
        status = 400
        context["error"] = _(
            "This search could not be understood. Check the address or search again."
        )
    except BackendUnavailable:
        logger.exception("search backend unavailable")
        status = 503
        context["error"] = _("Search is not available at the moment. Please try again later.")
    # The language switcher and the channel and page links repeat the reader's search
    # (search/addresses.py).
    context["asked"] = addresses.asked(text, context["search"])
    context["alternate_query"] = addresses.carried(context["asked"])
    results = context["search"].results if context["search"] else None
    # The channels (their names for the facets, links when nothing is found) come from
    # the pages layer, which registered itself (search/documents.py). Asked only when
    # the page shows them: the facets are shown when the results are in several
    # channels or one was chosen (search.html), the links when nothing was found.
    shows_facets = results is not None and (
        len(results.facets["channel"]) > 1 or bool(request.GET.get("channel"))
    )
    channels = []
    if shows_facets or not (results and results.hits):
        channels = documents.source().channels(language, request)
    context["channels"] = channels
    if results is not None:
        names = {c.slug: c.title for c in channels}
        context["channel_facets"] = (
            [
                (slug, names.get(slug, slug), n)
                for slug, n in sorted(results.facets["channel"].items())
            ]
            if shows_facets
            else []
        )
        context["type_facets"] = sorted(results.facets["type"].items())
    response = TemplateResponse(request, "search/search.html", context, status=status)
    return page_cache.tag(response, f"search:{language}", ttl=SEARCH_TTL)


@require_GET
def search_api(request):
    try:
        found = _search(request.GET, params.text(request.GET, "lang", max_length=20))
    except (service.InvalidSearch, params.BadParameter) as exc:
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
                    "url": absolute(hit.url),
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
