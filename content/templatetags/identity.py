"""The footer's site identity (content/models/identity.py), resolved for the active
language: the settings row, and one query for the reader's-language versions of the
about page and the privacy notice. Used by the footer part that content/chrome.py keeps
per process until the identity or one of those pages changes, so a page view pays
nothing for it."""

from types import SimpleNamespace

from django import template
from django.db.models import Q
from django.utils import translation

from wagtail.models import Page, Site

from content.models import SiteIdentity

register = template.Library()
FIELDS = (
    "sponsor", "organiser", "address", "phone", "phone_uri", "email", "has_contact",
    "icp_number", "icp_url", "police_number", "police_url",
)  # fmt: skip


@register.simple_tag(takes_context=True)
def site_identity(context):
    """What the footer shows of the site's identity in the active language, with
    ``about_url`` and ``privacy_url``: the live translation of the chosen page, else the
    chosen page itself if live, else ''. None outside a request or a site."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    return SimpleNamespace(**_resolve(request, translation.get_language()))


def _resolve(request, code):
    identity = SiteIdentity.for_request(request)
    values = {name: getattr(identity, name) or "" for name in FIELDS}
    chosen = {"about_url": identity.about_page_id, "privacy_url": identity.privacy_page_id}
    urls = _urls(request, code, [pk for pk in chosen.values() if pk])
    values.update({name: urls.get(pk, "") for name, pk in chosen.items()})
    return values


def _urls(request, code, ids):
    """{chosen page id: address of its live version in ``code``, else of itself if
    live}, in one query."""
    if not ids:
        return {}
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    pages = list(
        Page.objects.filter(translation_key__in=keys)
        .filter(Q(locale__language_code=code) | Q(pk__in=ids))
        .select_related("locale")
    )
    mine = {p.translation_key: p for p in pages if p.live and p.locale.language_code == code}
    urls = {}
    for chosen in (p for p in pages if p.pk in ids):
        page = mine.get(chosen.translation_key) or (chosen if chosen.live else None)
        if page is not None:
            urls[chosen.pk] = page.get_url(request)
    return urls
