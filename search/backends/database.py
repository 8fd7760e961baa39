"""The default backend: the site's own database, over the analysed tokens.

SQLite: an FTS5 table ranked with BM25 (title weighted ten times the text).
PostgreSQL: a tsvector of the same tokens (title weight A, text weight D) with a GIN
index, ranked with ts_rank. Both filter language, channel and type inside the index.
"""

import re

from django.db import DatabaseError, connection, transaction

from search import analysis
from search.models import SearchEntry

from .base import KINDS, BackendUnavailable, Hit, Results, SearchBackend

TITLE_WEIGHT = 10.0
NOT_ALNUM = re.compile(r"[^0-9a-z]")


def facet_token(prefix, value):
    """An ASCII token for FTS5 filtering: ("l", "zh-hans") -> "lzhhans"."""
    return prefix + NOT_ALNUM.sub("", value.lower())


class DatabaseBackend(SearchBackend):
    name = "database"

    def __init__(self):
        self._dialect = None

    @property
    def dialect(self):
        if self._dialect is None:
            self._dialect = {"sqlite": _Sqlite, "postgresql": _Postgres}[connection.vendor]()
        return self._dialect

    def index(self, documents):
        try:
            with transaction.atomic():
                for doc in documents:
                    entry = _save_entry(doc)
                    self.dialect.write(entry)
        except DatabaseError as exc:
            raise BackendUnavailable(str(exc)) from exc

    def remove(self, page_ids):
        ids = list(SearchEntry.objects.filter(page_id__in=page_ids).values_list("id", flat=True))
        if not ids:
            return
        try:
            with transaction.atomic():
                self.dialect.delete(ids)
                SearchEntry.objects.filter(id__in=ids).delete()
        except DatabaseError as exc:
            raise BackendUnavailable(str(exc)) from exc

    def rebuild(self, documents, locale=None):
        count = 0
        try:
            with transaction.atomic():
                old = SearchEntry.objects.all()
                if locale:
                    old = old.filter(locale=locale)
                self.dialect.clear(locale)
                old.delete()
                batch = []
                for doc in documents:
                    batch.append(_entry(doc))
                    if len(batch) >= 500:
                        count += self._write_batch(batch)
                        batch = []
                count += self._write_batch(batch)
        except DatabaseError as exc:
            raise BackendUnavailable(str(exc)) from exc
        return count

    def _write_batch(self, entries):
        if not entries:
            return 0
        created = SearchEntry.objects.bulk_create(entries)
        if any(entry.pk is None for entry in created):  # backends without RETURNING
            created = list(SearchEntry.objects.filter(page_id__in=[e.page_id for e in entries]))
        self.dialect.write_many(created)
        return len(created)

    def check(self):
        try:
            SearchEntry.objects.exists()
        except DatabaseError as exc:
            raise BackendUnavailable(f"search tables unreadable: {exc}") from exc

    def search(self, query):
        if not query.groups:
            return Results()
        try:
            return self.dialect.search(query)
        except DatabaseError as exc:
            raise BackendUnavailable(str(exc)) from exc


def _entry(doc):
    return SearchEntry(
        page_id=doc.page_id,
        locale=doc.locale,
        channel=doc.channel,
        kind=doc.kind,
        title=doc.title[:255],
        text=doc.text,
        url=doc.url[:500],
        published_at=doc.published_at,
        title_tokens=" ".join(analysis.index_tokens(doc.title)),
        text_tokens=" ".join(analysis.index_tokens(doc.text)),
    )


def _save_entry(doc):
    fresh = _entry(doc)
    existing = SearchEntry.objects.filter(page_id=doc.page_id).first()
    if existing:
        fresh.pk = existing.pk
    fresh.save()
    return fresh


def _hits(rows):
    return [
        Hit(
            page_id=r[0],
            title=r[1],
            url=r[2],
            locale=r[3],
            channel=r[4],
            kind=r[5],
            text=r[6],
            score=float(r[7]),
        )
        for r in rows
    ]


def _facets(rows):
    facets = {"channel": {}, "type": {}}
    for channel, kind, n in rows:
        facets["channel"][channel] = facets["channel"].get(channel, 0) + n
        facets["type"][kind] = facets["type"].get(kind, 0) + n
    return facets


class _Sqlite:
    def write(self, entry):
        self.delete([entry.pk])
        self.write_many([entry])

    def write_many(self, entries):
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO kepu_search_fts(rowid, facets, title, text, channel, kind) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (e.pk, _facets_text(e), e.title_tokens, e.text_tokens, e.channel, e.kind)
                    for e in entries
                ],
            )

    def delete(self, ids):
        if not ids:
            return
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM kepu_search_fts WHERE rowid IN ({marks})", chunk)

    def clear(self, locale=None):
        with connection.cursor() as cursor:
            if locale:
                cursor.execute(
                    "DELETE FROM kepu_search_fts WHERE kepu_search_fts MATCH %s",
                    [f"facets : {facet_token('l', locale)}"],
                )
            else:
                cursor.execute("DELETE FROM kepu_search_fts")

    def search(self, query):
        words = " AND ".join(
            "(" + " OR ".join(_fts_string(token) for token in group) + ")" for group in query.groups
        )
        base = f"facets : {facet_token('l', query.language)} AND {{title text}} : ({words})"
        filtered = base
        if query.channel:
            filtered += f" AND facets : {facet_token('c', query.channel)}"
        if query.kind:
            filtered += f" AND facets : {facet_token('k', query.kind)}"
        with connection.cursor() as cursor:

            def count(match):
                # Counting reads only the index's doclists, never the stored rows.
                cursor.execute(
                    "SELECT count(*) FROM kepu_search_fts WHERE kepu_search_fts MATCH %s", [match]
                )
                return cursor.fetchone()[0]

            total = count(filtered)
            facets = {"channel": {}, "type": {}}
            for name, prefix, values in (("channel", "c", _channels()), ("type", "k", KINDS)):
                for value in values:
                    n = count(f"{base} AND facets : {facet_token(prefix, value)}")
                    if n:
                        facets[name][value] = n
            hits = []
            if total > query.offset:
                cursor.execute(
                    "SELECT e.page_id, e.title, e.url, e.locale, e.channel, e.kind, e.text, -f.rank "
                    "FROM (SELECT rowid, bm25(kepu_search_fts, 0.0, 0.0, 0.0, %s, 1.0) AS rank FROM kepu_search_fts "
                    "      WHERE kepu_search_fts MATCH %s ORDER BY rank LIMIT %s OFFSET %s) AS f "
                    "JOIN kepu_search_searchentry e ON e.id = f.rowid ORDER BY f.rank",
                    [TITLE_WEIGHT, filtered, query.per_page, query.offset],
                )
                hits = _hits(cursor.fetchall())
        return Results(count=total, hits=hits, facets=facets)


def _channels():
    from content.models import Topic

    return list(Topic.objects.values_list("slug", flat=True))


def _facets_text(entry):
    return " ".join(
        (
            facet_token("l", entry.locale),
            facet_token("c", entry.channel),
            facet_token("k", entry.kind),
        )
    )


def _fts_string(token):
    # An FTS5 string: double quotes inside are doubled. Tokens never hold ASCII
    # punctuation, but the query syntax must never depend on that.
    return '"' + token.replace('"', '""') + '"'


class _Postgres:
    # The language, channel and type are lexemes of the vector too (as in the FTS5
    # table), so that one GIN scan filters them together with the words.
    VECTOR = (
        "setweight(array_to_tsvector(%s::text[]), 'A') || setweight(array_to_tsvector(%s::text[]), 'D')"
        " || array_to_tsvector(%s::text[])"
    )

    def write(self, entry):
        self.write_many([entry])

    def write_many(self, entries):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE kepu_search_searchentry SET vector = {self.VECTOR}, "
                "title_vector = array_to_tsvector(%s::text[]) WHERE id = %s",
                [
                    (
                        _lexemes(e.title_tokens),
                        _lexemes(e.text_tokens),
                        _facets_text(e).split(" "),
                        _lexemes(e.title_tokens),
                        e.pk,
                    )
                    for e in entries
                ],
            )

    def delete(self, ids):
        pass  # the vector lives in the entry's own row

    def clear(self, locale=None):
        pass  # likewise: deleting the entries is enough

    def search(self, query):
        words = " & ".join(
            "(" + " | ".join(_ts_lexeme(token) for token in group) + ")" for group in query.groups
        )
        tsquery = f"{_ts_lexeme(facet_token('l', query.language))} & {words}"
        filtered_query = tsquery
        if query.channel:
            filtered_query += f" & {_ts_lexeme(facet_token('c', query.channel))}"
        if query.kind:
            filtered_query += f" & {_ts_lexeme(facet_token('k', query.kind))}"
        where, params = "vector @@ %s::tsquery", [tsquery]
        filtered, filtered_params = "vector @@ %s::tsquery", [filtered_query]
        table = "kepu_search_searchentry"
        with transaction.atomic(), connection.cursor() as cursor:
            # The vectors live in TOAST storage, which the planner does not price: on a
            # small table it picks a sequential scan that decompresses every vector
            # (80 ms at 10k documents). The GIN index is always the right path here.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                f"SELECT channel, kind, count(*) FROM {table} WHERE {where} GROUP BY channel, kind",
                params,
            )
            rows = cursor.fetchall()
            count = sum(
                n
                for channel, kind, n in rows
                if (not query.channel or channel == query.channel)
                and (not query.kind or kind == query.kind)
            )
            hits = []
            if count > query.offset:
                cursor.execute(
                    # Title matches first (ranked on the small title vector), then the
                    # newest: ranking on the whole-text vector means reading every
                    # matching document's vector from TOAST storage.
                    f"SELECT page_id, title, url, locale, channel, kind, text, "
                    f"ts_rank(title_vector, %s::tsquery) AS score "
                    f"FROM {table} WHERE {filtered} "
                    f"ORDER BY score DESC, published_at DESC NULLS LAST, id DESC LIMIT %s OFFSET %s",
                    [words, *filtered_params, query.per_page, query.offset],
                )
                hits = _hits(cursor.fetchall())
        return Results(count=count, hits=hits, facets=_facets(rows))


def _lexemes(tokens):
    # array_to_tsvector refuses empty strings; duplicates add nothing without positions.
    return sorted({token for token in tokens.split(" ") if token})


def _ts_lexeme(token):
    # A quoted tsquery lexeme: nothing inside is read as an operator.
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
