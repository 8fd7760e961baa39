"""The public search over the database backend (SQLite FTS5 or PostgreSQL, whichever
the suite runs on): indexing follows publishing, results are right and safe."""

import itertools
import json
import re
from datetime import timedelta

import pytest

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from wagtail.models import PageViewRestriction

from search import indexing
from search.backends import get_backend
from search.backends.base import BackendUnavailable
from search.backends.database import postgres
from search.models import SearchEntry


@pytest.fixture
def found(client):
    def run(q, lang="zh-hans", **params):
        response = client.get("/api/search/", {"q": q, "lang": lang, **params})
        assert response.status_code == 200, response.content
        return response.json()

    return run


def titles(data):
    return [r["title"] for r in data["results"]]


@pytest.fixture
def yak(make_article):
    return make_article(
        "zh-hans",
        topic="health",
        slug="yak-disease",
        title="牦牛常见疾病的预防",
        summary="冬春季节牦牛容易得病，要注意防寒保暖。",
    )


def test_publishing_indexes_and_unpublishing_removes(found, yak):
    assert titles(found("牦牛 疾病")) == ["牦牛常见疾病的预防"]
    yak.unpublish()
    assert found("牦牛")["count"] == 0
    # It stays in the one index for the admin's page search, never public again.
    assert not SearchEntry.objects.filter(page_id=yak.pk, public=True).exists()


def test_only_the_requested_language_is_searched(found, yak, make_article):
    make_article("bo", topic="health", slug="yak-bo", title="牦牛 གཡག་གི་ནད")
    assert titles(found("牦牛", lang="zh-hans")) == ["牦牛常见疾病的预防"]
    assert titles(found("牦牛", lang="bo")) == ["牦牛 གཡག་གི་ནད"]


def test_drafts_private_and_expired_pages_never_appear(found, make_article):
    draft = make_article("zh-hans", slug="draft", title="草原鼠害草稿", live=False)
    assert found("草原鼠害")["count"] == 0
    private = make_article("zh-hans", slug="private", title="草原鼠害内部资料")
    assert found("草原鼠害")["count"] == 1
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert found("草原鼠害")["count"] == 0
    expiring = make_article("zh-hans", slug="expiring", title="草原鼠害过期通知")
    type(expiring).objects.filter(pk=expiring.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("publish_due")
    assert found("草原鼠害")["count"] == 0
    assert draft.pk not in SearchEntry.objects.filter(public=True).values_list("page_id", flat=True)


def test_deleting_and_moving_pages_update_the_index(found, yak):
    from content.tests.factories import channel

    yak.move(channel("zh-hans", "emergency"), pos="last-child")
    data = found("牦牛")
    assert data["results"][0]["channel"] == "emergency"
    assert "/emergency/" in data["results"][0]["url"]
    yak.delete()
    assert found("牦牛")["count"] == 0


def test_title_matches_rank_above_text_matches(found, make_article):
    make_article("zh-hans", slug="body-only", title="草原生态", summary="湟鱼是青海湖特有的鱼。")
    make_article("zh-hans", slug="in-title", title="湟鱼洄游", summary="每年夏天成群洄游产卵。")
    assert titles(found("湟鱼")) == ["湟鱼洄游", "草原生态"]


def test_snippets_mark_matches_and_escape_everything(found, make_article):
    make_article(
        "zh-hans",
        slug="hostile",
        title="鼠疫防控",
        summary='<script>alert(1)</script> 发现病死旱獭 & 及时报告 "三不三报"',
    )
    snippet = found("旱獭")["results"][0]["snippet"]
    assert "<mark>旱獭</mark>" in snippet
    assert "<script>" not in snippet and "&amp;" in snippet


def test_facets_count_channels_and_types_before_filtering(found, make_article, make_video):
    make_article("zh-hans", topic="health", slug="a1", title="高原反应怎么办")
    make_article("zh-hans", topic="emergency", slug="a2", title="高原地震避险")
    make_video("zh-hans", topic="health", slug="v1", title="高原紫外线")
    data = found("高原")
    assert data["count"] == 3
    assert data["facets"]["channel"] == {"health": 2, "emergency": 1}
    assert data["facets"]["type"] == {"article": 2, "video": 1}
    only = found("高原", channel="health", type="video")
    assert titles(only) == ["高原紫外线"] and only["facets"]["channel"]["emergency"] == 1


def test_the_page_names_its_channel_facets_when_there_is_a_choice(client, make_article):
    from content.tests.factories import channel

    make_article("zh-hans", topic="health", slug="a1", title="高原反应怎么办")
    make_article("zh-hans", topic="emergency", slug="a2", title="高原地震避险")
    health, emergency = channel("zh-hans", "health").title, channel("zh-hans", "emergency").title

    def facets(**params):
        page = client.get("/zh-hans/search/", params).content.decode()
        nav = re.search(r'<nav class="facets".*?</nav>', page, re.S)
        return nav.group(0) if nav else None

    several = facets(q="高原")  # two channels: each by its name, with its count
    assert f"{health} (1)</a>" in several and f"{emergency} (1)</a>" in several
    assert facets(q="地震") is None  # one channel: nothing to choose
    chosen = facets(q="地震", channel="emergency")  # the reader's choice, and the way back
    assert f"<strong>{emergency} (1)</strong>" in chosen and "?q=" in chosen


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_a_published_page_goes_straight_into_the_index(found, make_article):
    # Not into a pending list that every later search would read and recheck whole.
    make_article("zh-hans", title="牦牛的冬季草场", slug="pending")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'kepu_search_vector'")
        assert "fastupdate=off" in cursor.fetchone()[0]
    assert "牦牛的冬季草场" in titles(found("冬季草场"))


def test_pages_of_results(found, make_article):
    for n in range(12):
        make_article("zh-hans", slug=f"grass-{n}", title=f"草原保护第{n}讲")
    first, second = found("草原保护"), found("草原保护", page=2)
    assert first["count"] == 12 and len(first["results"]) == 10 and len(second["results"]) == 2
    assert not set(titles(first)) & set(titles(second))


@pytest.mark.parametrize(
    "q",
    [
        '"牦牛" OR 1=1 --',
        "牦牛 AND NOT",
        "牦牛*",
        "title:牦牛",
        "NEAR(牦牛 疾病)",
        "牦牛)",
        "'; DROP TABLE x; --",
    ],
)
def test_query_syntax_is_plain_text(found, yak, q):
    data = found(q)
    assert data["count"] in (0, 1)


def test_nothing_searchable_and_huge_queries(found, yak, client):
    assert found("!!! ???")["count"] == 0
    long = "牦牛" + "啊" * 10_000
    response = client.get("/api/search/", {"q": long, "lang": "zh-hans"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "牦牛", "lang": "en"}, "unknown language"),
        ({"q": "牦牛"}, "unknown language"),
        ({"q": "牦牛", "lang": "bo", "channel": "sport"}, "unknown channel"),
        ({"q": "牦牛", "lang": "bo", "type": "podcast"}, "unknown type"),
        ({"q": "牦牛", "lang": "bo", "page": "x"}, "page must be a number"),
        ({"q": "牦牛", "lang": "bo", "page": "0"}, "page must be between"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client, site_tree, params, message):
    response = client.get("/api/search/", params)
    assert response.status_code == 400 and message in response.json()["error"]


def test_backend_down_is_503_not_500(client, yak, monkeypatch):
    def down(query):
        raise BackendUnavailable("connection refused")

    monkeypatch.setattr(get_backend(), "search", down)
    response = client.get("/api/search/", {"q": "牦牛", "lang": "zh-hans"})
    assert response.status_code == 503 and "unavailable" in response.json()["error"]
    page = client.get("/zh-hans/search/", {"q": "牦牛"})
    assert page.status_code == 503


def test_publishing_succeeds_when_the_backend_is_down(found, make_article, monkeypatch):
    def down(documents):
        raise BackendUnavailable("connection refused")

    monkeypatch.setattr(get_backend(), "index", down)
    page = make_article("zh-hans", slug="while-down", title="雪灾来了怎么办")
    page.refresh_from_db()
    assert page.live
    monkeypatch.undo()
    assert found("雪灾")["count"] == 0  # not indexed yet …
    call_command("search_rebuild")  # … until the retry or a rebuild
    assert found("雪灾")["count"] == 1


def test_a_failed_sync_is_retried_later_with_a_delay(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    def down(page_ids):
        raise BackendUnavailable("timeout")

    monkeypatch.setattr(indexing, "sync", down)
    indexing.sync_pages.call([1, 2])
    retried = default_task_backend.results[-1]
    assert retried.task.name == "sync_pages" and retried.args == [[1, 2], 2]
    assert retried.task.run_after > timezone.now() + timedelta(seconds=20)
    with pytest.raises(BackendUnavailable):
        indexing.sync_pages.call([1, 2], indexing.MAX_ATTEMPTS)


def test_rebuild_restores_the_index_for_one_language_or_all(found, yak, make_article, capsys):
    make_article("bo", slug="bo-rebuild", title="ས་ཡོམ་བྱུང་ན")
    get_backend().rebuild([])  # the index is lost
    assert found("牦牛")["count"] == 0
    call_command("search_rebuild", "--locale", "bo")
    assert found("ས་ཡོམ", lang="bo")["count"] == 1
    assert found("牦牛")["count"] == 0
    call_command("search_rebuild")
    assert found("牦牛")["count"] == 1 and "pages indexed" in capsys.readouterr().out


def test_the_search_page_in_each_language(client, yak, site_tree):
    from tests.visible_text import interface_leaks

    for code in ("zh-hans", "bo", "mn"):
        empty = client.get(f"/{code}/search/")
        assert empty.status_code == 200
        html = empty.content.decode()
        assert interface_leaks(html, code) == []
        assert f"/{code}/health/" in html  # the empty page offers the channels
        none = client.get(f"/{code}/search/", {"q": "不存在的词语"})
        assert none.status_code == 200 and f"/{code}/health/" in none.content.decode()
    html = client.get("/zh-hans/search/", {"q": "牦牛"}).content.decode()
    assert "<mark>牦牛</mark>常见疾病的预防" in html and "<mark>" in html
    assert client.get("/bo/search/", {"q": "x", "channel": "sport"}).status_code == 400


def test_api_json_shape(found, yak):
    data = found("牦牛")
    assert set(data) >= {"count", "results", "facets"}
    result = data["results"][0]
    assert set(result) == {"title", "url", "locale", "channel", "type", "snippet", "score"}
    assert result["locale"] == "zh-hans" and result["type"] == "article"
    assert result["url"].startswith("http://localhost/zh-hans/health/")  # the Site's address
    json.dumps(data)


def test_a_page_with_most_of_the_words_is_found_below_one_with_all(found, make_article):
    # Four groups: a page needs three (search.backends.base.required_groups), and one
    # with all four ranks first even when fewer of them are in its title.
    make_article("zh-hans", slug="all-four", title="冬季草场", summary="牦牛疾病要早预防。")
    make_article("zh-hans", slug="three", title="牦牛疾病预防", summary="春天多通风。")
    make_article("zh-hans", slug="one", title="牦牛奶的营养", summary="早晚各一杯。")
    data = found("牦牛 疾病 预防 冬季")
    assert titles(data) == ["冬季草场", "牦牛疾病预防"] and data["count"] == 2
    assert data["facets"]["type"] == {"article": 2}
    # One or two words are all required, as before.
    assert titles(found("牦牛 冬季")) == ["冬季草场"]


def test_pages_of_a_search_needing_most_of_its_words_cut_one_ranking(found, make_article):
    # Nine pages with all four words, eight with three: the first page holds the nine
    # and the best of the eight (the backends rank only what can reach a page), the
    # second the other seven, and a channel narrows both the hits and the count.
    for n in range(9):
        topic = "health" if n % 2 else "ecology"
        make_article("zh-hans", slug=f"all-{n}", title=f"冬季牦牛疾病预防第{n}讲", topic=topic)
    for n in range(8):
        topic = "health" if n % 2 else "ecology"
        make_article("zh-hans", slug=f"three-{n}", title=f"牦牛疾病预防第{n}讲", topic=topic)
    q = "牦牛 疾病 预防 冬季"
    first, second = found(q), found(q, page=2)
    assert first["count"] == second["count"] == 17
    assert len(titles(first)) == 10 and len(titles(second)) == 7
    assert all(t.startswith("冬季") for t in titles(first)[:9])
    assert not any(t.startswith("冬季") for t in titles(first)[9:] + titles(second))
    assert len(set(titles(first) + titles(second))) == 17
    assert first["facets"]["channel"] == {"ecology": 9, "health": 8}
    health = found(q, channel="health")
    assert health["count"] == 8 and len(titles(health)) == 8
    assert [t.startswith("冬季") for t in titles(health)] == [True] * 4 + [False] * 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's two ways")
def test_both_ways_of_finding_most_of_the_words_give_the_same_answers(
    found, make_article, monkeypatch
):
    # A long query's entries are found by one GIN scan per number of words (every way
    # of having that many, ORed) or, with too many ways, by one scan per word: the
    # same pages in the same order, counts and facets, on every page and channel.
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
    has = {}  # each page's title: the words it has
    for size in range(2, len(words) + 1):
        for n, chosen in enumerate(itertools.combinations(words, size)):
            topic = "health" if n % 2 else "ecology"
            # The words in the text; the pages with the fewest have the first word in
            # their title too, so that only the number of words ranks them last.
            title = f"第{size}组第{n}篇" + (" alpha" if size == 2 else "")
            has[title] = set(chosen) | ({"alpha"} if size == 2 else set())
            make_article(
                "zh-hans", slug=f"w{size}-{n}", title=title, summary=" ".join(chosen),
                topic=topic,
            )  # fmt: skip
    answers, usual = {}, postgres.MAX_LEXEMES
    for ways in (usual, 0):
        monkeypatch.setattr(postgres, "MAX_LEXEMES", ways)
        caches["pages"].clear()  # answers, not the page cache's copies of the first
        answers[ways] = [
            found(" ".join(words[:length]), **params)
            for length in (3, 4, 5, 6)
            for params in ({}, {"page": 2}, {"channel": "health"})
        ]
    assert answers[usual] == answers[0]
    assert [a["count"] for a in answers[0][::3]] == [38, 23, 38, 22]  # not empty either way
    # The pages with more of the words first, whatever their titles.
    three = answers[0][0]["results"] + answers[0][1]["results"]
    found_words = [len(has[r["title"]] & {"alpha", "bravo", "charlie"}) for r in three]
    assert found_words == sorted(found_words, reverse=True) and found_words[0] == 3


def test_the_index_task_purges_only_the_languages_it_touched(yak, make_article, monkeypatch):
    purged = []

    def purge(*tags):
        purged.extend(tag for tag in tags if tag.startswith("search:"))

    monkeypatch.setattr("cms.page_cache.purge", purge)
    indexing.sync([yak.pk])
    assert purged == ["search:zh-hans"]
    draft = make_article("bo", slug="draft-bo", title="ས་ཡོམ", live=False)
    purged.clear()
    indexing.sync([draft.pk])  # never public: no reader's results change
    assert purged == []
    # Unpublished: readers could find it until now, so its language is purged.
    type(yak).objects.filter(pk=yak.pk).update(live=False)
    indexing.sync([yak.pk])
    assert purged == ["search:zh-hans"]
