"""The channel menu in every page's header: the live, public channels of a language (a
private channel's title is private too), in tree order, as (address, title).

Read from the database on every page rendered, never kept: a channel published,
unpublished, renamed or made private shows at once. Its SQL is built once per process
and language (the ORM takes longer to build the restrictions' EXISTS than the database
takes to run it), and it reads only what the menu shows: whole channel pages cost more
to build than the query.
"""

import functools

from django.db import connection

from wagtail.models import Page

from content.compiled_sql import instance
from content.models import ChannelPage
from content.restrictions import public

# What get_url needs of a page, and the title.
_COLUMNS = ("id", "path", "url_path", "title")


def menu(request, language):
    """[(address, title)] of ``language``'s channels, addresses as Wagtail gives them
    (relative on the request's own site)."""
    sql, params = _sql(connection.vendor, language)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        columns = [column[0] for column in cursor.description]  # the ORM's order
    pages = (instance(Page, columns, row, connection.alias) for row in rows)
    return [(page.get_url(request), page.title) for page in pages]


@functools.lru_cache(maxsize=32)
def _sql(vendor, language):
    channels = public(ChannelPage.objects.live()).filter(locale__language_code=language)
    return channels.order_by("path").values_list(*_COLUMNS).query.sql_with_params()
