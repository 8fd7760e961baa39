"""Traditional Mongolian: one folded token per word (docs/scripts.md).

The same word is typed several ways (o/u, ö/ü, t/d, γ/q and a/e mid-word, with or
without variation selectors), so index and query both go through the same folding.
Detached case suffixes (after U+202F or a space) become their own tokens and are
dropped: they would match nearly every document.
"""

import re

CONTROLS = re.compile("[\u180b\u180c\u180d\u180f\u180e\u200c\u200d\u180a\u1806]")
SEPARATORS = re.compile("[\\s\u202f\u1800-\u1805\u1807-\u1809]+")
SUFFIXES = frozenset(
    "ᠤᠨ ᠦᠨ ᠶᠢᠨ ᠢᠨ ᠤ ᠦ ᠶᠢ ᠢ ᠳᠤ ᠲᠤ ᠳᠦ ᠲᠦ ᠳᠠᠭᠠᠨ ᠳᠡᠭᠡᠨ ᠡᠴᠡ ᠠᠴᠠ ᠪᠠᠷ ᠪᠡᠷ ᠢᠶᠠᠷ ᠢᠶᠡᠷ "
    "ᠲᠠᠢ ᠲᠡᠢ ᠲᠠᠶ ᠲᠡᠶ ᠪᠠᠨ ᠪᠡᠨ ᠢᠶᠠᠨ ᠢᠶᠡᠨ ᠴᠤ ᠴᠦ ᠪᠠ ᠪᠡ".split()
)
VOWELS = set("ᠠᠡᠢᠣᠤᠥᠦᠧ")


def fold_word(word):
    """The folded form: ᠤ→ᠣ, ᠦ→ᠥ, ᠥ→ᠣ after the first vowel, ᠡ→ᠠ and ᠭ→ᠬ except
    word-initially, ᠳ→ᠲ."""
    out = []
    seen_vowel = False
    for position, char in enumerate(word):
        if char == "ᠤ":
            char = "ᠣ"
        elif char == "ᠦ":
            char = "ᠥ"
        if char == "ᠥ" and seen_vowel:
            char = "ᠣ"
        if position > 0 and char == "ᠡ":
            char = "ᠠ"
        if position > 0 and char == "ᠭ":
            char = "ᠬ"
        if char == "ᠳ":
            char = "ᠲ"
        if char in VOWELS or char in "ᠣᠥ":
            seen_vowel = True
        out.append(char)
    return "".join(out)


def words(run):
    run = CONTROLS.sub("", run)
    return [w for w in SEPARATORS.split(run) if w]


def index_tokens(run):
    return [fold_word(w) for w in words(run) if w not in SUFFIXES]


def query_groups(run):
    return [[fold_word(w)] for w in words(run) if w not in SUFFIXES]


def query_tokens_for_highlight(run):
    return [token for (token,) in query_groups(run)]
