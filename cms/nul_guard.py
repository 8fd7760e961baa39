"""The last line against NUL bytes: a request whose path or query string holds one is a
400, before any view, cache or middleware below passes it to the database.

PostgreSQL refuses NUL in text ("cannot contain NUL (0x00) bytes": a DataError, a 500
and a long traceback), SQLite accepts it, so the same address behaved differently on
the two. Each public view checks its own parameters (cms/params.py) and says which one
is wrong; this catches what a view forgets, and the paths no view reads (the redirects
table is looked up by path on every 404).
"""

from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from cms import languages


def has_nul(request):
    if "\x00" in request.path_info:
        return True
    return any("\x00" in name or "\x00" in "".join(v) for name, v in request.GET.lists())


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            return refuse(request)
        return self.get_response(request)


def refuse(request):
    if request.path_info.startswith("/api/"):
        # Wagtail's API says "message", /api/search/ says "error": both, for either client.
        message = "NUL characters are not allowed"
        return JsonResponse({"message": message, "error": message}, status=400)
    code = translation.get_language_from_path(request.path_info) or languages.DEFAULT
    with translation.override(code):
        message = _("This address contains characters that cannot be read. Check the address.")
    response = HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    response["Content-Language"] = languages.get(code).html_lang
    return response
