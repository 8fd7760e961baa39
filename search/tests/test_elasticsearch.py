"""The Elasticsearch backend without a cluster: the mapping and query JSON it builds, and
the requests it sends, recorded by a real ``elasticsearch.Elasticsearch`` client whose
transport node is a small in-memory imitation of a cluster (indexes, aliases, bulk).
No network and no database."""

import json
from collections import namedtuple
from datetime import UTC, datetime
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ConnectionError as ESConnectionError
from elasticsearch.exceptions import ConnectionTimeout

from search import analysis
from search.backends import elasticsearch as es
from search.backends.base import BackendUnavailable, Hit, Query, Results
from search.documents import Document

# The fake cluster ------------------------------------------------------------------

# What a transport node returns (elastic_transport's NodeApiResponse has these fields).
NodeResponse = namedtuple("NodeResponse", "meta body")


class FakeCluster:
    """Records every HTTP request and answers like Elasticsearch 8 for the calls the
    backend makes. ``fail`` makes every request raise (a connection error, a timeout)."""

    def __init__(self):
        self.calls = []  # (method, path, params, body)
        self.indexes = {}  # name -> {"aliases": set, "docs": {id: source}, "body": create body}
        self.search_response = {"hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}}
        self.fail = None
        self.bulk_item_error = None  # an error dict for every index action

    def client(self):
        cluster = self

        class Node(BaseNode):
            def perform_request(self, method, target, body=None, headers=None, **kwargs):
                status, answer = cluster.handle(method, target, body)
                meta = ApiResponseMeta(
                    status=status,
                    http_version="1.1",
                    headers=HttpHeaders(
                        {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
                    ),
                    duration=0.0,
                    node=self.config,
                )
                data = b"" if method == "HEAD" else json.dumps(answer).encode()
                return NodeResponse(meta, data)

        return Elasticsearch("http://es.test:9200", node_class=Node, max_retries=0)

    # What was sent

    def requests(self):
        """The calls as "METHOD /path", in order."""
        return [f"{method} {path}" for method, path, _params, _body in self.calls]

    def bodies(self, method, path):
        return [body for m, p, _params, body in self.calls if (m, p) == (method, path)]

    def aliases(self):
        return {
            alias: sorted(name for name, index in self.indexes.items() if alias in index["aliases"])
            for index in self.indexes.values()
            for alias in index["aliases"]
        }

    # The imitation

    def handle(self, method, target, raw):
        if self.fail:
            raise self.fail
        url = urlsplit(target)
        path, params = unquote(url.path), dict(parse_qsl(url.query))
        if raw and path.endswith("/_bulk"):
            body = [json.loads(line) for line in raw.decode().splitlines() if line]
        else:
            body = json.loads(raw) if raw else None
        self.calls.append((method, path, params, body))
        parts = path.strip("/").split("/")
        if path == "/_bulk":
            return self._bulk(list(body), params)
        if path == "/_aliases":
            return self._update_aliases(body["actions"])
        if parts[0] == "_alias":
            return self._get_alias(method, parts[1])
        if len(parts) == 3 and parts[1] == "_alias":
            self.indexes[parts[0]]["aliases"].add(parts[2])
            return 200, {"acknowledged": True}
        if len(parts) == 2 and parts[1] == "_search":
            if not self._resolve(parts[0]):
                return 404, _error("index_not_found_exception", f"no such index [{parts[0]}]")
            return 200, self.search_response
        if len(parts) == 2 and parts[1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        names = parts[0].split(",")
        if method == "PUT":
            return self._create(names[0], body)
        if method == "HEAD":
            return (200 if names[0] in self.indexes or self._resolve(names[0]) else 404), None
        if method == "DELETE":
            for name in names:
                self.indexes.pop(name, None)
            return 200, {"acknowledged": True}
        raise AssertionError(f"unexpected request {method} {target}")

    def _resolve(self, name):
        if name in self.indexes:
            return [name]
        return [n for n, index in self.indexes.items() if name in index["aliases"]]

    def _create(self, name, body):
        if name in self.indexes:
            return 400, _error(
                "resource_already_exists_exception", f"index [{name}] already exists"
            )
        aliases = set((body or {}).get("aliases", {}))
        self.indexes[name] = {"aliases": aliases, "docs": {}, "body": body}
        return 200, {"acknowledged": True, "index": name}

    def _get_alias(self, method, alias):
        found = {
            n: {"aliases": {alias: {}}} for n in self.indexes if alias in self.indexes[n]["aliases"]
        }
        if method == "HEAD":
            return (200 if found else 404), None
        if not found:
            return 404, {"error": f"alias [{alias}] missing", "status": 404}
        return 200, found

    def _update_aliases(self, actions):
        for action in actions:
            ((kind, spec),) = action.items()
            if kind == "remove" and spec["alias"] not in self.indexes.get(spec["index"], {}).get(
                "aliases", ()
            ):
                return 404, _error(
                    "aliases_not_found_exception", f"aliases [{spec['alias']}] missing"
                )
        for action in actions:
            ((kind, spec),) = action.items()
            if kind == "add":
                self.indexes[spec["index"]]["aliases"].add(spec["alias"])
            elif kind == "remove":
                self.indexes[spec["index"]]["aliases"].discard(spec["alias"])
            elif kind == "remove_index":
                del self.indexes[spec["index"]]
        return 200, {"acknowledged": True}

    def _bulk(self, lines, params):
        items = []
        while lines:
            ((op, meta),) = lines.pop(0).items()
            source = lines.pop(0) if op != "delete" else None
            name = meta["_index"]
            targets = self._resolve(name)
            if op == "delete":
                found = self.indexes[targets[0]]["docs"].pop(meta["_id"], None) if targets else None
                items.append({op: {"_id": meta["_id"], "status": 200 if found else 404}})
            elif self.bulk_item_error:
                items.append({op: {"_index": name, "status": 400, "error": self.bulk_item_error}})
            elif params.get("require_alias") == "true" and (not targets or name in self.indexes):
                error = {"type": "index_not_found_exception", "reason": f"no such index [{name}]"}
                items.append({op: {"_index": name, "status": 404, "error": error}})
            else:
                if not targets:  # Elasticsearch creates a missing index on a write
                    self.indexes[name] = {"aliases": set(), "docs": {}, "body": None}
                    targets = [name]
                self.indexes[targets[0]]["docs"][meta["_id"]] = source
                items.append({op: {"_index": targets[0], "_id": meta["_id"], "status": 201}})
        errors = any(not 200 <= next(iter(item.values()))["status"] < 300 for item in items)
        return 200, {"took": 1, "errors": errors, "items": items}


def _error(kind, reason):
    return {
        "error": {"root_cause": [{"type": kind, "reason": reason}], "type": kind, "reason": reason},
        "status": 400 if kind == "resource_already_exists_exception" else 404,
    }


@pytest.fixture
def cluster():
    return FakeCluster()


@pytest.fixture
def backend(cluster, settings):
    settings.KEPU_SEARCH_INDEX_PREFIX = "kepu"
    backend = es.ElasticsearchBackend("http://es.test:9200")
    backend.client = cluster.client()
    return backend


def doc(
    page_id,
    locale="zh-hans",
    channel="health",
    kind="article",
    title="牦牛疾病",
    text="冬春季节牦牛容易得病",
):
    return Document(
        page_id=page_id,
        locale=locale,
        channel=channel,
        kind=kind,
        title=title,
        text=text,
        url=f"/{locale}/health/{page_id}/",
        published_at=datetime(2025, 3, 1, 8, 30, tzinfo=UTC),
    )


def query(groups, **kwargs):
    return Query(text="…", language=kwargs.pop("language", "zh-hans"), groups=groups, **kwargs)


# Names and mapping -----------------------------------------------------------------


def test_names_come_from_the_prefix_setting(settings):
    settings.KEPU_SEARCH_INDEX_PREFIX = "Kepu-Staging"
    assert es.alias_name("zh-hans") == "kepu-staging-zh-hans"
    stamp = es.timestamp(datetime(2025, 1, 2, 3, 4, 5, 6, tzinfo=UTC))
    assert es.concrete_name("bo", stamp) == "kepu-staging-bo-20250102030405000006"


def test_the_mapping_indexes_our_tokens_with_a_plain_whitespace_analyzer(settings):
    settings.KEPU_SEARCH_INDEX_REPLICAS = None
    body = es.index_body()
    assert body["settings"] == {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "analyzer": {"kepu_tokens": {"type": "custom", "tokenizer": "kepu_whitespace"}},
            "tokenizer": {"kepu_whitespace": {"type": "whitespace", "max_token_length": 1024}},
        },
    }
    assert body["mappings"] == {
        "dynamic": "strict",
        "properties": {
            "page_id": {"type": "integer"},
            "locale": {"type": "keyword"},
            "channel": {"type": "keyword"},
            "kind": {"type": "keyword"},
            "public": {"type": "boolean"},
            "title": {"type": "text", "index": False},
            "text": {"type": "text", "index": False},
            "title_tokens": {"type": "text", "analyzer": "kepu_tokens", "index_options": "freqs"},
            "text_tokens": {"type": "text", "analyzer": "kepu_tokens", "index_options": "freqs"},
            "url": {"type": "keyword", "index": False},
            "published_at": {"type": "date"},
        },
    }
    # Plugin-free: nothing but built-in pieces, and no token filter at all.
    assert "filter" not in json.dumps(body["settings"])
    assert not {"icu", "smartcn", "ik"} & set(json.dumps(body).replace('"', " ").split())


def test_replicas_are_configurable(settings):
    settings.KEPU_SEARCH_INDEX_REPLICAS = 2
    assert es.index_body()["settings"]["number_of_replicas"] == 2


def test_a_bulk_action_carries_the_display_fields_and_the_analysed_tokens():
    document = doc(7, title="牦牛常见疾病的预防", text="冬春季节牦牛容易得病。")
    assert es.bulk_action(document, "kepu-zh-hans-1") == {
        "_index": "kepu-zh-hans-1",
        "_id": "7",
        "_source": {
            "page_id": 7,
            "locale": "zh-hans",
            "channel": "health",
            "kind": "article",
            "public": True,
            "title": "牦牛常见疾病的预防",
            "text": "冬春季节牦牛容易得病。",
            "title_tokens": " ".join(analysis.index_tokens("牦牛常见疾病的预防")),
            "text_tokens": " ".join(analysis.index_tokens("冬春季节牦牛容易得病。")),
            "url": "/zh-hans/health/7/",
            "published_at": datetime(2025, 3, 1, 8, 30, tzinfo=UTC),
        },
    }


def test_tokens_never_hold_whitespace_on_either_side(monkeypatch):
    # Should a token ever contain a character Lucene splits on, the index and the
    # query drop it alike, so a term query still finds the indexed token.
    monkeypatch.setattr("search.analysis.index_tokens", lambda text: ["ab\u3000c", "\t", "d"])
    source = es.bulk_action(doc(1), "i")["_source"]
    assert source["title_tokens"] == "abc d"
    body = es.search_body(query([["ab\u3000c", " "], ["\u2003"]]))
    assert body["query"]["bool"]["must"] == [
        {
            "bool": {
                "should": [
                    {"term": {"title_tokens": {"value": "abc", "boost": 10}}},
                    {"term": {"text_tokens": {"value": "abc"}}},
                ],
                "minimum_should_match": 1,
            }
        }
    ]


# The search body -------------------------------------------------------------------


def test_every_group_is_a_must_clause_of_its_alternatives_with_the_title_boosted():
    body = es.search_body(query([["气候"], ["变化", "变"]], page=3, per_page=10))
    assert body == {
        "query": {
            "bool": {
                "filter": [
                    {"bool": {"must_not": [{"term": {"public": False}}]}},
                    {"term": {"locale": "zh-hans"}},
                ],
                "must": [
                    {
                        "bool": {
                            "should": [
                                {"term": {"title_tokens": {"value": "气候", "boost": 10}}},
                                {"term": {"text_tokens": {"value": "气候"}}},
                            ],
                            "minimum_should_match": 1,
                        }
                    },
                    {
                        "bool": {
                            "should": [
                                {"term": {"title_tokens": {"value": "变化", "boost": 10}}},
                                {"term": {"text_tokens": {"value": "变化"}}},
                                {"term": {"title_tokens": {"value": "变", "boost": 10}}},
                                {"term": {"text_tokens": {"value": "变"}}},
                            ],
                            "minimum_should_match": 1,
                        }
                    },
                ],
            }
        },
        "aggs": {
            "channel": {"terms": {"field": "channel", "size": 100}},
            "type": {"terms": {"field": "kind", "size": 10}},
        },
        "sort": ["_score", {"page_id": {"order": "desc"}}],
        "_source": {"includes": ["page_id", "title", "url", "locale", "channel", "kind", "text"]},
        "from": 20,
        "size": 10,
        "track_total_hits": True,
    }


def test_channel_and_type_narrow_the_hits_but_not_the_facets():
    plain = es.search_body(query([["རིག་པ"]], language="bo"))
    body = es.search_body(query([["རིག་པ"]], language="bo", channel="health", kind="video"))
    assert body["post_filter"] == {
        "bool": {"filter": [{"term": {"channel": "health"}}, {"term": {"kind": "video"}}]}
    }
    # The query proper (and so the aggregations) is the same with or without them.
    assert body["query"] == plain["query"]
    assert body["query"]["bool"]["filter"] == [
        {"bool": {"must_not": [{"term": {"public": False}}]}},
        {"term": {"locale": "bo"}},
    ]
    assert body["aggs"] == plain["aggs"]
    assert "post_filter" not in plain
    only_kind = es.search_body(query([["x"]], kind="article"))
    assert only_kind["post_filter"] == {"bool": {"filter": [{"term": {"kind": "article"}}]}}


def test_repeated_tokens_in_a_group_are_sent_once():
    body = es.search_body(query([["牦牛", "牦牛"]]))
    assert len(body["query"]["bool"]["must"][0]["bool"]["should"]) == 2


def group_clause(token):
    return {
        "bool": {
            "should": [
                {"term": {"title_tokens": {"value": token, "boost": 10}}},
                {"term": {"text_tokens": {"value": token}}},
            ],
            "minimum_should_match": 1,
        }
    }


@pytest.mark.parametrize("n, required", [(3, 2), (4, 3), (5, 3), (8, 6)])
def test_longer_queries_need_most_of_their_groups_not_all(n, required):
    words = ["牦牛", "疾病", "预防", "冬季", "保暖", "草场", "疫苗", "兽医"][:n]
    body = es.search_body(query([[w] for w in words]))
    assert body["query"] == {
        "bool": {
            "filter": [
                {"bool": {"must_not": [{"term": {"public": False}}]}},
                {"term": {"locale": "zh-hans"}},
            ],
            "should": [group_clause(w) for w in words],
            "minimum_should_match": required,
        }
    }


def test_the_admin_searches_every_page_of_every_language(backend, cluster):
    for code in ("zh-hans", "bo", "mn"):
        cluster.indexes[f"kepu-{code}-1"] = {"aliases": {f"kepu-{code}"}, "docs": {}, "body": None}
    cluster.search_response = RESPONSE
    q = query([["牦牛"]], language=None, public=False)
    assert "filter" not in json.dumps(es.search_body(q)["query"])
    backend.search(q)
    assert cluster.requests() == ["POST /kepu-zh-hans,kepu-bo,kepu-mn/_search"]


# Searching -------------------------------------------------------------------------

RESPONSE = {
    "took": 3,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 12, "relation": "eq"},
        "max_score": 21.7,
        "hits": [
            {
                "_index": "kepu-zh-hans-20250301083000000000",
                "_id": "41",
                "_score": 21.7,
                "_source": {
                    "page_id": 41,
                    "title": "牦牛常见疾病的预防",
                    "url": "/zh-hans/health/yak-disease/",
                    "locale": "zh-hans",
                    "channel": "health",
                    "kind": "article",
                    "text": "冬春季节牦牛容易得病，要注意防寒保暖。",
                },
                "sort": [21.7, 41],
            },
            {
                "_index": "kepu-zh-hans-20250301083000000000",
                "_id": "9",
                "_score": 3.25,
                "_source": {
                    "page_id": 9,
                    "title": "高原牧区的冬天",
                    "url": "/zh-hans/ecology/winter/",
                    "locale": "zh-hans",
                    "channel": "ecology",
                    "kind": "video",
                    "text": "牦牛在零下三十度也能过冬。",
                },
                "sort": [3.25, 9],
            },
        ],
    },
    "aggregations": {
        "channel": {
            "doc_count_error_upper_bound": 0,
            "sum_other_doc_count": 0,
            "buckets": [{"key": "health", "doc_count": 9}, {"key": "ecology", "doc_count": 5}],
        },
        "type": {
            "doc_count_error_upper_bound": 0,
            "sum_other_doc_count": 0,
            "buckets": [{"key": "article", "doc_count": 11}, {"key": "video", "doc_count": 3}],
        },
    },
}


def test_hits_and_facets_are_read_from_the_response():
    results = es.parse_response(RESPONSE)
    assert results.count == 12
    assert results.hits == [
        Hit(
            41,
            "牦牛常见疾病的预防",
            "/zh-hans/health/yak-disease/",
            "zh-hans",
            "health",
            "article",
            "冬春季节牦牛容易得病，要注意防寒保暖。",
            21.7,
        ),
        Hit(
            9,
            "高原牧区的冬天",
            "/zh-hans/ecology/winter/",
            "zh-hans",
            "ecology",
            "video",
            "牦牛在零下三十度也能过冬。",
            3.25,
        ),
    ]
    assert results.facets == {
        "channel": {"health": 9, "ecology": 5},
        "type": {"article": 11, "video": 3},
    }


def test_search_asks_the_language_alias_with_the_built_body(backend, cluster):
    cluster.indexes["kepu-zh-hans-1"] = {"aliases": {"kepu-zh-hans"}, "docs": {}, "body": None}
    cluster.search_response = RESPONSE
    q = query([["牦牛"], ["疾病"]], channel="health")
    results = backend.search(q)
    assert cluster.requests() == ["POST /kepu-zh-hans/_search"]
    assert cluster.bodies("POST", "/kepu-zh-hans/_search") == [es.search_body(q)]
    assert results.count == 12
    assert [hit.page_id for hit in results.hits] == [41, 9]
    assert results.facets["type"] == {"article": 11, "video": 3}


def test_an_empty_query_sends_nothing(backend, cluster):
    assert backend.search(query([])) == Results()
    assert backend.search(query([[" "]])) == Results()
    assert cluster.calls == []


def test_a_language_never_indexed_has_no_results(backend, cluster):
    assert backend.search(query([["ᠮᠣᠩᠬᠣᠯ"]], language="mn")) == Results()
    assert cluster.requests() == ["POST /kepu-mn/_search"]


# Rebuilding ------------------------------------------------------------------------


def test_rebuild_loads_new_indexes_then_swaps_every_alias_in_one_call(backend, cluster):
    for code in ("zh-hans", "bo", "mn"):
        cluster.indexes[f"kepu-{code}-old"] = {
            "aliases": {f"kepu-{code}"},
            "docs": {"1": {}},
            "body": None,
        }
    documents = [
        doc(1, title="牦牛疾病"),
        doc(2, locale="bo", title="བོད་ཀྱི་གསོ་བ་རིག་པ།", text="གསོ་བ་རིག་པ།"),
        doc(3, title="气候变化", kind="video"),
    ]

    count = backend.rebuild(iter(documents))

    assert count == 3
    new = {
        code: name
        for code in ("zh-hans", "bo", "mn")
        for name in cluster.indexes
        if name.startswith(f"kepu-{code}-2")
    }
    assert len(new) == 3 and len(set(new.values())) == 3
    assert cluster.requests() == [
        f"PUT /{new['zh-hans']}",
        f"PUT /{new['bo']}",
        f"PUT /{new['mn']}",
        "PUT /_bulk",
        f"POST /{new['zh-hans']},{new['bo']},{new['mn']}/_refresh",
        "GET /_alias/kepu-zh-hans",
        "GET /_alias/kepu-bo",
        "GET /_alias/kepu-mn",
        "POST /_aliases",
        "DELETE /kepu-zh-hans-old,kepu-bo-old,kepu-mn-old",
    ]
    # The new indexes were created with the mapping and without any alias.
    create = cluster.bodies("PUT", f"/{new['bo']}")[0]
    assert create == {
        "settings": es.index_body()["settings"],
        "mappings": es.index_body()["mappings"],
    }
    # Each document went to its own language's new index.
    bulk = cluster.bodies("PUT", "/_bulk")[0]
    assert [line["index"]["_index"] for line in bulk[::2]] == [
        new["zh-hans"],
        new["bo"],
        new["zh-hans"],
    ]
    assert bulk[3]["title_tokens"] == " ".join(analysis.index_tokens("བོད་ཀྱི་གསོ་བ་རིག་པ།"))
    assert bulk[3]["published_at"] == "2025-03-01T08:30:00+00:00"
    # One atomic swap: every alias leaves its old index and points at its new one.
    assert cluster.bodies("POST", "/_aliases") == [
        {
            "actions": [
                {
                    "remove": {
                        "index": "kepu-zh-hans-old",
                        "alias": "kepu-zh-hans",
                        "must_exist": True,
                    }
                },
                {"add": {"index": new["zh-hans"], "alias": "kepu-zh-hans"}},
                {"remove": {"index": "kepu-bo-old", "alias": "kepu-bo", "must_exist": True}},
                {"add": {"index": new["bo"], "alias": "kepu-bo"}},
                {"remove": {"index": "kepu-mn-old", "alias": "kepu-mn", "must_exist": True}},
                {"add": {"index": new["mn"], "alias": "kepu-mn"}},
            ]
        }
    ]
    assert cluster.aliases() == {f"kepu-{code}": [new[code]] for code in new}
    assert sorted(cluster.indexes) == sorted(new.values())
    assert set(cluster.indexes[new["zh-hans"]]["docs"]) == {"1", "3"}


def test_rebuilding_one_language_leaves_the_others_alone(backend, cluster):
    cluster.indexes["kepu-bo-old"] = {"aliases": {"kepu-bo"}, "docs": {}, "body": None}
    cluster.indexes["kepu-zh-hans-old"] = {"aliases": {"kepu-zh-hans"}, "docs": {}, "body": None}

    count = backend.rebuild([doc(1), doc(2, locale="bo"), doc(3, locale="bo")], locale="bo")

    assert count == 2
    (new,) = [name for name in cluster.indexes if name.startswith("kepu-bo-2")]
    assert cluster.aliases() == {"kepu-bo": [new], "kepu-zh-hans": ["kepu-zh-hans-old"]}
    assert "kepu-bo-old" not in cluster.indexes
    assert [c for c in cluster.requests() if c.startswith("PUT /kepu")] == [f"PUT /{new}"]


def test_a_first_rebuild_only_adds_the_aliases(backend, cluster):
    assert backend.rebuild([doc(1)], locale="zh-hans") == 1
    (new,) = cluster.indexes
    assert cluster.bodies("POST", "/_aliases") == [
        {"actions": [{"add": {"index": new, "alias": "kepu-zh-hans"}}]}
    ]
    assert not [c for c in cluster.requests() if c.startswith("DELETE")]


def test_a_rebuild_replaces_an_index_that_took_the_alias_name(backend, cluster):
    cluster.indexes["kepu-zh-hans"] = {"aliases": set(), "docs": {}, "body": None}
    backend.rebuild([doc(1)], locale="zh-hans")
    (new,) = cluster.indexes
    assert cluster.bodies("POST", "/_aliases")[0]["actions"] == [
        {"remove_index": {"index": "kepu-zh-hans"}},
        {"add": {"index": new, "alias": "kepu-zh-hans"}},
    ]


def test_a_failed_rebuild_keeps_the_old_index_and_drops_the_new_one(backend, cluster):
    cluster.indexes["kepu-zh-hans-old"] = {"aliases": {"kepu-zh-hans"}, "docs": {}, "body": None}
    cluster.bulk_item_error = {"type": "document_parsing_exception", "reason": "failed to parse"}

    with pytest.raises(BackendUnavailable, match="document_parsing_exception") as raised:
        backend.rebuild([doc(1)], locale="zh-hans")

    assert "冬春" not in str(raised.value)  # the message names the page, not its text

    assert cluster.aliases() == {"kepu-zh-hans": ["kepu-zh-hans-old"]}
    assert list(cluster.indexes) == ["kepu-zh-hans-old"]
    assert "POST /_aliases" not in cluster.requests()


def test_a_concurrent_rebuild_that_swapped_first_makes_this_one_fail(backend, cluster):
    cluster.indexes["kepu-zh-hans-old"] = {"aliases": {"kepu-zh-hans"}, "docs": {}, "body": None}
    handle = cluster.handle

    def another_rebuild_swaps_first(method, target, raw):
        if target == "/_aliases" and "kepu-zh-hans-other" not in cluster.indexes:
            cluster.indexes["kepu-zh-hans-old"]["aliases"].clear()
            cluster.indexes["kepu-zh-hans-other"] = {
                "aliases": {"kepu-zh-hans"},
                "docs": {},
                "body": None,
            }
        return handle(method, target, raw)

    cluster.handle = another_rebuild_swaps_first
    with pytest.raises(BackendUnavailable, match="aliases_not_found_exception"):
        backend.rebuild([doc(1)], locale="zh-hans")
    # must_exist made the swap fail instead of leaving the alias on two indexes.
    assert cluster.aliases() == {"kepu-zh-hans": ["kepu-zh-hans-other"]}
    assert sorted(cluster.indexes) == ["kepu-zh-hans-old", "kepu-zh-hans-other"]


# Indexing and removing -------------------------------------------------------------


def test_index_creates_the_alias_once_and_writes_through_it(backend, cluster):
    backend.index([doc(1), doc(2, locale="bo")])
    backend.index([doc(3)])

    assert cluster.aliases() == {
        "kepu-zh-hans": ["kepu-zh-hans-initial"],
        "kepu-bo": ["kepu-bo-initial"],
    }
    create = cluster.bodies("PUT", "/kepu-zh-hans-initial")[0]
    assert create["aliases"] == {"kepu-zh-hans": {}}
    assert create["mappings"] == es.index_body()["mappings"]
    bulks = [(params, body) for m, p, params, body in cluster.calls if p == "/_bulk"]
    # Searchable before the task purges the cached results (refresh=wait_for).
    assert [params for params, _body in bulks] == [
        {"refresh": "wait_for", "require_alias": "true"}
    ] * 2
    assert [line["index"]["_index"] for line in bulks[0][1][::2]] == ["kepu-zh-hans", "kepu-bo"]
    assert [line["index"]["_index"] for line in bulks[1][1][::2]] == ["kepu-zh-hans"]
    # The alias is looked up once per language, not on every call.
    assert cluster.requests().count("HEAD /_alias/kepu-zh-hans") == 1
    assert set(cluster.indexes["kepu-zh-hans-initial"]["docs"]) == {"1", "3"}


def test_index_into_an_existing_alias_creates_nothing(backend, cluster):
    cluster.indexes["kepu-zh-hans-1"] = {"aliases": {"kepu-zh-hans"}, "docs": {}, "body": None}
    backend.index([doc(5)])
    assert cluster.requests() == ["HEAD /_alias/kepu-zh-hans", "PUT /_bulk"]
    assert set(cluster.indexes["kepu-zh-hans-1"]["docs"]) == {"5"}


def test_an_initial_index_created_by_another_worker_is_used(backend, cluster):
    cluster.indexes["kepu-zh-hans-initial"] = {"aliases": set(), "docs": {}, "body": None}
    backend.index([doc(5)])
    assert cluster.aliases() == {"kepu-zh-hans": ["kepu-zh-hans-initial"]}
    assert set(cluster.indexes["kepu-zh-hans-initial"]["docs"]) == {"5"}


def test_remove_deletes_through_every_language_alias(backend, cluster):
    for code in ("zh-hans", "bo", "mn"):
        cluster.indexes[f"kepu-{code}-1"] = {"aliases": {f"kepu-{code}"}, "docs": {}, "body": None}
    cluster.indexes["kepu-bo-1"]["docs"] = {"8": {}, "9": {}}

    backend.remove([9, 8, 9])
    backend.remove([])

    deletes = cluster.bodies("PUT", "/_bulk")
    assert len(deletes) == 1
    assert deletes[0] == [
        {"delete": {"_index": f"kepu-{code}", "_id": page_id}}
        for code in ("zh-hans", "bo", "mn")
        for page_id in ("8", "9")
    ]
    assert cluster.indexes["kepu-bo-1"]["docs"] == {}


# Failures --------------------------------------------------------------------------


def test_constructing_the_backend_touches_no_network(monkeypatch, settings):
    made = []
    monkeypatch.setattr(
        "search.backends.elasticsearch.elasticsearch.Elasticsearch",
        lambda *args, **kwargs: made.append((args, kwargs)) or "client",
    )
    monkeypatch.delenv("ELASTICSEARCH_API_KEY", raising=False)
    monkeypatch.delenv("ELASTICSEARCH_CA_CERTS", raising=False)
    settings.ELASTICSEARCH_API_KEY = ""
    settings.ELASTICSEARCH_CA_CERTS = ""
    backend = es.ElasticsearchBackend("https://search.example:9200")
    assert made == []
    assert backend.client == "client"
    assert backend.client == "client"
    assert made == [
        (
            ("https://search.example:9200",),
            {"request_timeout": es.REQUEST_TIMEOUT, "retry_on_timeout": True, "max_retries": 2},
        )
    ]


@pytest.mark.parametrize(
    "error", [ESConnectionError("connection refused"), ConnectionTimeout("timed out")]
)
@pytest.mark.parametrize(
    "call",
    [
        lambda b: b.search(query([["牦牛"]])),
        lambda b: b.index([doc(1)]),
        lambda b: b.remove([1]),
        lambda b: b.rebuild([doc(1)]),
    ],
    ids=["search", "index", "remove", "rebuild"],
)
def test_an_unreachable_cluster_is_backend_unavailable(cluster, error, call, settings):
    settings.KEPU_SEARCH_INDEX_PREFIX = "kepu"
    backend = es.ElasticsearchBackend("https://kepu:s3cret@es.test:9200")
    backend.client = cluster.client()
    cluster.fail = error
    with pytest.raises(BackendUnavailable) as raised:
        call(backend)
    message = str(raised.value)
    assert "https://***@es.test:9200" in message
    assert "s3cret" not in message


def test_a_cluster_error_is_backend_unavailable(backend, cluster):
    cluster.indexes["kepu-zh-hans-1"] = {"aliases": {"kepu-zh-hans"}, "docs": {}, "body": None}
    original = cluster.handle
    cluster.handle = lambda method, target, raw: (
        (503, _error("search_phase_execution_exception", "all shards failed"))
        if target.endswith("/_search")
        else original(method, target, raw)
    )
    with pytest.raises(BackendUnavailable, match="all shards failed"):
        backend.search(query([["牦牛"]]))


def test_a_failed_write_forgets_the_known_aliases(backend, cluster):
    backend.index([doc(1)])
    cluster.indexes.clear()  # someone deleted the indexes behind our back
    with pytest.raises(BackendUnavailable, match="index_not_found"):
        backend.index([doc(2)])
    backend.index([doc(2)])  # the next attempt creates the alias again
    assert cluster.aliases() == {"kepu-zh-hans": ["kepu-zh-hans-initial"]}


def test_an_unusable_url_is_backend_unavailable():
    backend = es.ElasticsearchBackend("es.test:9200")  # no scheme
    with pytest.raises(BackendUnavailable, match="ELASTICSEARCH_URL"):
        backend.search(query([["牦牛"]]))


def test_credentials_are_never_shown():
    assert es.safe_url("https://elastic:pa55@es.example:9243/") == "https://***@es.example:9243/"
    assert es.safe_url("http://localhost:9200") == "http://localhost:9200"
