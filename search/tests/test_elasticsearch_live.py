"""The Elasticsearch backend against a real Elasticsearch 8 cluster.

Runs when ELASTICSEARCH_URL is set (for example http://localhost:9200). Without it the
module is skipped, unless CI_REQUIRE_ES=1: then a missing or unreachable cluster fails
the run. Each test uses its own index prefix and deletes its indexes afterwards; no
database is used. See docs/search-elasticsearch.md.
"""

import os
import uuid

import pytest
from elasticsearch.exceptions import ApiError, TransportError

from search import analysis
from search.backends.base import BackendUnavailable, Query
from search.backends.elasticsearch import ElasticsearchBackend, alias_name, safe_url
from search.documents import Document

URL = os.environ.get("ELASTICSEARCH_URL", "")
REQUIRED = os.environ.get("CI_REQUIRE_ES") == "1"


def _unavailable(reason):
    if REQUIRED:
        pytest.fail(f"CI_REQUIRE_ES=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not URL:
    _unavailable("ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against")
try:
    CLUSTER_VERSION = ElasticsearchBackend(URL).client.info()["version"]["number"]
except (ApiError, TransportError, BackendUnavailable) as exc:
    _unavailable(f"Elasticsearch at {safe_url(URL)} does not answer: {exc}")


NNBSP = "\u202f"  # Mongolian suffixes are written after a narrow no-break space

# (page id, locale, channel, kind, title, text)
PAGES = [
    (
        1,
        "zh-hans",
        "health",
        "article",
        "牦牛常见疾病的预防",
        "冬春季节牦牛容易得病，要注意防寒保暖。",
    ),
    (
        2,
        "zh-hans",
        "ecology",
        "article",
        "青海湖的气候变化",
        "近年来青海湖水位上涨，气候变化影响着湖区的生态。湖区历史上也发生过地震。",
    ),
    (
        3,
        "zh-hans",
        "safety",
        "video",
        "地震来了怎么办",
        "发生地震时要保持冷静，迅速躲到坚固的桌子下面。",
    ),
    (
        4,
        "zh-hans",
        "ecology",
        "video",
        "高原上的牦牛",
        "牦牛是青藏高原特有的家畜，能适应寒冷缺氧的环境。",
    ),
    (
        5,
        "bo",
        "health",
        "article",
        "གཡག་གི་ནད་ཡམས་སྔོན་འགོག",
        "དགུན་ཁ་གཡག་ལ་ནད་ཕོག་སླ་བས་གྲང་འགོག་ལ་དོ་སྣང་བྱེད་དགོས།",
    ),
    (
        6,
        "bo",
        "ecology",
        "article",
        "མཚོ་སྔོན་པོའི་གནམ་གཤིས་འགྱུར་ལྡོག",
        "ཉེ་ལོ་ནས་མཚོ་སྔོན་པོའི་ཆུ་ཚད་མཐོ་རུ་ཕྱིན།",
    ),
    (
        7,
        "mn",
        "health",
        "article",
        f"ᠰᠠᠷᠯᠢᠭ{NNBSP}ᠤᠨ ᠡᠪᠡᠳᠴᠢᠨ ᠡᠴᠡ ᠰᠡᠷᠭᠡᠢᠯᠡᠬᠦ",
        f"ᠡᠪᠦᠯ{NNBSP}ᠦᠨ ᠴᠠᠭ{NNBSP}ᠲᠤ ᠰᠠᠷᠯᠢᠭ ᠡᠪᠡᠳᠴᠢᠨ{NNBSP}ᠳᠦ ᠳᠠᠮᠤᠭ ᠪᠣᠯᠬᠤ ᠲᠤᠯᠠ ᠳᠤᠯᠠᠭᠠᠴᠢᠯᠠᠬᠤ ᠬᠡᠷᠡᠭᠲᠡᠢ᠃",
    ),
    (
        8,
        "mn",
        "safety",
        "video",
        f"ᠭᠠᠵᠠᠷ ᠬᠥᠳᠡᠯᠬᠦ ᠦᠶ{NNBSP}ᠡ ᠳᠦ ᠶᠠᠭᠤ ᠬᠢᠬᠦ ᠪᠤᠢ",
        f"ᠭᠠᠵᠠᠷ ᠬᠥᠳᠡᠯᠬᠦ ᠦᠶ{NNBSP}ᠡ ᠳᠦ ᠲᠦᠪᠰᠢᠨ ᠪᠠᠶᠢᠵᠤ ᠬᠠᠲᠠᠭᠤ ᠱᠢᠷᠡᠭᠡ{NNBSP}ᠶᠢᠨ ᠳᠣᠣᠷ᠎ᠠ ᠨᠢᠭᠤᠭᠳᠠᠨ᠎ᠠ᠃",
    ),
]


def page(page_id, locale, channel, kind, title, text):
    return Document(
        page_id=page_id,
        locale=locale,
        channel=channel,
        kind=kind,
        title=title,
        text=text,
        url=f"/{locale}/{channel}/{page_id}/",
        published_at=None,
    )


DOCUMENTS = [page(*row) for row in PAGES]


@pytest.fixture
def backend(settings):
    prefix = f"kepu-test-{uuid.uuid4().hex[:12]}"
    settings.KEPU_SEARCH_INDEX_PREFIX = prefix
    backend = ElasticsearchBackend(URL)
    yield backend
    # Wildcard deletes are refused by default in 8.x: delete the indexes by name.
    client = backend.client
    names = [
        name
        for name in client.options(ignore_status=404).indices.get(index=f"{prefix}-*").body
        if name.startswith(f"{prefix}-")
    ]
    if names:
        client.indices.delete(index=",".join(names))


def search(backend, text, language, **kwargs):
    return backend.search(
        Query(text=text, language=language, groups=analysis.query_groups(text), **kwargs)
    )


def ids(results):
    return [hit.page_id for hit in results.hits]


def refresh(backend, *locales):
    backend.client.indices.refresh(index=",".join(alias_name(code) for code in locales))


def indexes_behind(backend, locale):
    alias = alias_name(locale)
    return sorted(backend.client.indices.get_alias(name=alias).body)


def test_the_cluster_analyses_our_tokens_only_at_whitespace(backend):
    backend.rebuild([], locale="bo")
    tokens = backend.client.indices.analyze(
        index=alias_name("bo"), analyzer="kepu_tokens", text="གཡག་གི ནད Ab１ 牦牛"
    )
    # No lowercasing, no width folding, no splitting at the tsheg: search.analysis did it.
    assert [token["token"] for token in tokens["tokens"]] == ["གཡག་གི", "ནད", "Ab１", "牦牛"]


def test_each_language_finds_its_own_pages(backend):
    assert backend.rebuild(iter(DOCUMENTS)) == len(DOCUMENTS)

    assert ids(search(backend, "疾病", "zh-hans")) == [1]
    assert ids(search(backend, "气候变化", "zh-hans")) == [2]
    # The page with the word in its title comes first.
    assert ids(search(backend, "地震", "zh-hans")) == [3, 2]
    assert ids(search(backend, "གཡག", "bo")) == [5]
    assert ids(search(backend, "གཡག་གི་ནད", "bo")) == [5]
    assert ids(search(backend, "མཚོ་སྔོན་པོ", "bo")) == [6]
    assert ids(search(backend, "ᠰᠠᠷᠯᠢᠭ", "mn")) == [7]
    assert ids(search(backend, "ᠭᠠᠵᠠᠷ ᠬᠥᠳᠡᠯᠬᠦ", "mn")) == [8]
    # A word must be in the language searched.
    assert search(backend, "牦牛", "bo").count == 0
    assert search(backend, "གཡག", "zh-hans").count == 0
    assert search(backend, "ᠰᠠᠷᠯᠢᠭ", "bo").count == 0
    # Every group must match: 牦牛 and 地震 are never on one page.
    assert search(backend, "牦牛 地震", "zh-hans").count == 0

    hit = search(backend, "疾病", "zh-hans").hits[0]
    assert (hit.title, hit.url, hit.locale, hit.channel, hit.kind) == (
        "牦牛常见疾病的预防",
        "/zh-hans/health/1/",
        "zh-hans",
        "health",
        "article",
    )
    assert hit.text == "冬春季节牦牛容易得病，要注意防寒保暖。"
    assert hit.score > 0


def test_facets_count_the_language_before_the_channel_and_type_filters(backend):
    backend.rebuild(DOCUMENTS)

    everything = search(backend, "牦牛", "zh-hans")
    assert everything.count == 2
    assert sorted(ids(everything)) == [1, 4]
    assert everything.facets == {
        "channel": {"health": 1, "ecology": 1},
        "type": {"article": 1, "video": 1},
    }

    ecology = search(backend, "牦牛", "zh-hans", channel="ecology")
    assert (ecology.count, ids(ecology)) == (1, [4])
    assert ecology.facets == everything.facets

    articles = search(backend, "牦牛", "zh-hans", kind="article")
    assert (articles.count, ids(articles)) == (1, [1])
    assert search(backend, "牦牛", "zh-hans", channel="safety").count == 0


def test_pages_of_results(backend):
    backend.rebuild(DOCUMENTS)
    first = search(backend, "地震", "zh-hans", per_page=1)
    second = search(backend, "地震", "zh-hans", per_page=1, page=2)
    assert (first.count, ids(first)) == (2, [3])
    assert (second.count, ids(second)) == (2, [2])


def test_index_and_remove_write_through_the_alias(backend):
    backend.rebuild(DOCUMENTS)
    (current,) = indexes_behind(backend, "zh-hans")

    backend.index(
        [page(9, "zh-hans", "health", "article", "高原反应的预防", "初到高原要注意休息。")]
    )
    backend.index([page(1, "zh-hans", "health", "article", "牦牛冬季保暖", "冬春季节要注意防寒。")])
    refresh(backend, "zh-hans")
    assert ids(search(backend, "高原反应", "zh-hans")) == [9]
    assert ids(search(backend, "保暖", "zh-hans")) == [1]
    assert search(backend, "疾病", "zh-hans").count == 0  # the old title is gone

    backend.remove([9, 5, 404])
    refresh(backend, "zh-hans", "bo")
    assert search(backend, "高原反应", "zh-hans").count == 0
    assert search(backend, "གཡག", "bo").count == 0
    assert ids(search(backend, "牦牛", "zh-hans")) != []
    assert indexes_behind(backend, "zh-hans") == [current]


def test_a_rebuild_swaps_the_alias_and_deletes_the_old_index(backend):
    backend.rebuild(DOCUMENTS)
    (old_zh,) = indexes_behind(backend, "zh-hans")
    (old_bo,) = indexes_behind(backend, "bo")

    fewer = [doc for doc in DOCUMENTS if doc.page_id != 1]
    assert backend.rebuild(fewer) == len(DOCUMENTS) - 1

    (new_zh,) = indexes_behind(backend, "zh-hans")
    assert new_zh != old_zh
    assert not backend.client.indices.exists(index=old_zh)
    assert not backend.client.indices.exists(index=old_bo)
    assert search(backend, "疾病", "zh-hans").count == 0
    assert ids(search(backend, "牦牛", "zh-hans")) == [4]


def test_rebuilding_one_language_leaves_the_others_alone(backend):
    backend.rebuild(DOCUMENTS)
    (zh,) = indexes_behind(backend, "zh-hans")
    (bo,) = indexes_behind(backend, "bo")

    assert backend.rebuild(DOCUMENTS, locale="bo") == 2

    assert indexes_behind(backend, "zh-hans") == [zh]
    assert indexes_behind(backend, "bo") != [bo]
    assert ids(search(backend, "疾病", "zh-hans")) == [1]
    assert ids(search(backend, "གཡག", "bo")) == [5]


def test_index_before_any_rebuild_creates_the_alias(backend):
    assert search(backend, "疾病", "zh-hans").count == 0  # no index yet: no results

    backend.index(DOCUMENTS[:2])
    refresh(backend, "zh-hans")

    assert indexes_behind(backend, "zh-hans") == [f"{alias_name('zh-hans')}-initial"]
    assert ids(search(backend, "疾病", "zh-hans")) == [1]
    backend.rebuild(DOCUMENTS)
    assert indexes_behind(backend, "zh-hans") != [f"{alias_name('zh-hans')}-initial"]
    assert not backend.client.indices.exists(index=f"{alias_name('zh-hans')}-initial")
