"""Wagtail's page view, with the home found in one query.

Before routing, Wagtail's view finds the request's Site (a query), the Locale of the
active language (a query), the translation of the Site's root page in it (a query) and
that page's own record (a query). Here the same home comes from one query, its SQL
written once per process, and Wagtail's view then runs as ever (its ``before_serve_page``
and ``on_serve_page`` hooks, password-restricted pages) with the Site and the route
already known (``Site.find_for_request`` and ``Page.route_for_request`` keep them on
the request). A 404 stays a 404: the language's own not-found page, and Wagtail's
redirects middleware still looks for a redirect.

The rules are Wagtail's: the Site is chosen as ``Site.find_for_request`` chooses it (the
host and port, else the host, else the default Site), and the home is the live
translation of its root page in the active language, or the root page itself. Whatever
this does not cover (no Site for the host, a Site rooted at a page that is not a home, a
language without a Locale) goes through Wagtail's own lookups.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation

from wagtail import views as wagtail_views
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from content.models import HomePage

# The columns of the Site each row comes from, next to the page's own.
_SITE_COLUMNS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


@functools.cache
def _sql():
    """Every candidate Site for a host (that host, or the default) with its root page and
    that page's live translation in a language, each as a HomePage row."""
    quote = connection.ops.quote_name
    site_columns = ", ".join(f"s.{quote(c)} AS {quote('kepu_site_' + c)}" for c in _SITE_COLUMNS)
    return f"""
        SELECT p.*, h.*, {site_columns}, (
            SELECT id FROM {quote(Locale._meta.db_table)} WHERE language_code = %s
        ) AS kepu_locale_id
        FROM {quote(Site._meta.db_table)} s
        JOIN {quote(Page._meta.db_table)} r ON r.id = s.root_page_id
        JOIN {quote(Page._meta.db_table)} p ON p.translation_key = r.translation_key
            AND (p.id = r.id OR (p.live AND p.locale_id IN (
                SELECT id FROM {quote(Locale._meta.db_table)} WHERE language_code = %s)))
        LEFT JOIN {quote(HomePage._meta.db_table)} h ON h.page_ptr_id = p.id
        WHERE s.hostname = %s OR s.is_default_site
    """


def _choose(sites, hostname, port):
    """The Site ``Site.find_for_request`` would choose among ``sites`` (those with this
    hostname, and the default), or None."""

    def match(site):
        if site.hostname == hostname and str(site.port) == port:  # the request's is text
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        return 2 if site.is_default_site else 3

    sites = sorted(sites, key=match)
    if not sites:
        return None
    if len(sites) == 1 or match(sites[0]) in (0, 1):
        return sites[0]
    if match(sites[0]) == 2:  # the default, unless exactly one other Site has this host
        return sites[len(sites) == 2]
    return None  # several Sites for the host, none on this port and none the default


def _home(request):
    """(site, home) for this request, or None when Wagtail's own lookups must decide."""
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None
    hostname = split_domain_port(request._get_raw_host())[0]
    rows = list(HomePage.objects.raw(_sql(), [language, language, hostname]))
    sites = {}
    for row in rows:
        values = [getattr(row, "kepu_site_" + c) for c in _SITE_COLUMNS]
        values[-1] = bool(values[-1])  # SQLite gives 0 or 1
        sites.setdefault(values[0], Site.from_db(row._state.db, _SITE_COLUMNS, values))
    site = _choose(sites.values(), hostname, request.get_port())
    if site is None or rows[0].kepu_locale_id is None:
        return None
    own = [row for row in rows if row.kepu_site_id == site.pk]
    home = next((row for row in own if row.pk != site.root_page_id), own[0])
    if home.content_type_id != ContentType.objects.get_for_model(HomePage).pk:
        return None
    return site, home


def site_and_home(request):
    """(site, home) for this request, or None when Wagtail's own lookups must decide:
    found once per request, and the Site kept where ``Site.find_for_request`` looks
    first. Views other than pages call it too: any page address they show (a channel
    link) would otherwise cost Wagtail's own Site query, whose ORM statement takes
    longer to build than the database takes to answer."""
    if not hasattr(request, "_kepu_home"):
        request._kepu_home = _home(request)
        if request._kepu_home is not None:
            request._wagtail_site = request._kepu_home[0]
    return request._kepu_home


def site(request):
    """The request's Site: found with its home (site_and_home) when that can decide,
    otherwise by Wagtail."""
    found = site_and_home(request)
    return found[0] if found is not None else Site.find_for_request(request)


def serve(request, path):
    found = site_and_home(request)
    if found is not None:
        site, home = found
        try:
            route = home.route(request, [c for c in path.split("/") if c])
        except Http404:
            route = None
        request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)
