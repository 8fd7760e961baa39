"""Site-wide views: the language chooser at ``/`` and the error pages."""

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers

from cms import languages


@vary_on_headers("Accept-Language", "Cookie")
@never_cache
def choose_language(request):
    """Send ``/`` to the visitor's language home, from the cookie or Accept-Language."""
    code = translation.get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{languages.get(code).code}/")


def _language_from_path(request):
    code = translation.get_language_from_path(request.path_info)
    return code or languages.DEFAULT


def page_not_found(request, exception=None):
    if request.path_info.startswith("/api/"):
        # API clients read JSON, also for an address no endpoint answers (/api/v2/pages/x/).
        return JsonResponse({"message": "not found"}, status=404)
    with translation.override(_language_from_path(request)):
        body = loader.render_to_string("404.html", request=request)
    return _html_response(body, status=404)


def server_error(request):
    # Rendered without context processors or database: the error may be the database.
    code = _language_from_path(request)
    with translation.override(code):
        body = loader.get_template("500.html").render({"language": languages.get(code)})
    return _html_response(body, status=500)


def _html_response(body, status):
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
