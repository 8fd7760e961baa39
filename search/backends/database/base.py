"""What both database dialects share: the entries, the rebuild, errors, facet tokens.

A dialect (sqlite.py, postgres.py) keeps its full-text structure in step with the
entries (``write_many``, ``delete``, ``clear``) and answers searches (``search``).
"""

import re

from django.db import DatabaseError, transaction

from search import analysis
from search.models import SearchEntry

from ..base import BackendUnavailable, Hit, Results, SearchBackend

NOT_ALNUM = re.compile(r"[^0-9a-z]")
# The token every entry that readers must not find carries beside its language, channel
# and type: a public search excludes it inside the full-text match, so a draft can never
# be a result. Marking the few private entries rather than the many public ones keeps
# the token's posting list short (a token in every document costs every query a read
# of the whole list).
PRIVATE_TOKEN = "p0"


def facet_token(prefix, value):
    """An ASCII token for filtering inside the index: ("l", "zh-hans") -> "lzhhans"."""
    return prefix + NOT_ALNUM.sub("", value.lower())


def facet_tokens(entry):
    tokens = [
        facet_token("l", entry.locale),
        facet_token("c", entry.channel),
        facet_token("k", entry.kind),
    ]
    if not entry.public:
        tokens.append(PRIVATE_TOKEN)
    return tokens


def filter_tokens(query, narrowed):
    """The facet tokens a search requires: the language (when asked), and the channel
    and type only for the ``narrowed`` search (facets count without them). A public
    search also excludes PRIVATE_TOKEN."""
    tokens = []
    if query.language:
        tokens.append(facet_token("l", query.language))
    if narrowed and query.channel:
        tokens.append(facet_token("c", query.channel))
    if narrowed and query.kind:
        tokens.append(facet_token("k", query.kind))
    return tokens


class DatabaseBackend(SearchBackend):
    name = "database"

    def __init__(self):
        self._dialect = None

    @property
    def dialect(self):
        raise NotImplementedError  # chosen per connection (database/__init__.py)

    def index(self, documents):
        try:
            with transaction.atomic():
                for doc in documents:
                    self.dialect.write(_save_entry(doc))
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

    def public_languages(self, page_ids):
        try:
            return set(
                SearchEntry.objects.filter(page_id__in=page_ids, public=True)
                .values_list("locale", flat=True)
                .distinct()
            )
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
        public=doc.public,
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


def hits(rows):
    """Hits from rows of (page_id, title, url, locale, channel, kind, text, score)."""
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


def facets(rows):
    """The facets from rows of (channel, kind, count)."""
    found = {"channel": {}, "type": {}}
    for channel, kind, n in rows:
        found["channel"][channel] = found["channel"].get(channel, 0) + n
        found["type"][kind] = found["type"].get(kind, 0) + n
    return found


def narrowed_count(rows, query):
    """The result count from the facet rows: those of the query's channel and type."""
    return sum(
        n
        for channel, kind, n in rows
        if (not query.channel or channel == query.channel)
        and (not query.kind or kind == query.kind)
    )
