from django import template
from django.utils import translation

from cms.public_url import absolute
from cms.security import allow_inline_script
from content import channel_menu, chrome, serve
from content.alternates import alternates, view_alternates
from content.syndication import structured_data

register = template.Library()


@register.inclusion_tag("content/includes/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Each language's version of the page; a view that is no page (the search page)
    sets ``alternate_query``, the part of its address another language keeps."""
    request = context.get("request")
    query = context.get("alternate_query")
    if not page and query is not None and request is not None:
        return {"alternates": view_alternates(request, query)}
    return {"alternates": alternates(page, request)}


@register.inclusion_tag("content/includes/hreflang.html", takes_context=True)
def hreflang_links(context, page):
    request = context.get("request")
    # The site's public address (cms/public_url.py), not the request's Host.
    links = [
        (a.language.html_lang, absolute(a.url))
        for a in alternates(page, request)
        if a.exact or a.current
    ]
    # x-default: the Chinese version when there is one, else the page itself.
    default = next((url for lang, url in links if lang == "zh-Hans"), None)
    # With the request: Wagtail then reads the site's root paths once per request.
    return {"links": links, "default": default or absolute(page.get_url(request))}


@register.simple_tag(takes_context=True)
def channel_nav(context):
    """(address, title) of the live, public channels of the active language, in tree
    order (content/channel_menu.py)."""
    return channel_menu.menu(context.get("request"), translation.get_language())


@register.simple_tag(takes_context=True)
def kept(context, template_name):
    """{% kept "includes/…html" %}: a part of the header or footer that is the same on
    every page of the site and language, rendered once per change (content/chrome.py).
    The site is found as a page finds it (content/serve.py), also on the pages of other
    views (search, errors, offline), where Wagtail's own look-up would be a second,
    slower query."""
    request = context.get("request")
    site = serve.site(request) if request is not None else None
    return chrome.render(template_name, context.get("language"), request, site)


@register.inclusion_tag("content/includes/share_meta.html", takes_context=True)
def share_meta(context, page):
    """Open Graph, oEmbed discovery and JSON-LD for an article or video page."""

    return {
        "page": page,
        "card": structured_data.share_card_html(page),
        "json_ld": structured_data.json_ld(page),
    }


class InlineScriptNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        from django.utils.safestring import mark_safe

        source = self.nodelist.render(context)
        allow_inline_script(context.get("request"), source)
        return mark_safe(f"<script>{source}</script>")


@register.tag
def inline_script(parser, token):
    """{% inline_script %}…{% endinline_script %}: a <script> the page's
    Content-Security-Policy allows by the hash of its exact text (cms/security.py)."""
    nodelist = parser.parse(("endinline_script",))
    parser.delete_first_token()
    return InlineScriptNode(nodelist)
