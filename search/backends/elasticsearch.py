"""The Elasticsearch 8 backend: the project's own tokens in one index per language.

Text is analysed in Python (``search.analysis``), exactly as for the database backend,
and the tokens are indexed space-separated into ``title_tokens``/``text_tokens``, whose
analyzer ``kepu_tokens`` only splits on whitespace. Queries are ``term`` queries on
those tokens, so index time and query time use the same function and the cluster needs
no plugin (no ICU, no smartcn).

Each language has an alias ``{prefix}-{locale}`` in front of a concrete index
``{alias}-{timestamp}``. ``rebuild`` loads fresh indexes, then swaps the aliases in one
atomic ``update_aliases`` call and deletes the old indexes, so searches never see a half
built index. ``index``/``remove`` write through the alias.

The mapping and the query are built by small pure functions (``index_body``,
``search_body``, ``bulk_action``, ``parse_response``) that the unit tests assert on.
"""

import logging
import re
from contextlib import contextmanager
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import elasticsearch
from elasticsearch import helpers

# elasticsearch-dsl 8.18 (the package the project declares) is part of the client: its
# release documents importing it as ``elasticsearch.dsl`` (the old top-level
# ``elasticsearch_dsl`` only redirects there).
from elasticsearch.dsl import (
    Boolean,
    Date,
    Index,
    Integer,
    Keyword,
    MetaField,
    Q,
    Search,
    Text,
    analyzer,
    tokenizer,
)
from elasticsearch.dsl import Document as DslDocument
from elasticsearch.exceptions import ApiError, NotFoundError, TransportError

from django.conf import settings

from cms import languages
from search import analysis

from .base import BackendUnavailable, Hit, Results, SearchBackend, required_groups

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT = 10  # seconds, for searches and small writes
BULK_TIMEOUT = 120  # seconds, for one bulk chunk during a rebuild
BULK_CHUNK = 500  # documents per bulk request
BULK_CHUNK_BYTES = 10 * 1024 * 1024  # well under the cluster's http.max_content_length
TITLE_BOOST = 10
CHANNEL_FACET_SIZE = 100
SOURCE_FIELDS = ["page_id", "title", "url", "locale", "channel", "kind", "text"]
# The index that ``index``/``remove`` create when a language has no alias yet. Its name
# is fixed so that two workers racing to create it cannot both succeed (and leave the
# alias in front of two indexes); a rebuild replaces it with a timestamped one.
INITIAL_SUFFIX = "initial"

# Whitespace as Lucene's whitespace tokenizer sees it (Java's Character.isWhitespace).
# search.analysis never puts spaces inside a token; removing these characters from
# tokens at index and at query time keeps the two sides identical if one ever did.
_TOKENIZER_WHITESPACE = re.compile(
    "[\t\n\x0b\x0c\r\x1c-\x1f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]"
)

# Tokens are split on whitespace only: search.analysis has already folded case, width
# and script. Lucene would cut tokens longer than 255 characters by default, which a
# term query for the whole token would then never match.
kepu_whitespace = tokenizer("kepu_whitespace", "whitespace", max_token_length=1024)
kepu_tokens = analyzer("kepu_tokens", tokenizer=kepu_whitespace)


class PageDocument(DslDocument):
    """One page in a language's index. ``title`` and ``text`` are kept for display only;
    matching and scoring use the analysed tokens."""

    page_id = Integer()
    locale = Keyword()
    channel = Keyword()
    kind = Keyword()
    # Readers find public pages only; the admin's page search finds every page.
    public = Boolean()
    title = Text(index=False)
    text = Text(index=False)
    # No phrase queries are ever run: term frequencies are enough (no positions).
    title_tokens = Text(analyzer=kepu_tokens, index_options="freqs")
    text_tokens = Text(analyzer=kepu_tokens, index_options="freqs")
    url = Keyword(index=False)
    published_at = Date()

    class Meta:
        dynamic = MetaField("strict")


# Names ----------------------------------------------------------------------------


def index_prefix():
    return settings.KEPU_SEARCH_INDEX_PREFIX.lower()


def alias_name(locale):
    """The alias that searches and writes use: ``kepu-zh-hans``."""
    return f"{index_prefix()}-{locale.lower()}"


def timestamp(now=None):
    return (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S%f")


def concrete_name(locale, stamp):
    """A concrete index behind the alias: ``kepu-zh-hans-20250101120000000000``."""
    return f"{alias_name(locale)}-{stamp}"


def replicas():
    # Read from the environment by cms/settings/base.py; None (unset) means none.
    return int(settings.KEPU_SEARCH_INDEX_REPLICAS or 0)


# Pure builders --------------------------------------------------------------------


def build_index(name):
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=replicas())
    index.document(PageDocument)
    return index


def index_body():
    """``{"settings": …, "mappings": …}`` for a new concrete index."""
    return build_index("unused").to_dict()


def clean_tokens(tokens):
    """Tokens as the index stores them: no whitespace inside, no empty ones."""
    cleaned = (_TOKENIZER_WHITESPACE.sub("", token) for token in tokens)
    return [token for token in cleaned if token]


def dsl_document(doc, index):
    """The elasticsearch-dsl document for a ``search.documents.Document``."""
    return PageDocument(
        meta={"id": str(doc.page_id), "index": index},
        page_id=doc.page_id,
        locale=doc.locale,
        channel=doc.channel,
        kind=doc.kind,
        public=doc.public,
        title=doc.title,
        text=doc.text,
        title_tokens=" ".join(clean_tokens(analysis.index_tokens(doc.title))),
        text_tokens=" ".join(clean_tokens(analysis.index_tokens(doc.text))),
        url=doc.url,
        published_at=doc.published_at,
    )


def bulk_action(doc, index):
    """One bulk action (``_index``, ``_id``, ``_source``) for ``helpers.bulk``."""
    return dsl_document(doc, index).to_dict(include_meta=True)


def query_groups(query):
    """The query's groups as the index sees them: cleaned, de-duplicated, non-empty."""
    groups = []
    for group in query.groups:
        tokens = list(dict.fromkeys(clean_tokens(group)))
        if tokens:
            groups.append(tokens)
    return groups


def search_body(query):
    """The JSON body of the search request for ``query``, or None when there is nothing
    to search for.

    Every group is a clause matching any of its tokens (title ten times the text). A
    document must match ``required_groups(n)`` of the n groups (all of one or two,
    three quarters of more: docs/adr/0016), sent as an integer ``minimum_should_match``
    so that every backend requires the same number; the scores of the matched groups
    add up, so pages with more of the words rank first. Public and language are
    filters; channel and type are a ``post_filter`` so that the facets count the whole
    language and query before those two filters."""
    groups = query_groups(query)
    if not groups:
        return None
    clauses = [
        Q(
            "bool",
            should=[
                clause
                for token in group
                for clause in (
                    Q("term", title_tokens={"value": token, "boost": TITLE_BOOST}),
                    Q("term", text_tokens={"value": token}),
                )
            ],
            minimum_should_match=1,
        )
        for group in groups
    ]
    filters = []
    if query.public:
        # "Not false" rather than "true": documents indexed before the field existed
        # (all public) stay found until the next rebuild.
        filters.append(Q("bool", must_not=[Q("term", public=False)]))
    if query.language:
        filters.append(Q("term", locale=query.language))
    required = required_groups(len(clauses))
    if required == len(clauses):
        matching = Q("bool", filter=filters, must=clauses)
    else:
        matching = Q("bool", filter=filters, should=clauses, minimum_should_match=required)
    search = Search().query(matching)
    narrowing = []
    if query.channel:
        narrowing.append(Q("term", channel=query.channel))
    if query.kind:
        narrowing.append(Q("term", kind=query.kind))
    if narrowing:
        search = search.post_filter(Q("bool", filter=narrowing))
    search.aggs.bucket("channel", "terms", field="channel", size=CHANNEL_FACET_SIZE)
    search.aggs.bucket("type", "terms", field="kind", size=10)
    search = search.sort("_score", {"page_id": {"order": "desc"}})
    search = search.source(includes=SOURCE_FIELDS)
    search = search.extra(from_=query.offset, size=query.per_page, track_total_hits=True)
    return search.to_dict()


def parse_response(body):
    """Results from the JSON body of a search response."""
    total = body["hits"]["total"]
    count = total["value"] if isinstance(total, dict) else int(total)
    hits = []
    for raw in body["hits"]["hits"]:
        source = raw.get("_source", {})
        hits.append(
            Hit(
                page_id=int(source.get("page_id", raw.get("_id"))),
                title=source.get("title", ""),
                url=source.get("url", ""),
                locale=source.get("locale", ""),
                channel=source.get("channel", ""),
                kind=source.get("kind", ""),
                text=source.get("text", ""),
                score=float(raw.get("_score") or 0.0),
            )
        )
    aggregations = body.get("aggregations", {})
    facets = {
        facet: {
            bucket["key"]: bucket["doc_count"]
            for bucket in aggregations.get(facet, {}).get("buckets", [])
        }
        for facet in ("channel", "type")
    }
    return Results(count=count, hits=hits, facets=facets)


def safe_url(url):
    """The URL without its credentials, for messages and logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<invalid URL>"
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        parts = parts._replace(netloc=f"***@{host}")
    return urlunsplit(parts)


# The backend ----------------------------------------------------------------------


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url, **client_options):
        self.url = url
        self.client_options = client_options
        self._client = None
        self._ready = set()  # aliases known to exist, so index() asks only once

    @property
    def client(self):
        """The Elasticsearch client, created on first use (never in ``__init__``)."""
        if self._client is None:
            options = {
                "request_timeout": REQUEST_TIMEOUT,
                "retry_on_timeout": True,
                "max_retries": 2,
            }
            api_key = settings.ELASTICSEARCH_API_KEY
            if api_key:
                options["api_key"] = api_key
            ca_certs = settings.ELASTICSEARCH_CA_CERTS
            if ca_certs:
                options["ca_certs"] = ca_certs
            options.update(self.client_options)
            try:
                self._client = elasticsearch.Elasticsearch(self.url, **options)
            except ValueError as exc:
                raise BackendUnavailable(
                    f"ELASTICSEARCH_URL {safe_url(self.url)!r} is not usable: {exc}"
                ) from exc
        return self._client

    @client.setter
    def client(self, value):
        self._client = value
        self._ready.clear()

    # SearchBackend ----------------------------------------------------------------

    def check(self):
        with self._errors("checking the cluster"):
            health = self.client.cluster.health(request_timeout=2).body
        if health.get("status") == "red":
            raise BackendUnavailable(f"Elasticsearch at {safe_url(self.url)}: cluster is red")

    def search(self, query):
        if not query.groups:
            return Results()
        body = search_body(query)
        if body is None:
            return Results()
        # The admin's page search (no language) reads every language's alias.
        alias = ",".join(alias_name(code) for code in _codes(query.language))
        with self._errors(f"searching {alias}"):
            try:
                if query.language:
                    response = self.client.search(index=alias, body=body)
                else:  # a language without an index yet has nothing to find
                    response = self.client.search(index=alias, body=body, ignore_unavailable=True)
            except NotFoundError:
                logger.warning("search index %s does not exist yet: run search_rebuild", alias)
                return Results()
        return parse_response(response.body)

    def public_languages(self, page_ids):
        ids = sorted({int(page_id) for page_id in page_ids})
        if not ids:
            return set()
        body = Search().filter("terms", page_id=ids).filter("term", public=True).extra(size=0)
        body.aggs.bucket("locale", "terms", field="locale", size=len(languages.CODES))
        aliases = ",".join(alias_name(code) for code in languages.CODES)
        with self._errors("reading which pages are public"):
            response = self.client.search(
                index=aliases, body=body.to_dict(), ignore_unavailable=True
            )
        buckets = response.body.get("aggregations", {}).get("locale", {}).get("buckets", [])
        return {bucket["key"] for bucket in buckets}

    def index(self, documents):
        documents = list(documents)
        if not documents:
            return
        with self._errors("indexing"):
            aliases = {
                locale: self._ensure_alias(locale) for locale in {d.locale for d in documents}
            }
            helpers.bulk(
                self.client,
                (bulk_action(doc, aliases[doc.locale]) for doc in documents),
                chunk_size=BULK_CHUNK,
                max_chunk_bytes=BULK_CHUNK_BYTES,
                # Never let a write auto-create a concrete index named like the alias.
                require_alias=True,
                # Searchable before the task purges the cached results (search/indexing.py):
                # otherwise a search in the next second caches the old answer again.
                refresh="wait_for",
            )

    def remove(self, page_ids):
        ids = sorted({int(page_id) for page_id in page_ids})
        if not ids:
            return
        with self._errors("removing"):
            aliases = [self._ensure_alias(locale) for locale in languages.CODES]
            helpers.bulk(
                self.client,
                (
                    {"_op_type": "delete", "_index": alias, "_id": str(page_id)}
                    for alias in aliases
                    for page_id in ids
                ),
                chunk_size=BULK_CHUNK,
                ignore_status=(404,),  # a page is in one language only
                refresh="wait_for",  # gone before the cached results are purged
            )

    def rebuild(self, documents, locale=None):
        stamp = timestamp()
        created = {}  # locale -> new concrete index
        count = 0
        with self._errors(f"rebuilding {locale or 'all languages'}"):
            try:
                for code in [locale] if locale else languages.CODES:
                    created[code] = self._create_index(concrete_name(code, stamp))

                def actions():
                    for doc in documents:
                        if locale and doc.locale != locale:
                            continue
                        if doc.locale not in created:
                            created[doc.locale] = self._create_index(
                                concrete_name(doc.locale, stamp)
                            )
                        yield bulk_action(doc, created[doc.locale])

                for ok, _item in helpers.streaming_bulk(
                    self.client.options(request_timeout=BULK_TIMEOUT),
                    actions(),
                    chunk_size=BULK_CHUNK,
                    max_chunk_bytes=BULK_CHUNK_BYTES,
                    max_retries=3,  # on 429 (the cluster is busy)
                    initial_backoff=2,
                ):
                    count += ok
                self.client.indices.refresh(index=",".join(created.values()))
                swap, old = self._swap_actions(created)
                self.client.indices.update_aliases(actions=swap)
            except BaseException:
                self._drop(created.values())
                raise
        self._ready.update(alias_name(code) for code in created)
        if old:
            try:
                self.client.indices.delete(index=",".join(old))
            except (ApiError, TransportError) as exc:
                logger.warning("rebuild done, but the old indexes %s remain: %s", old, exc)
        return count

    # Helpers ----------------------------------------------------------------------

    @contextmanager
    def _errors(self, doing):
        """Every failure of the cluster or of the connection as BackendUnavailable."""
        try:
            yield
        except helpers.BulkIndexError as exc:
            self._ready.clear()
            raise BackendUnavailable(
                f"Elasticsearch at {safe_url(self.url)}: {doing}: "
                f"{len(exc.errors)} document(s) failed, the first: {_describe(exc.errors)}"
            ) from exc
        except (ApiError, TransportError) as exc:
            self._ready.clear()
            raise BackendUnavailable(
                f"Elasticsearch at {safe_url(self.url)}: {doing} failed: {exc}"
            ) from exc

    def _create_index(self, name, aliases=None):
        body = index_body()
        self.client.indices.create(
            index=name, settings=body["settings"], mappings=body["mappings"], aliases=aliases
        )
        return name

    def _ensure_alias(self, locale):
        """The alias for ``locale``, creating a first index behind it when missing."""
        alias = alias_name(locale)
        if alias in self._ready:
            return alias
        if not self.client.indices.exists_alias(name=alias):
            name = f"{alias}-{INITIAL_SUFFIX}"
            try:
                self._create_index(name, aliases={alias: {}})
            except ApiError as exc:
                if exc.error != "resource_already_exists_exception":
                    raise
                # Another worker created it first (or it lost its alias): make sure.
                self.client.indices.put_alias(index=name, name=alias)
        self._ready.add(alias)
        return alias

    def _indexes_behind(self, alias):
        """(indexes the alias points to, whether ``alias`` is itself a concrete index)."""
        body = self.client.options(ignore_status=404).indices.get_alias(name=alias).body
        found = sorted(
            name
            for name, info in body.items()
            if isinstance(info, dict) and alias in info.get("aliases", {})
        )
        if found:
            return found, False
        if self.client.indices.exists(index=alias):
            return [alias], True
        return [], False

    def _swap_actions(self, created):
        """The ``update_aliases`` actions that point every alias at its new index, and
        the old indexes to delete afterwards."""
        actions, old = [], []
        for code, new in created.items():
            alias = alias_name(code)
            behind, concrete = self._indexes_behind(alias)
            if concrete:
                # An index (auto-created by a write) holds the alias's name: drop it in
                # the same atomic step, or the alias could not be added.
                actions.append({"remove_index": {"index": alias}})
            else:
                for name in behind:
                    # must_exist: a concurrent rebuild that swapped first makes this
                    # one fail instead of leaving the alias on two indexes.
                    actions.append({"remove": {"index": name, "alias": alias, "must_exist": True}})
                    old.append(name)
            actions.append({"add": {"index": new, "alias": alias}})
        return actions, old

    def _drop(self, names):
        """Best effort: delete indexes of a failed rebuild."""
        names = list(names)
        if not names or self._client is None:
            return
        try:
            self.client.options(ignore_status=404).indices.delete(index=",".join(names))
        except (ApiError, TransportError) as exc:
            logger.warning("could not delete the unfinished indexes %s: %s", names, exc)


def _codes(language):
    return [language] if language else list(languages.CODES)


def _describe(errors):
    """The first failed bulk item, without the document it carried."""
    if not errors:
        return "?"
    ((op, item),) = errors[0].items()
    error = item.get("error", "")
    if isinstance(error, dict):
        error = f"{error.get('type')}: {error.get('reason')}"
    return f"{op} {item.get('_index', '')}/{item.get('_id', '')} (status {item.get('status')}): {error}"
