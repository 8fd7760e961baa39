"""Addresses of the search page that repeat the reader's search: the language switcher,
the channel links and the pages of results.

They carry only the parameters the page reads, cleaned as the view reads them (so a
control character, an RTL override or 10 000 letters in the address come back as the
view searched them, never as sent), in the page cache's canonical spelling
(cms/cache_params.py: sorted, last value, default values left out), so that a
followed link is the very address the page cache and nginx keep.
"""

from django.http import QueryDict
from django.utils.http import urlencode

from cms import cache_params

# What another language's search page keeps: the words, the channel and the type (a
# channel is a Topic, the same in every language). Not the page number: the other
# language has other results, and page 3 of them may not exist.
CARRIED = ("q", "channel", "type")


def asked(text, search=None):
    """The reader's search as links repeat it: the words as searched and, when the
    search could be run, its channel, type and page. A search that was refused (an
    unknown channel) keeps only its words."""
    values = {"q": text}
    if search is not None:
        query = search.query
        values.update(channel=query.channel, type=query.kind, page=query.page)
    return values


def query_string(values):
    """``values`` ({name: value or None}) as the canonical query string, without "?"."""
    kept = QueryDict(mutable=True)
    for name, value in values.items():
        if value not in (None, ""):
            kept[name] = str(value)
    try:
        return cache_params.canonical(kept, "search")
    except cache_params.Uncacheable:  # a value the cache does not keep: still the same search
        return urlencode(sorted(kept.items()))


def carried(values):
    """The query string another language's search page gets."""
    return query_string({name: values.get(name) for name in CARRIED})
