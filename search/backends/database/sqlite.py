"""SQLite: an FTS5 table over the analysed tokens, ranked with BM25.

The table (migrations 0001, 0002) holds per entry: channel and type (UNINDEXED, no
longer read: the facet counts come from the facet tokens or the entry table),
``facets`` (the public, language, channel and type tokens, so that filtering happens
inside the full-text match), the title and the text tokens. Its
``ascii`` tokenizer only splits on ASCII spaces and punctuation, so Tibetan, Mongolian
and Han tokens stay whole. Raw SQL: FTS5 has no ORM.
"""

import time

from django.db import connection

from search.models import SearchEntry

from ..base import KINDS, Results
from .base import (
    PRIVATE_TOKEN,
    facet_token,
    facet_tokens,
    facets,
    filter_tokens,
    hits,
    narrowed_count,
)

TABLE = "kepu_search_fts"
TITLE_WEIGHT = 10.0  # BM25 weight of the title against the text's 1.0
HITS = (
    "SELECT e.page_id, e.title, e.url, e.locale, e.channel, e.kind, e.text, -f.rank "
    "FROM ({ranked}) AS f JOIN kepu_search_searchentry e ON e.id = f.rowid "
)
RANKED = (
    f"SELECT rowid, bm25({TABLE}, 0.0, 0.0, 0.0, {TITLE_WEIGHT}, 1.0) AS rank "
    f"FROM {TABLE} WHERE {TABLE} MATCH %s"
)


# The channels the index holds, for the facet counts: asked again at most every minute
# (a new channel is rare), and at once after this process wrote to the index.
CHANNELS_TTL = 60


class Sqlite:
    def __init__(self):
        self._channels = (float("-inf"), [])

    def channels(self):
        asked, channels = self._channels
        if time.monotonic() - asked > CHANNELS_TTL:
            channels = list(
                SearchEntry.objects.order_by().values_list("channel", flat=True).distinct()
            )
            self._channels = (time.monotonic(), channels)
        return channels

    def write(self, entry):
        self.delete([entry.pk])
        self.write_many([entry])

    def write_many(self, entries):
        self._channels = (float("-inf"), [])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE}(rowid, facets, title, text, channel, kind) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        e.pk,
                        " ".join(facet_tokens(e)),
                        e.title_tokens,
                        e.text_tokens,
                        e.channel,
                        e.kind,
                    )
                    for e in entries
                ],
            )

    def delete(self, ids):
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", chunk)

    def clear(self, locale=None):
        with connection.cursor() as cursor:
            if locale:
                cursor.execute(
                    f"DELETE FROM {TABLE} WHERE {TABLE} MATCH %s",
                    [f"facets : {facet_token('l', locale)}"],
                )
            else:
                cursor.execute(f"DELETE FROM {TABLE}")

    def search(self, query):
        groups = [_group(group) for group in query.groups]
        if query.required == len(groups):
            return self._all_groups(query, groups)
        return self._most_groups(query, groups)

    def _all_groups(self, query, groups):
        """Every group required: one MATCH does it all."""
        words = " AND ".join(groups)
        base, narrowed = _match(query, words, False), _match(query, words, True)
        # Counting reads only the index's doclists, never the stored rows: a count per
        # channel and per type is several times faster than one GROUP BY over the
        # matching rows (12 ms against 3 ms for a word in 1,500 of 10k documents). All
        # the counts are one statement.
        facets_asked = [("channel", c, "c") for c in self.channels() if c]
        facets_asked += [("type", kind, "k") for kind in KINDS]
        matches = [
            f"{base} AND facets : {facet_token(prefix, value)}" for _, value, prefix in facets_asked
        ]
        # A reader's search finds only articles and videos, so the type counts add up to
        # the total; counted only when a channel narrows it, or for the admin.
        derived = query.public and not query.channel
        if not derived:
            matches.append(narrowed)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT "
                + ", ".join(
                    [f"(SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s)"] * len(matches)
                ),
                matches,
            )
            counts = cursor.fetchone()
            found_facets = {"channel": {}, "type": {}}
            for (name, value, _), n in zip(facets_asked, counts, strict=False):
                if n:
                    found_facets[name][value] = n
            if derived:
                types = found_facets["type"]
                total = types.get(query.kind, 0) if query.kind else sum(types.values())
            else:
                total = counts[-1]
            found = []
            if total > query.offset:
                cursor.execute(
                    HITS.format(ranked=RANKED + " ORDER BY rank LIMIT %s OFFSET %s")
                    + "ORDER BY f.rank",
                    [narrowed, query.per_page, query.offset],
                )
                found = hits(cursor.fetchall())
        return Results(count=total, hits=found, facets=found_facets)

    def _most_groups(self, query, groups):
        """At least ``query.required`` groups: each group is matched on its own, the
        rows matching enough of them are kept, and those with more groups rank first
        (BM25 over all the groups orders the rest)."""
        matches = [_match(query, group, False) for group in groups]
        matched = (
            "WITH matched(rowid, n) AS (SELECT rowid, count(*) FROM ("
            + " UNION ALL ".join(
                [f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"] * len(groups)
            )
            + ") GROUP BY rowid HAVING count(*) >= %s) "
        )
        # One statement, so that the matching rows are found once: the page of hits
        # (its rowids chosen before any entry is read: sorting the entries of every
        # match would read their text), and a row per channel and type with their
        # count, told apart by an empty page_id. Ordered by the 9th column, ``n``, then
        # the score: the hits in their order, then the counts (an empty n sorts last).
        with connection.cursor() as cursor:
            cursor.execute(
                matched + "SELECT e.page_id, e.title, e.url, e.locale, e.channel, e.kind, e.text, "
                f"-f.rank, f.n FROM (SELECT r.rowid, r.rank, m.n FROM ({RANKED}) AS r "
                "JOIN matched m ON m.rowid = r.rowid ORDER BY m.n DESC, r.rank "
                "LIMIT %s OFFSET %s) AS f JOIN kepu_search_searchentry e ON e.id = f.rowid "
                "UNION ALL SELECT NULL, NULL, NULL, NULL, e.channel, e.kind, NULL, count(*), "
                "NULL FROM matched m JOIN kepu_search_searchentry e ON e.id = m.rowid "
                "GROUP BY e.channel, e.kind ORDER BY 9 DESC, 8 DESC",
                [
                    *matches,
                    query.required,
                    _match(query, " OR ".join(groups), True),
                    query.per_page,
                    query.offset,
                ],
            )
            rows = cursor.fetchall()
        found = hits([row for row in rows if row[0] is not None])
        counts = [(row[4], row[5], row[7]) for row in rows if row[0] is None]
        return Results(count=narrowed_count(counts, query), hits=found, facets=facets(counts))


def _match(query, words, narrowed):
    """An FTS5 query: the filter tokens, then ``words`` in the title or the text."""
    parts = [f"facets : {token}" for token in filter_tokens(query, narrowed)]
    parts.append(f"{{title text}} : ({words})")
    match = " AND ".join(parts)
    if query.public:
        match = f"({match}) NOT facets : {PRIVATE_TOKEN}"
    return match


def _group(group):
    return "(" + " OR ".join(_fts_string(token) for token in group) + ")"


def _fts_string(token):
    # An FTS5 string: double quotes inside are doubled. Tokens never hold ASCII
    # punctuation, but the query syntax must never depend on that.
    return '"' + token.replace('"', '""') + '"'
