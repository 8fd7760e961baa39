"""A large corpus for search benchmarks, in the JSON Lines format of `import_content`.

Documents are made of real sentences from the demo content (content/demo/*.jsonl),
shuffled into new articles per language, so that token statistics look like the site's:
Chinese, Tibetan and Mongolian in their real proportions of words and suffixes.

    python bench/search_corpus.py 100000 > var/corpus-100k.jsonl
"""

import json
import random
import re
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "content" / "demo"
CHANNELS = ("ecology", "health", "emergency", "defence")
SENTENCE_END = {"zh-hans": r"(?<=[。！？])", "bo": r"(?<=།)\s*", "mn": r"(?<=[᠃])\s*"}
TAG = re.compile(r"<[^>]+>")


def sentences_by_language():
    found = {code: [] for code in SENTENCE_END}
    for path in sorted(DEMO.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            item = json.loads(line)
            text = " ".join(
                [item.get("summary", ""), item.get("transcript", "")]
                + list(_texts(item.get("blocks", [])))
            )
            for part in re.split(SENTENCE_END[item["locale"]], TAG.sub(" ", text)):
                part = " ".join(part.split()) if item["locale"] != "mn" else part.strip()
                if len(part) >= 8:
                    found[item["locale"]].append(part)
    return found


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "url"):
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def generate(count, seed=7):
    rng = random.Random(seed)
    pool = sentences_by_language()
    codes = list(pool)
    for n in range(count):
        code = codes[n % len(codes)]
        body = rng.sample(pool[code], k=min(len(pool[code]), rng.randint(6, 14)))
        title = body[0][:30].rstrip("。，、 ་།᠂᠃")
        yield {
            "locale": code,
            "type": "article",
            "channel": CHANNELS[(n // len(codes)) % len(CHANNELS)],
            "slug": f"corpus-{n}",
            "title": title,
            "summary": body[1],
            "body": "\n\n".join(body[2:]),
        }


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    for item in generate(count):
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
