"""Search quality: recall@10 and precision@10 per language, for our search and, on the
same pages, Wagtail's default database search (what a Wagtail site gets out of the box).

Queries are in bench/search_queries.jsonl: {"lang", "q", "forms"}. A page is relevant
when its text contains every concept of the query, each in one of its written forms
("forms": one list per concept), matched by whole syllable (Tibetan) or whole word
(Mongolian) or plainly (Chinese). The judgements are thus written by hand as forms and
applied mechanically, independently of the analysers under test.

recall@10 = relevant pages in the top 10 / min(10, relevant pages);
precision@10 = relevant pages in the top 10 / pages returned in the top 10 (a query with
no relevant page and no result counts as 1 for both).

Runs on a throw-away SQLite database with the demo content: `make search-eval`. Then
the judged set of bench/judged/ (its own corpus, with the ways readers type), per
language and kind of query, before and after issue 16's analysis (bench/judged/
evaluate.py); `--judged` runs that alone, `-v` lists the queries below 1.0.
"""

import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from django.core.management import call_command  # noqa: E402

from wagtail.models import Page  # noqa: E402
from wagtail.search import index  # noqa: E402

from content.models import ArticlePage, VideoPage  # noqa: E402
from search import service  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from judged import evaluate as judged  # noqa: E402

QUERIES = ROOT / "bench" / "search_queries.jsonl"
TIBETAN_EDGE = "[\u0f0b\u0f0c\u0f0d-\u0f14\\s]|^|$"
PARTICLES = "(?:འི|འིས|འོ|འམ|འང)?"


def page_text(page):
    parts = [page.title, page.summary, getattr(page, "transcript", "")]
    if hasattr(page, "body_text"):
        parts.append(page.body_text())
    return unicodedata.normalize("NFC", "\n".join(p for p in parts if p))


def mentions(text, form, lang):
    if lang == "bo":
        return (
            re.search(f"(?:{TIBETAN_EDGE}){re.escape(form)}{PARTICLES}(?:{TIBETAN_EDGE})", text)
            is not None
        )
    if lang == "mn":
        return (
            re.search(
                f"(?:^|[\\s\u202f\u1800-\u1809]){re.escape(form)}(?=$|[\\s\u202f\u1800-\u1809])",
                text,
            )
            is not None
        )
    return form in text


def relevant(pages, query):
    return {
        page.pk
        for page, text in pages
        if all(
            any(mentions(text, form, query["lang"]) for form in concept)
            for concept in query["forms"]
        )
    }


def wagtail_default_search(text, lang):
    """Wagtail's database backend as shipped, over the pages' own fields."""
    from modelsearch.backends.database import SearchBackend

    backend = SearchBackend({})
    from wagtail.models import Locale

    queryset = Page.objects.live().filter(locale=Locale.objects.get(language_code=lang))
    return [p.pk for p in backend.search(text, queryset)[:10]]


def our_search(text, lang):
    urls = {p.url: p.pk for p in Page.objects.live().filter(locale__language_code=lang)}
    found = service.search(text, lang, per_page=10).results.hits
    return [urls.get(hit.url) for hit in found]


def scores(results, wanted):
    top = [pk for pk in results[:10] if pk is not None]
    hits = len(set(top) & wanted)
    if not wanted and not top:
        return 1.0, 1.0
    recall = hits / min(10, len(wanted)) if wanted else 1.0
    precision = hits / len(top) if top else (1.0 if not wanted else 0.0)
    return recall, precision


def prepare():
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    call_command("search_rebuild", stdout=open(os.devnull, "w"))
    # Wagtail's default index, as a plain Wagtail site has it: the pages' own search
    # fields in Wagtail's database backend as shipped. The project's settings send pages
    # to its own index instead (docs/adr/0016-one-search-index.md), so the pages are
    # added here, straight to that backend.
    from modelsearch.backends.database import SearchBackend

    backend = SearchBackend({})
    for model in (ArticlePage, VideoPage):
        backend.add_bulk(model, list(model.objects.live()))
    assert index  # imported for the search_fields classes


def main():
    if "--judged" in sys.argv:  # the judged set only (bench/judged/)
        from content.site_setup import setup_site

        call_command("migrate", verbosity=0)
        setup_site()  # the glossary, whose synonyms the judged set fills in
        judged.run(verbose="-v" in sys.argv)
        return
    prepare()
    queries = [json.loads(line) for line in QUERIES.read_text("utf-8").splitlines() if line.strip()]
    pages = {
        lang: [
            (p, page_text(p))
            for p in Page.objects.live()
            .filter(locale__language_code=lang)
            .type(ArticlePage, VideoPage)
            .specific()
        ]
        for lang in ("zh-hans", "bo", "mn")
    }
    totals = {}
    misses = []
    for query in queries:
        lang = query["lang"]
        wanted = relevant(pages[lang], query)
        ours = scores(our_search(query["q"], lang), wanted)
        theirs = scores(wagtail_default_search(query["q"], lang), wanted)
        row = totals.setdefault(
            lang, {"n": 0, "queries_with_relevant": 0, "ours": [0, 0], "wagtail": [0, 0]}
        )
        row["n"] += 1
        row["queries_with_relevant"] += bool(wanted)
        for name, (r, p) in (("ours", ours), ("wagtail", theirs)):
            row[name][0] += r
            row[name][1] += p
        if ours != (1.0, 1.0):
            misses.append((lang, query["q"], ours))
    print(
        f"{'language':9} {'queries':>7}  {'ours R@10':>9} {'ours P@10':>9}  {'wagtail R@10':>12} {'wagtail P@10':>12}"
    )
    for lang, row in totals.items():
        n = row["n"]
        print(
            f"{lang:9} {n:7}  {row['ours'][0] / n:9.3f} {row['ours'][1] / n:9.3f}  "
            f"{row['wagtail'][0] / n:12.3f} {row['wagtail'][1] / n:12.3f}"
        )
    for lang, text, (r, p) in misses:
        print(f"  below 1.0: {lang} {text!r}: recall {r:.2f}, precision {p:.2f}")
    # Last: it replaces the index with the judged set's documents.
    judged.run(verbose="-v" in sys.argv)


if __name__ == "__main__":
    main()
