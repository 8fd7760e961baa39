"""PostgreSQL: a tsvector of the analysed tokens with a GIN index, in raw SQL.

The entry row holds ``vector`` (title tokens weight A, text tokens weight D, and the
public, language, channel and type tokens, so that one GIN scan filters them together
with the words; readers' searches also require the row's ``public``) and
``title_vector`` (the title's tokens, which ranking reads: the
whole vector of a long article lives in TOAST storage; migrations 0001, 0003). Neither
is a model field, because SQLite has no such columns. Lexemes are quoted and cast
(``'…'::tsquery``), never parsed by a text-search configuration, which would split
Tibetan syllables at the tsheg. The GIN index has no pending list (``fastupdate``
off, migration 0005): new entries go straight into the index, where a pending list
would hold them unsorted and every search read and recheck it whole until a vacuum
(after a rebuild of 100k documents a three-word Mongolian search took 400 ms against
31 ms once merged). A publish writes a few entries; a rebuild writes about half as fast.

Ranking: the number of the query's groups a page has, then the title's rank, then the
newest. Raw SQL throughout: building the ORM's statements cost the worker more time
than the database took to answer them (``_all_groups``), and a query needing most of
its groups is many times faster written by hand (``_most_groups``).
"""

import itertools
import math

from django.db import connection, transaction

from ..base import Results
from .base import facet_tokens, facets, filter_tokens, hits, narrowed_count

VECTOR = (
    "setweight(array_to_tsvector(%s::text[]), 'A') || setweight(array_to_tsvector(%s::text[]), 'D')"
    " || array_to_tsvector(%s::text[])"
)
# The language, channel and type tokens share the vector with the words: marked with a
# character the analysis never emits (it splits on "§"), so that no page's own text
# ("LMN", "karticle") can pass another language's or channel's filter.
FACET_MARK = "§"
# The most lexemes written into the tsqueries of a long query's levels (Postgres._matched):
# each way of having enough groups repeats their words and alternatives. Four words are
# 16, eight 232 (measured faster than a scan per word); eight words of four or more
# alternatives each, 928 and more, were slower (0.44 → 0.69 s for common Mongolian
# words), as were seven of six.
MAX_LEXEMES = 256


def _facet(token):
    return FACET_MARK + token


class Postgres:
    def write(self, entry):
        self.write_many([entry])

    def write_many(self, entries):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE kepu_search_searchentry SET vector = {VECTOR}, "
                "title_vector = array_to_tsvector(%s::text[]) WHERE id = %s",
                [
                    (
                        _lexemes(e.title_tokens),
                        _lexemes(e.text_tokens),
                        [_facet(token) for token in facet_tokens(e)],
                        _lexemes(e.title_tokens),
                        e.pk,
                    )
                    for e in entries
                ],
            )

    def delete(self, ids):
        pass  # the vectors live in the entry's own row

    def clear(self, locale=None):
        pass  # likewise: deleting the entries is enough

    def search(self, query):
        groups = [_group(group) for group in query.groups]
        with transaction.atomic(), connection.cursor() as cursor:
            # The vectors live in TOAST storage, which the planner does not price: on a
            # small table it picks a sequential scan that decompresses every vector
            # (80 ms at 10k documents). The GIN index is always the right path here.
            # No parallel workers: on tables without statistics the planner chose them
            # for a query of a fraction of a millisecond, and starting them took 13 ms;
            # a site's few cores are better spent on other readers' requests.
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), "
                "set_config('max_parallel_workers_per_gather', '0', true)"
            )
            if query.required == len(groups):
                return self._all_groups(query, groups, cursor)
            return self._most_groups(query, groups, cursor)

    def _all_groups(self, query, groups, cursor):
        """Every group required: one tsquery, and one statement, so that the matching
        rows are read once (a common word matches a fifth of the index): each match's
        title rank and facet columns are taken from them (``matched``, computed once),
        the page of hits is chosen among them before the chosen entries' text is read,
        and a row per channel and type with its count follows, told apart by an empty
        page_id. Title matches rank first (the small title vector: ranking on the
        whole-text vector would read every match's vector from TOAST storage), then the
        newest. Raw SQL: the ORM took more of the worker's time than the database took
        to answer."""
        words = " & ".join(groups)
        public = " AND public" if query.public else ""
        where, narrowing = _narrowing(query, "")
        cursor.execute(
            "WITH matched AS MATERIALIZED (SELECT id, channel, kind, published_at, "
            "ts_rank(title_vector, %s::tsquery) AS score FROM kepu_search_searchentry "
            f"WHERE vector @@ %s::tsquery{public}) "
            "SELECT * FROM ("
            "(SELECT e.page_id, e.title, e.url, e.locale, e.channel, e.kind, e.text, m.score, "
            "m.published_at, m.id, NULL::bigint AS entries FROM "
            f"(SELECT * FROM matched {where}"
            "ORDER BY score DESC, published_at DESC NULLS LAST, id DESC LIMIT %s OFFSET %s) m "
            "JOIN kepu_search_searchentry e ON e.id = m.id) "
            "UNION ALL (SELECT NULL, NULL, NULL, NULL, channel, kind, NULL, NULL, NULL, NULL, "
            "count(*) FROM matched GROUP BY channel, kind)"
            ") AS found ORDER BY score DESC NULLS LAST, published_at DESC NULLS LAST, "
            "id DESC NULLS LAST, channel, kind",
            [
                words,
                _tsquery(query, words, narrowed=False),
                *narrowing,
                query.per_page,
                query.offset,
            ],
        )
        rows = cursor.fetchall()
        counts = [(row[4], row[5], row[10]) for row in rows if row[0] is None]
        found = hits([row for row in rows if row[0] is not None])
        return Results(count=narrowed_count(counts, query), hits=found, facets=facets(counts))

    def _most_groups(self, query, groups, cursor):
        """At least ``query.required`` groups: ``matched`` holds each such entry with
        the number of groups it has (``n``), its channel and its type. Raw SQL, written
        so that GIN finds the entries: counting the groups on each row that has any of
        them (``(vector @@ g)::int + …``, which the ORM can write) reads every such
        row's vector from TOAST storage, 250 ms against 10 ms at 10k documents for a
        Mongolian query with a common suffix word."""
        public = " AND public" if query.public else ""
        params, matched = self._matched(query, groups, public)
        where, narrowing = _narrowing(query, "")
        # One statement, so that the matching entries are found once (``matched``,
        # used three times, is computed once): the page of hits, then a row per channel
        # and type with its count (the last column), told apart by an empty page_id.
        # The hits are ranked among the entries with at least as many groups as the
        # page's last hit has (``floor``): an entry with fewer cannot be on the page, and
        # ranking reads each entry's title vector. A common word's entries with only
        # the required groups are most of the matches: a Mongolian query of four words
        # found in 12k of 100k entries ranks 2.9k of them, 52 → 16 ms. The outer ORDER
        # BY is the hits' own, then the channel and type for the counts, which have none
        # of the hits' columns and come last.
        floor = f"COALESCE((SELECT n FROM matched {where}ORDER BY n DESC LIMIT 1 OFFSET %s), 0)"
        cursor.execute(
            matched + "SELECT * FROM ("
            "(SELECT e.page_id, e.title, e.url, e.locale, e.channel, e.kind, e.text, "
            "ts_rank(e.title_vector, %s::tsquery) AS score, m.n, "
            "e.published_at, e.id, NULL::bigint AS entries FROM "
            f"(SELECT id, n FROM matched {where}) AS m "
            f"JOIN kepu_search_searchentry e ON e.id = m.id WHERE m.n >= {floor} "
            "ORDER BY m.n DESC, score DESC, e.published_at DESC NULLS LAST, e.id DESC "
            "LIMIT %s OFFSET %s) "
            "UNION ALL (SELECT NULL, NULL, NULL, NULL, channel, kind, NULL, NULL, NULL, "
            "NULL, NULL, count(*) FROM matched GROUP BY channel, kind)"
            ") AS found ORDER BY n DESC NULLS LAST, score DESC NULLS LAST, "
            "published_at DESC NULLS LAST, id DESC NULLS LAST, channel, kind",
            [
                *params,
                " | ".join(groups),
                *narrowing,
                *narrowing,
                query.offset + query.per_page - 1,
                query.per_page,
                query.offset,
            ],
        )
        rows = cursor.fetchall()
        counts = [(row[4], row[5], row[11]) for row in rows if row[0] is None]
        found = hits([row for row in rows if row[0] is not None])
        return Results(count=narrowed_count(counts, query), hits=found, facets=facets(counts))

    def _matched(self, query, groups, public):
        """(parameters, the ``matched`` clause) for a search needing most groups.

        One scan per level, from the required number of groups to all of them: a
        level's tsquery is every way of having that many groups, ORed, which GIN answers
        inside the index, so a scan reads only the entries that have them; an entry's
        ``n`` is the highest level that found it. Each scan reads its rows' channel and
        type, which it visits anyway, so that the counts need no second read. A query
        of four Mongolian words, one of them in a tenth of 100k entries: two scans
        reading 15k rows, where a scan per group read 65k (100 → 55 ms). With so
        many groups or alternatives that the levels' tsqueries grow long (MAX_LEXEMES),
        each group is scanned and the entries found often enough kept."""
        columns = "id, channel, kind FROM kepu_search_searchentry WHERE vector @@ %s::tsquery"
        levels = range(query.required, len(groups) + 1)
        # Each group is in comb(n - 1, level - 1) of a level's ways.
        alternatives = sum(len(group) for group in query.groups)
        ways = sum(math.comb(len(groups) - 1, level - 1) for level in levels)
        if ways * alternatives <= MAX_LEXEMES:
            scans = " UNION ALL ".join(
                f"SELECT {level} AS n, {columns}{public}" for level in levels
            )
            params = [_tsquery(query, _at_least(groups, level), narrowed=False) for level in levels]
            return params, (
                "WITH matched AS MATERIALIZED (SELECT id, max(n) AS n, min(channel) AS "
                f"channel, min(kind) AS kind FROM ({scans}) AS m GROUP BY id) "
            )
        scans = " UNION ALL ".join([f"SELECT {columns}{public}"] * len(groups))
        params = [_tsquery(query, group, narrowed=False) for group in groups]
        return [*params, query.required], (
            "WITH matched AS MATERIALIZED (SELECT id, count(*) AS n, min(channel) AS channel, "
            f"min(kind) AS kind FROM ({scans}) AS m GROUP BY id HAVING count(*) >= %s) "
        )


def _at_least(groups, level):
    """A tsquery (without the filter tokens) an entry matches when it has at least
    ``level`` of ``groups``: each way of choosing them, ORed."""
    return " | ".join(
        "(" + " & ".join(chosen) + ")" for chosen in itertools.combinations(groups, level)
    )


def _narrowing(query, prefix):
    """A WHERE clause (with a trailing space, or empty) keeping the query's channel and
    type, on the columns named with ``prefix``; and its parameters."""
    where, params = [], []
    if query.channel:
        where.append(f"{prefix}channel = %s")
        params.append(query.channel)
    if query.kind:
        where.append(f"{prefix}kind = %s")
        params.append(query.kind)
    return ("WHERE " + " AND ".join(where) + " " if where else ""), params


def _tsquery(query, words, narrowed):
    """``words`` with the filter tokens: the language (and the channel and type when
    ``narrowed``). Not the private token: a negation in a tsquery makes PostgreSQL
    recheck every match against its vector, read from TOAST storage (three times
    slower at 10k documents); the ``public`` column of the row does it instead."""
    tokens = [_ts_lexeme(_facet(token)) for token in filter_tokens(query, narrowed)]
    return " & ".join([*tokens, f"({words})"])


def _group(group):
    return "(" + " | ".join(_ts_lexeme(token) for token in group) + ")"


def _lexemes(tokens):
    # array_to_tsvector refuses empty strings; duplicates add nothing without positions.
    return sorted({token for token in tokens.split(" ") if token})


def _ts_lexeme(token):
    # A quoted tsquery lexeme: nothing inside is read as an operator.
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
