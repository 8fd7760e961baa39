"""Search speed at scale: rebuild throughput and query latency (p50/p95) per language.

Loads a corpus written by bench/search_corpus.py straight into the search backend (the
index is what is measured; creating 100k Wagtail pages would measure Wagtail instead),
in the database named by DATABASE_URL (a throw-away one: `make bench` uses
var/bench.sqlite3 and the PostgreSQL database kepu_bench).

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/search_bench.py var/corpus-10k.jsonl
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project, when run as a script
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from search import analysis  # noqa: E402
from search.backends.base import Query  # noqa: E402
from search.backends.database import DatabaseBackend  # noqa: E402
from search.documents import Document  # noqa: E402
from search.models import SearchEntry  # noqa: E402

QUERIES = {
    "zh-hans": ["牦牛", "鼠疫", "包虫病", "地震 避险", "高原反应", "雪灾", "草原", "湿地", "旱獭", "紫外线",
                "兵役登记", "防空警报", "洗手", "血压", "青海湖", "生态", "预警", "三江源", "疫苗", "喝开水"],
    "bo": ["ས་ཡོམ", "འབྲོག་པ", "ཁ་བ", "རྩྭ་ཐང", "ནད", "ཆུ", "གཡག", "སྨན་ཁང", "ལུག", "ཉེན་ཁ",
           "ཕྱུགས", "ཚོ་བ", "མཚོ་སྔོན", "སྐྱེ་ཁམས", "ཆར་པ", "རླུང", "སློབ་གྲྭ", "ཁྱིམ", "སྲུང་སྐྱོབ", "འཚོ་བ"],
    "mn": ["ᠲᠠᠷᠪᠠᠭ᠎ᠠ", "ᠭᠠᠵᠠᠷ ᠬᠥᠳᠡᠯᠬᠦ", "ᠴᠠᠰᠤ", "ᠡᠪᠡᠳᠴᠢᠨ", "ᠮᠠᠯ", "ᠲᠠᠯ᠎ᠠ", "ᠤᠰᠤ", "ᠡᠮᠨᠡᠯᠭᠡ", "ᠬᠣᠨᠢ", "ᠨᠣᠬᠠᠢ",
           "ᠠᠶᠤᠯ", "ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ", "ᠰᠦᠨ", "ᠡᠮᠴᠢ", "ᠬᠠᠮᠠᠭᠠᠯᠠᠬᠤ", "ᠰᠡᠷᠡᠮᠵᠢᠯᠡᠬᠦ", "ᠬᠡᠦᠬᠡᠳ", "ᠥᠨᠳᠦᠷᠯᠢᠭ", "ᠭᠡᠷ", "ᠮᠠᠯᠴᠢᠳ"],
}  # fmt: skip
# Longer queries: a document needs only most of their words (search/backends/base.py
# required_groups), which the backends answer another way than "every word".
MANY_WORDS = {
    "zh-hans": ["牦牛 疾病 预防 冬季", "地震 避险 学校 儿童", "高原反应 预防 氧气 休息", "鼠疫 旱獭 报告 发热"],
    "bo": ["ས་ཡོམ་བྱུང་སྐབས་ཇི་ལྟར་གཡོལ་དགོས", "ནད་པས་གློ་རྒྱག་སྐབས", "ཁྱི་ལ་དུས་ལྟར་སྲིན་འབུ་སྐྲོད", "གཡག་གི་ནད་སྔོན་འགོག"],
    "mn": ["ᠲᠠᠷᠪᠠᠭ᠎ᠠ ᠶᠢᠨ ᠬᠣᠷᠣ ᠡᠮᠨᠡᠯᠭᠡ", "ᠭᠠᠵᠠᠷ ᠬᠥᠳᠡᠯᠬᠦ ᠦᠶ᠎ᠡ ᠶᠢᠨ ᠬᠠᠮᠠᠭᠠᠯᠠᠯᠲᠠ", "ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ ᠤᠨ ᠤᠰᠤ ᠮᠠᠯ", "ᠡᠮᠴᠢ ᠡᠪᠡᠳᠴᠢᠨ ᠬᠡᠦᠬᠡᠳ ᠰᠦᠨ"],
}  # fmt: skip
ROUNDS = 5


def documents(path):
    with open(path, encoding="utf-8") as lines:
        for n, line in enumerate(lines, start=1):
            item = json.loads(line)
            yield Document(
                page_id=n,
                locale=item["locale"],
                channel=item["channel"],
                kind=item.get("type", "article"),
                title=item["title"],
                text=item.get("summary", "") + "\n" + item.get("body", ""),
                url=f"/{item['locale']}/{item['channel']}/{item['slug']}/",
                published_at=None,
            )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    path = sys.argv[1]
    call_command("migrate", verbosity=0)
    call_command("setup_site", stdout=open(os.devnull, "w"))  # the channels, for the facets
    backend = DatabaseBackend()
    analysis.index_tokens("预热")  # load jieba before timing
    if "--reuse" in sys.argv:  # measure queries on the index already loaded
        count, seconds = SearchEntry.objects.count(), float("nan")
    else:
        started = time.perf_counter()
        count = backend.rebuild(documents(path))
        seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE kepu_search_searchentry")
    print(
        f"{connection.vendor}: {count:,} documents indexed in {seconds:.1f} s ({count / seconds:,.0f} docs/s)"
    )
    for title, sets in (("one or two words", QUERIES), ("three words or more", MANY_WORDS)):
        print(f"{title}:\n{'language':10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  mean hits")
        for language, queries in sets.items():
            measure(backend, language, queries)
    # The admin's page search: every language and state, the first thousand ids.
    print(f"admin (every language):\n{'':10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  mean hits")
    measure(backend, None, [q for queries in QUERIES.values() for q in queries[:7]], per_page=1000)


def measure(backend, language, queries, per_page=10):
    timings, hits = [], []
    for _ in range(ROUNDS):
        for text in queries:
            query = Query(
                text=text,
                language=language,
                groups=analysis.query_groups(text),
                public=language is not None,
                per_page=per_page,
            )
            start = time.perf_counter()
            results = backend.search(query)
            timings.append((time.perf_counter() - start) * 1000)
            hits.append(results.count)
    print(
        f"{language or 'all':10} {percentile(timings, 0.5):8.1f} {percentile(timings, 0.95):8.1f} "
        f"{max(timings):8.1f}  {statistics.mean(hits):,.0f}"
    )


if __name__ == "__main__":
    main()
