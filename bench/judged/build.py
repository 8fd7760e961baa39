"""Write corpus.jsonl and queries.jsonl from texts_*.py and queries.py.

    .venv/bin/python bench/judged/build.py

Each subject gives three documents: document k has title k and sentences k, k+1 and
k+2 (of four), and takes the k-th choice of every ``{a|b|c}``. Relevance is judged
without the analysers under test: a query's names are looked for as whole syllables
(Tibetan, allowing an attached particle), whole words (Mongolian) or plainly (Chinese,
Latin and digits); a phrase query's relevant documents are those of its subject.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import queries  # noqa: E402
import texts_bo  # noqa: E402
import texts_mn  # noqa: E402
import texts_zh  # noqa: E402

TEXTS = {"zh-hans": texts_zh.SUBJECTS, "bo": texts_bo.SUBJECTS, "mn": texts_mn.SUBJECTS}
CHOICE = re.compile(r"\{([^{}]*)\}")
TIBETAN_EDGE = "[\u0f0b\u0f0c\u0f0d-\u0f14\\s]|^|$"
# Attached particles: genitive, instrumental (also a bare ས after a vowel: ཚོགས་པས),
# terminative (པར), concessive, disjunctive.
PARTICLES = "(?:འི|འིས|འོ|འམ|འང|ས|ར)?"
MONGOLIAN_EDGE = "[\\s\u202f\u1800-\u1809]"
LETTERS = re.compile("[\u0f40-\u0fbc\u1820-\u18aa]")


def spelled(text):
    return unicodedata.normalize("NFC", text.replace("_", "\u202f"))


def choose(text, k):
    return CHOICE.sub(lambda m: (options := m.group(1).split("|"))[k % len(options)], text)


def documents():
    for lang, subjects in TEXTS.items():
        for key, (channel, titles, sentences) in subjects.items():
            for k, title in enumerate(titles):
                body = [sentences[(k + i) % len(sentences)] for i in range(3)]
                sep = "" if lang == "zh-hans" else " "
                yield {
                    "id": f"{lang}-{key}-{k + 1}",
                    "lang": lang,
                    "subject": key,
                    "channel": channel,
                    "title": spelled(choose(title, k)),
                    "text": spelled(sep.join(choose(s, k) for s in body)),
                }


def mentions(text, form, lang):
    form = spelled(form)
    if lang == "zh-hans" or not LETTERS.search(form):
        return form in text
    if lang == "bo":
        edge = TIBETAN_EDGE
        return re.search(f"(?:{edge}){re.escape(form)}{PARTICLES}(?:{edge})", text) is not None
    return (
        re.search(f"(?:^|{MONGOLIAN_EDGE}){re.escape(form)}(?=$|{MONGOLIAN_EDGE})", text)
        is not None
    )


def judged(docs):
    for lang, rows in queries.QUERIES.items():
        mine = [d for d in docs if d["lang"] == lang]
        for kind, q, judgement in rows:
            if "subject" in judgement:
                relevant = [d["id"] for d in mine if d["subject"] == judgement["subject"]]
                assert relevant, judgement
            else:
                relevant = [
                    d["id"]
                    for d in mine
                    if all(
                        any(mentions(d["title"] + "\n" + d["text"], f, lang) for f in concept)
                        for concept in judgement["forms"]
                    )
                ]
            yield {"lang": lang, "kind": kind, "q": q, "relevant": relevant, **judgement}


def main():
    docs = list(documents())
    rows = list(judged(docs))
    with open(HERE / "corpus.jsonl", "w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(HERE / "queries.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    empty = [r for r in rows if not r["relevant"]]
    print(f"{len(docs)} documents, {len(rows)} queries ({len(empty)} without a relevant document)")
    for r in empty:
        print("  no relevant document:", r["lang"], r["kind"], r["q"])


if __name__ == "__main__":
    main()
