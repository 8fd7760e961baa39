"""oEmbed provider (https://oembed.com): /oembed/?url=…&format=json|xml&maxwidth=…

Only our own article and video addresses are answered; any other URL is a 404 and is
never fetched. The embed HTML is an iframe of /embed/page/<id>/ (a card for an
article, a player for a video), framed under the same partner rules as the widget.
"""

from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt

from content.models import ArticlePage, VideoPage
from content.syndication import items as data
from content.syndication.embed import frame_ancestors

DEFAULT_WIDTH, MAX_WIDTH = 640, 1280


def _our_host(host):
    hosts = {urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname}
    hosts.update(h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*")
    from wagtail.models import Site

    hosts.update(Site.objects.values_list("hostname", flat=True))
    return host in hosts


def find_page(url, request):
    """The live, public article or video at ``url`` on this site, or None."""
    if len(url) > 2000:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if not (_our_host(parts.hostname) or parts.netloc == request.get_host()):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 3:
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    for model in (ArticlePage, VideoPage):
        for page in model.objects.live().public().filter(slug=segments[-1]):
            if urlsplit(page.get_full_url(request)).path == path:
                return page
    return None


def _size(value, default, limit):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(number, limit) if number > 0 else default


@cache_control(public=True, max_age=3600)
def oembed(request):
    fmt = request.GET.get("format", "json")
    if fmt not in ("json", "xml"):
        return HttpResponse("format must be json or xml", status=501, content_type="text/plain")
    page = find_page(request.GET.get("url", ""), request)
    if page is None:
        raise Http404("not one of our articles or videos")
    data.activate(page.locale.language_code)
    width = _size(request.GET.get("maxwidth"), DEFAULT_WIDTH, MAX_WIDTH)
    width = min(width, DEFAULT_WIDTH)
    height = round(width * 9 / 16) + 96 if page.is_video else 220
    height = min(height, _size(request.GET.get("maxheight"), height, height))
    src = request.build_absolute_uri(reverse("embed_page", args=[page.pk]))
    answer = {
        "version": "1.0",
        "type": "video" if page.is_video else "rich",
        "provider_name": _("Qinghai Kepu"),
        "provider_url": request.build_absolute_uri("/"),
        "title": data.clean(page.title),
        "width": width,
        "height": height,
        "html": (
            f'<iframe src="{escape(src)}" width="{width}" height="{height}" '
            f'title="{escape(data.clean(page.title))}" style="border:0" loading="lazy"></iframe>'
        ),
    }
    if page.author:
        answer["author_name"] = data.clean(page.author)
    thumb = data.picture(page, "width-480|format-webp")
    if thumb is not None:
        answer.update(
            thumbnail_url=request.build_absolute_uri(thumb.url),
            thumbnail_width=thumb.width,
            thumbnail_height=thumb.height,
        )
    if fmt == "json":
        return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})
    root = ElementTree.Element("oembed")
    for key, value in answer.items():
        ElementTree.SubElement(root, key).text = str(value)
    xml = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(xml, content_type="text/xml; charset=utf-8")


@xframe_options_exempt
@cache_control(public=True, max_age=300)
def embed_page(request, page_id):
    """One article (as a card) or video (as a player), for an oEmbed iframe."""
    page = (
        ArticlePage.objects.live().public().filter(pk=page_id).first()
        or VideoPage.objects.live().public().filter(pk=page_id).first()
    )
    if page is None:
        raise Http404
    language = data.activate(page.locale.language_code)
    context = {"page": page, "language": language}
    if page.is_video and page.video_id and page.video.is_ready:
        context["video"] = page.video
    response = render(request, "content/embed/page.html", context)
    response["Content-Security-Policy"] = f"frame-ancestors {frame_ancestors()}"
    return response
