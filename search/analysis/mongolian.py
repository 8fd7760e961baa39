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

import functools
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


# fold_word's replacements, as translation tables (it runs on every word of every
# result's text when snippets are marked: str.translate, not a loop per letter).
_EVERYWHERE = str.maketrans("ᠤᠦᠳ", "ᠣᠥᠲ")
_NOT_FIRST = str.maketrans("ᠡᠭ", "ᠠᠬ")
_FIRST_VOWEL = re.compile(f"[{''.join(sorted(VOWELS))}]")


@functools.lru_cache(maxsize=16384)  # snippets fold the same words in every text
def fold_word(word):
    """The folded form: ᠤ→ᠣ, ᠦ→ᠥ, ᠥ→ᠣ after the first vowel, ᠡ→ᠠ and ᠭ→ᠬ except
    word-initially, ᠳ→ᠲ."""
    word = word.translate(_EVERYWHERE)
    return _later_oe(word[:1] + word[1:].translate(_NOT_FIRST))


# What separates the words of a Mongolian run besides the space (search.analysis.fold):
# U+202F and the punctuation of cms.scripts.MONGOLIAN_PUNCTUATION.
_RUN_SEPARATORS = (NNBSP, *(chr(c) for c in range(0x1800, 0x180A) if c != 0x1806))


def fold_words(run):
    """``run`` (Mongolian words between spaces, U+202F and Mongolian punctuation, no
    controls: a run as search.analysis.fold cuts it) with each word folded and each
    separator a space: the same length, so positions stay put."""
    for separator in _RUN_SEPARATORS:
        if separator in run:
            run = run.replace(separator, " ")
    return " ".join([fold_word(word) for word in run.split(" ")])


def _later_oe(word):
    first = _FIRST_VOWEL.search(word)
    if first:
        word = word[: first.end()] + word[first.end() :].replace("ᠥ", "ᠣ")
    return word


def words(run):
    run = CONTROLS.sub("", run)
    return [w for w in SEPARATORS.split(run) if w]


def index_tokens(run):
    return [fold_word(w) for w in words(run) if w not in SUFFIXES]


def query_groups(run):
    return [[fold_word(w)] for w in words(run) if w not in SUFFIXES]


def query_tokens_for_highlight(run):
    return [token for (token,) in query_groups(run)]
