"""Where the same content lives in the other languages.

Used by the language switcher (always offers every language) and by hreflang links
(only exact translations). A page's translation is the live page in another locale
with the same ``translation_key``; when there is none, the switcher falls back to the
translation of the nearest ancestor (the channel, then the home page).

A view that is not a page but exists under every language's prefix (the search page)
switches to itself in the other language, with the query string it asks to keep
(``view_alternates``).
"""

import functools
import uuid
from dataclasses import dataclass

from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.models import Locale, Page

from cms import languages
from content.compiled_sql import instance
from content.models.pages import public
from content.tree import ROOT_DEPTH


@dataclass
class Alternate:
    language: languages.Language
    url: str
    exact: bool  # the same page in that language, not a fallback to channel or home
    current: bool


def all_locales():
    """{language code: Locale}, kept in the cache: the site's languages do not change
    while it runs (setup_site creates them)."""
    from django.core.cache import cache

    locales = cache.get("kepu:locales")
    if locales is None:
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        cache.set("kepu:locales", locales, 3600)
    return locales


def alternates(page, request):
    """One Alternate per site language for ``page`` (or for the site, when page is None).
    Worked out once per page object: the switcher and the hreflang links both ask."""
    if not isinstance(page, Page):
        return _alternates(page, request)
    if getattr(page, "_kepu_alternates", None) is None:
        page._kepu_alternates = _alternates(page, request)
    return page._kepu_alternates


def _alternates(page, request):
    locales = all_locales()
    # The page, its channel and its home: their tree paths are prefixes of the page's.
    # A translation sits at the same depth in its language's tree, so one query finds
    # every language's version of each.
    step = Page.steplen
    prefixes = [page.path[:n] for n in range(2 * step, len(page.path) + 1, step)] if page else []
    keys = _routed_keys(page, len(prefixes))
    if not keys:
        live = _translations(Page.objects.filter(path__in=prefixes).values("translation_key"))
        found = {(p.depth, p.locale_id): p for p in live}
    else:  # the usual case: a page just routed to
        sql, params, slots = _translations_sql(connection.vendor, len(keys))
        field = Page._meta.get_field("translation_key")
        keys = [field.get_db_prep_value(key, connection) for key in keys]
        params = [p if i is None else keys[i] for p, i in zip(params, slots, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            columns = [column[0] for column in cursor.description]  # the ORM's order
            rows = cursor.fetchall()
        # Plain rows: a page object is made only for the one each language links to
        # (making all nine cost more than the query).
        depth, locale = columns.index("depth"), columns.index("locale_id")
        found = {(row[depth], row[locale]): (columns, row) for row in rows}
    depths = sorted((len(prefix) // step for prefix in prefixes), reverse=True)

    result = []
    for lang in languages.LANGUAGES:
        locale = locales.get(lang.code)
        url, exact = f"/{lang.code}/", False
        for depth in depths:  # the page itself first, then its channel, then its home
            match = locale and found.get((depth, locale.pk))
            if match:
                url, exact = _page(match, page).get_url(request), depth == page.depth
                break
        current = bool(page) and locale is not None and page.locale_id == locale.pk
        result.append(Alternate(lang, url, exact, current))
    return result


def _translations(keys):
    """The live, public pages with these translation keys."""
    return public(Page.objects.live().filter(translation_key__in=keys, depth__gt=ROOT_DEPTH)).only(
        "path", "depth", "locale", "url_path", "translation_key"
    )  # what get_url needs: building whole pages cost more than the query


# The columns of _translations_sql's rows (the fields ``_translations`` loads).
_COLUMNS = ("id", "path", "depth", "locale_id", "url_path")


def _page(row, routed):
    """The page of a row of ``_translations_sql`` (or a page already), as get_url needs
    it: the routed page itself when it is that page (its address is known already)."""
    if isinstance(row, Page):
        return row
    columns, values = row
    if values[columns.index("id")] == routed.pk:
        return routed
    return instance(Page, columns, values, connection.alias)


@functools.cache
def _translations_sql(vendor, count):
    """The SQL of ``_translations`` for ``count`` keys, built once per process (the ORM
    takes longer to build the restrictions' EXISTS than the database to run it), with
    its parameters and, for each, which key goes there (None: the parameter as it is).
    Its rows are ``_COLUMNS``. Only the text is kept: what is live and public is asked
    every time."""
    field = Page._meta.get_field("translation_key")
    marks = [uuid.UUID(int=n + 1) for n in range(count)]
    sql, params = _translations(marks).values_list(*_COLUMNS).query.sql_with_params()
    marked = [field.get_db_prep_value(mark, connection) for mark in marks]
    slots = [marked.index(p) if p in marked else None for p in params]
    return sql, params, slots


def _routed_keys(page, count):
    """The translation keys of the page, its channel and its home when routing left
    them on the page (CachedServe.route: each page keeps its parent), else None."""
    keys, current = [], page
    while current is not None and len(keys) < count:
        keys.append(current.translation_key)
        current = current.__dict__.get("_cached_parent_obj")
    return keys if len(keys) == count else None


def view_alternates(request, query=""):
    """One Alternate per site language for the view that answered ``request``: its own
    address under each language's prefix, followed by ``query`` (a query string the view
    built from what it read, never the raw one: it is repeated into the page). Falls back
    to the language's home where the view cannot be named."""
    match = getattr(request, "resolver_match", None)
    active = translation.get_language()
    result = []
    for lang in languages.LANGUAGES:
        url = f"/{lang.code}/"
        if match is not None and match.view_name:
            try:
                with translation.override(lang.code):
                    url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
                url += f"?{query}" if query else ""
            except NoReverseMatch:
                pass
        result.append(Alternate(lang, url, exact=True, current=lang.code == active))
    return result
