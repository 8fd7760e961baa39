"""Reading preferences, chosen by the reader and kept in cookies; all work without JS.

- lite: text first: no pictures (a link with the picture's size instead), no video
  poster, no font preloading, for metered data. The Tibetan and Mongolian fonts still
  load when the text needs them (older phones have none; they are cached once). On automatically when the
  browser sends ``Save-Data: on``, unless the reader turned it off.
- large: large text and strong contrast, following the elderly-friendly (适老化)
  guidance: bigger type, black on white, underlined links, large tap targets.

The full-page cache keys on the mode they give (``variant``), not on their raw values
(cms/page_cache.py).
"""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

LITE, LARGE = "kepu_lite", "kepu_large"
COOKIES = (LITE, LARGE)
YEAR = 365 * 24 * 3600


def preferences(request):
    lite_cookie = request.COOKIES.get(LITE)
    # (request.headers would copy every header first: this runs on every cached hit)
    save_data = request.META.get("HTTP_SAVE_DATA", "").lower() == "on"
    return {
        "lite": lite_cookie == "1" or (save_data and lite_cookie != "0"),
        "large": request.COOKIES.get(LARGE) == "1",
    }


def variant(request):
    """The reading mode as the page cache keys it: four values, whatever the cookies
    and headers hold (anything but their known values reads as absent)."""
    chosen = preferences(request)
    return ("lite" if chosen["lite"] else "") + ("|large" if chosen["large"] else "")


def context(request):
    return {"reading": preferences(request)}


@require_GET
def choose(request):
    """/prefs/?lite=1|0&large=1|0&next=/bo/…: remember the choice, go back."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    for name, cookie in (("lite", LITE), ("large", LARGE)):
        value = request.GET.get(name)
        if value in ("0", "1"):
            response.set_cookie(cookie, value, max_age=YEAR, samesite="Lax", httponly=True)
    response["Cache-Control"] = "no-store"
    return response
