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

from cms import params
from cms.public_url import absolute
from content.models import ArticlePage, VideoPage
from content.restrictions import public
from content.syndication import items as data
from content.syndication.embed import frame_ancestors

DEFAULT_WIDTH, MAX_WIDTH = 640, 1280


def _our_host(host):
    hosts = {urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname}
    hosts.update(h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*")
    from wagtail.models import Site

    hosts.update(Site.objects.values_list("hostname", flat=True))
    return host in hosts


def find_page(parts, request):
    """The live, public article or video at ``parts`` (a parsed URL, see
    cms.params.url) on this site, or None."""
    if len(parts.geturl()) > 2000:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if not (_our_host(parts.hostname) or parts.netloc == request.get_host()):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 3:
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    for model in (ArticlePage, VideoPage):
        for page in public(model.objects.live()).filter(slug=segments[-1]):
            if urlsplit(page.get_full_url(request)).path == path:
                return page
    return None


def _size(query, name, default, limit):
    """maxwidth/maxheight are hints (oEmbed): anything above ``limit`` is ``limit``, and
    a value that is not a positive whole number is ignored."""
    try:
        number = params.integer(query, name, default, minimum=-params.MAX_ID)
    except params.BadParameter:
        return default
    return min(number, limit) if number is not None and number > 0 else default


def _text_error(message, status):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


@cache_control(public=True, max_age=3600)
def oembed(request):
    # The oEmbed spec: an unsupported format is 501 Not Implemented.
    fmt = request.GET.get("format", "json")
    if fmt not in ("json", "xml"):
        return _text_error("format must be json or xml", status=501)
    try:
        params.check_all(request.GET, max_length=10_000)
        url = params.url(request.GET, "url", max_length=10_000)
    except params.BadParameter as exc:
        return _text_error(str(exc), status=400)
    width = _size(request.GET, "maxwidth", DEFAULT_WIDTH, MAX_WIDTH)
    max_height = _size(request.GET, "maxheight", None, 10_000)
    # Not an address of ours (another site, another scheme, none at all): the spec's 404.
    page = find_page(url, request) if url is not None else None
    if page is None:
        raise Http404("not one of our articles or videos")
    data.activate(page.locale.language_code)
    width = min(width, DEFAULT_WIDTH)
    height = round(width * 9 / 16) + 96 if page.is_video else 220
    height = min(height, max_height or height)
    # Addresses of the site's public host, whatever Host the consumer asked with.
    src = absolute(reverse("embed_page", args=[page.pk]))
    answer = {
        "version": "1.0",
        "type": "video" if page.is_video else "rich",
        "provider_name": _("Qinghai Kepu"),
        "provider_url": absolute("/"),
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
            thumbnail_url=absolute(thumb.url),
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
    if page_id > params.MAX_ID:  # beyond any primary key (and SQLite's integers)
        raise Http404
    page = (
        public(ArticlePage.objects.live()).filter(pk=page_id).first()
        or public(VideoPage.objects.live()).filter(pk=page_id).first()
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
