"""The live, public channels of a language (a private channel's title is private too),
in tree order: the channel menu in every page's header, and the search page's channel
names and links.

Read from the database whenever it is asked; the header's menu is asked once per
change (content/chrome.py keeps the rendered menu until a purge of every language or
of the site, which any publish, unpublish, rename, move or privacy change of a channel
makes). Its SQL is built once per process and language
(the ORM takes longer to build the restrictions' EXISTS than the database takes to run
it), and it reads only what is shown: whole channel pages cost more to build than the
query.
"""

import functools

from django.db import connection

from wagtail.models import Page

from content.compiled_sql import instance
from content.models import ChannelPage
from content.restrictions import public

# What get_url needs of a page, and the title; then the channel's topic.
_COLUMNS = ("id", "path", "url_path", "title")


def channels(language):
    """[(page, topic slug)] of ``language``'s channels, each page a Page with only the
    columns above (enough for its address and title)."""
    sql, params = _sql(connection.vendor, language)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        columns = [column[0] for column in cursor.description][:-1]  # the ORM's order
    return [(instance(Page, columns, row[:-1], connection.alias), row[-1]) for row in rows]


def menu(request, language):
    """[(address, title)] of ``language``'s channels, addresses as Wagtail gives them
    (relative on the request's own site)."""
    return [(page.get_url(request), page.title) for page, _ in channels(language)]


@functools.lru_cache(maxsize=32)
def _sql(vendor, language):
    found = public(ChannelPage.objects.live()).filter(locale__language_code=language)
    return found.order_by("path").values_list(*_COLUMNS, "topic__slug").query.sql_with_params()
