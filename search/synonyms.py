"""Synonyms and abbreviations: a query for one name of a thing finds pages that use
another (世卫组织, 世界卫生组织 and WHO; 高反 and 高原反应).

Search does not know where the names come from: the layer above registers a provider
(content registers the glossary's, in its AppConfig.ready, because search must not
import content). A provider returns ``{concept: [name, …]}``; names of any language may
share a concept, since each is analysed by its own script's analyser.

How it matches, without changing what a query is (groups of alternatives, all required):

- **Index time**: a document whose tokens would match a query for one of a concept's
  names also gets the concept's token (``≡`` and the concept, one token).
- **Query time**: where the query holds every group of a name, the concept's token is
  added as an alternative to each of those groups. (a OR c) AND (b OR c) is (a AND b)
  OR c, so a page matches when it has the name as typed (also a page indexed before
  the synonym existed) or any name of the concept (pages indexed since).

A name added to the glossary therefore finds older pages that use the *other* names
only once they are indexed again (``manage.py search_rebuild``).

Providers are asked again at most every ``TTL`` seconds (other processes learn of a
glossary change that way), and at once after ``invalidate()`` in this process.
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)

TTL = 60.0
MARK = "\u2261"  # ≡: never in an analysed word, so a concept token is no reader's word

_providers = []
_lock = threading.Lock()
# ([(concept token, [groups of each name])], {a token that starts a name: [(concept
# token, that name's groups)]}): the second finds a document's concepts by looking up
# only the tokens it has.
_table = None
_loaded_at = 0.0
_analysed_with = None


def register(provider):
    """Add a callable returning ``{concept: [names]}`` (or None when it cannot tell yet)."""
    if provider not in _providers:
        _providers.append(provider)
    invalidate()


def unregister(provider):
    if provider in _providers:
        _providers.remove(provider)
    invalidate()


def invalidate():
    global _table
    _table = None


def concept_token(concept):
    # Tokens may hold no ASCII punctuation (SQLite's FTS5 splits on it): a key's
    # hyphens become the mark too.
    return MARK + "".join(c if c.isalnum() else MARK for c in str(concept).casefold())


def _load(query_groups):
    names = {}
    for provider in list(_providers):
        try:
            found = provider()
        except Exception as exc:  # noqa: BLE001
            # Synonyms only widen a search: whatever stops reading them (no table yet,
            # the database down, no database at all in a script) must not stop indexing
            # or searching. Asked again after TTL seconds.
            logger.warning("search synonyms unavailable: %s", exc)
            found = None
        for concept, forms in (found or {}).items():
            names.setdefault(concept, []).extend(forms)
    table = []
    for concept, forms in names.items():
        analysed = []
        for form in dict.fromkeys(forms):
            groups = query_groups(form)
            if groups and groups not in analysed:
                analysed.append(groups)
        if len(analysed) > 1:  # one name alone is no synonym
            table.append((concept_token(concept), analysed))
    starts = {}
    for token, analysed in table:
        for groups in analysed:
            for first in groups[0]:
                starts.setdefault(first, []).append((token, groups))
    return table, starts


def _entries(query_groups):
    global _table, _loaded_at, _analysed_with
    if not _providers:
        return (), {}
    now = time.monotonic()
    table = _table
    if table is None or now - _loaded_at > TTL or _analysed_with is not query_groups:
        with _lock:
            table = _load(query_groups)
            _table, _loaded_at, _analysed_with = table, now, query_groups
    return table


def concept_tokens(tokens, query_groups):
    """The concept tokens of a document with these ``tokens``. ``query_groups`` is the
    analysis without synonyms (search.analysis passes its own)."""
    _, starts = _entries(query_groups)
    present = set(tokens)
    found = set()
    for first in present.intersection(starts):
        for token, groups in starts[first]:
            if token not in found and all(any(t in present for t in group) for group in groups[1:]):
                found.add(token)
    return sorted(found)


def expand(groups, query_groups):
    """The query's ``groups`` with each concept token added to the groups of the name
    that the query holds."""
    entries, _ = _entries(query_groups)
    if not entries:
        return groups
    original = [list(group) for group in groups]
    groups = [list(group) for group in groups]
    for token, names in entries:
        for name in names:
            # A name's groups, found among the query's (the analysis keeps the same
            # group once, so membership is enough).
            where = [original.index(g) for g in name if g in original]
            if len(where) == len(name):
                for at in where:
                    if token not in groups[at]:
                        groups[at].append(token)
    return groups
