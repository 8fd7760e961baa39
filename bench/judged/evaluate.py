"""Search quality on the judged set (bench/judged/): recall@10 and precision@10 per
language and kind of query, on the site's search backend (the database unless
ELASTICSEARCH_URL is set), through search.service.search() as readers search.

The corpus is indexed as search Documents, never as pages: the judged set stays apart
from the demo content, and the index holds nothing else while it runs (the backend is
rebuilt with it; run it on a throw-away database, as `make search-eval` does). The
glossary synonyms of bench/judged/synonyms.jsonl are written to the glossary first.

"before" turns off what issue 16 added to the analysis (traditional → simplified
folding, glossary synonyms, Tibetan case particles no longer required next to their
word) in this process, and re-indexes, so both columns are measured on the same
corpus and backend.
"""

import json
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIRST_ID = 900_000_000  # far from any page id of the demo content


def load(name):
    return [json.loads(line) for line in (HERE / name).read_text("utf-8").splitlines() if line]


def write_glossary_synonyms():
    from content.models import GlossaryTerm

    for row in load("synonyms.jsonl"):
        term, _ = GlossaryTerm.objects.get_or_create(
            key=row["key"], defaults={"term": row.get("term", {}).get("zh-hans", row["key"])}
        )
        for lang, value in row.get("term", {}).items():
            setattr(term, f"term_{lang.replace('-', '_')}", value)
        for lang, names in row["synonyms"].items():
            setattr(term, f"synonyms_{lang.replace('-', '_')}", "\n".join(names))
        term.save()


def tibetan_query_groups_before(run):
    """Tibetan query groups as they were: every adjacent pair, case particles too."""
    from search.analysis.tibetan import stripped, syllables

    found = syllables(run)
    if len(found) == 1:
        return [sorted({found[0], stripped(found[0])})]
    return [[f"{stripped(a)}\u0f0b{stripped(b)}"] for a, b in zip(found, found[1:], strict=False)]


@contextmanager
def before_issue_16():
    """The analysis as it was: no t2s folding, no synonyms, Tibetan case particles
    required next to their word."""
    from search import synonyms
    from search.analysis import chinese, tibetan

    simplified, providers = chinese.simplified, list(synonyms._providers)
    tibetan_groups = tibetan.query_groups
    chinese.simplified = lambda run: run
    tibetan.query_groups = tibetan_query_groups_before
    for provider in providers:
        synonyms.unregister(provider)
    try:
        yield
    finally:
        chinese.simplified = simplified
        tibetan.query_groups = tibetan_groups
        for provider in providers:
            synonyms.register(provider)


def index(corpus):
    from search.backends import get_backend
    from search.documents import Document

    ids = {}
    documents = []
    for n, doc in enumerate(corpus):
        ids[FIRST_ID + n] = doc["id"]
        documents.append(
            Document(
                page_id=FIRST_ID + n,
                locale=doc["lang"],
                channel=doc["channel"],
                kind="article",
                title=doc["title"],
                text=doc["text"],
                url=f"https://judged.invalid/{doc['id']}/",
                published_at=None,
            )
        )
    get_backend().rebuild(documents)
    return ids


def scores(found, relevant):
    top = found[:10]
    hits = len(set(top) & relevant)
    recall = hits / min(10, len(relevant))
    precision = hits / len(top) if top else 0.0
    return recall, precision


def measure():
    from search import service

    corpus, queries = load("corpus.jsonl"), load("queries.jsonl")
    ids = index(corpus)
    table = defaultdict(lambda: [0, 0.0, 0.0])
    misses = []
    for q in queries:
        hits = service.search(q["q"], q["lang"], per_page=10).results.hits
        found = [ids.get(hit.page_id) for hit in hits]
        recall, precision = scores(found, set(q["relevant"]))
        for key in ((q["lang"], q["kind"]), (q["lang"], "all")):
            row = table[key]
            row[0] += 1
            row[1] += recall
            row[2] += precision
        if recall < 1 or precision < 1:
            misses.append((q["lang"], q["kind"], q["q"], recall, precision))
    return {k: (n, r / n, p / n) for k, (n, r, p) in table.items()}, misses


@contextmanager
def every_group_required():
    """The backends as they were: a document must match every group of the query."""
    from search.backends import base

    required = base.required_groups
    base.required_groups = lambda n: n
    try:
        yield
    finally:
        base.required_groups = required


def run(verbose=False):
    """Three columns: before issue 16; with its analysis (every word still required);
    and with the backends' ranking too (most of the words: search/backends/base.py)."""
    write_glossary_synonyms()
    with before_issue_16(), every_group_required():
        before, _ = measure()
    with every_group_required():
        analysed, _ = measure()
    after, misses = measure()
    print("\nJudged set (bench/judged/): recall@10 and precision@10")
    print("  before: as before issue 16; analysis: + t2s, synonyms, Tibetan particles;")
    print("  ranking: + documents with most of the words (each column re-indexed)")
    print(
        f"{'language':9} {'kind':12} {'queries':>7}  {'R before':>8} {'analysis':>8} {'ranking':>8}"
        f"  {'P before':>8} {'analysis':>8} {'ranking':>8}"
    )
    for key in sorted(after, key=lambda k: (k[0], k[1] == "all", k[1])):
        n, r, p = after[key]
        _, rb, pb = before[key]
        _, ra, pa = analysed[key]
        print(
            f"{key[0]:9} {key[1]:12} {n:7}  {rb:8.2f} {ra:8.2f} {r:8.2f}"
            f"  {pb:8.2f} {pa:8.2f} {p:8.2f}"
        )
    if verbose:
        for lang, kind, text, r, p in misses:
            print(f"  below 1.0: {lang} {kind} {text!r}: recall {r:.2f}, precision {p:.2f}")
    return before, analysed, after
