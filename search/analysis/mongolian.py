"""Traditional Mongolian: one folded token per word (docs/scripts.md).

The same word is typed several ways (o/u, ö/ü, t/d, γ/q and a/e mid-word, with or
without variation selectors), so index and query both go through the same folding.
Detached case suffixes (after U+202F or a space) become their own tokens and are
dropped: they would match nearly every document.

Why a fold of the letters and not the word's shape (UTN #57, as the mongol-norm package
computes it): see docs/scripts.md. Keying by shape keeps apart words the fold merges
(ᠭᠠᠷ/ᠭᠡᠷ) but loses a vowel typed in the wrong gender, which changes the shape of the
consonant before it (ᠡᠷᠡᠭᠤᠯ for ᠡᠷᠡᠭᠦᠯ), and it cannot split ᠮᠠᠳᠣ from ᠮᠡᠲᠦ (one shape).
"""

import re

from cms.scripts import (
    MONGOLIAN_PUNCTUATION,
    MONGOLIAN_SHAPING,
    MONGOLIAN_SUFFIXES,
    MONGOLIAN_WORD_MARKS,
    NNBSP,
)

# Read through inside a word: what picks a shape, the nirugu and the Todo soft hyphen.
CONTROLS = re.compile(f"[{MONGOLIAN_SHAPING}{MONGOLIAN_WORD_MARKS}]")
SEPARATORS = re.compile(f"[\\s{NNBSP}{MONGOLIAN_PUNCTUATION}]+")
# The detached suffixes, and what search also drops as too common to tell documents
# apart: the dative-reflexive ᠳᠠᠭᠠᠨ/ᠳᠡᠭᠡᠨ, the comitative spelt with ᠶ, the particles
# ᠴᠤ/ᠴᠦ ("also") and ᠪᠠ/ᠪᠡ ("and", the question particle).
SUFFIXES = frozenset(MONGOLIAN_SUFFIXES) | frozenset("ᠳᠠᠭᠠᠨ ᠳᠡᠭᠡᠨ ᠲᠠᠶ ᠲᠡᠶ ᠴᠤ ᠴᠦ ᠪᠠ ᠪᠡ".split())
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
