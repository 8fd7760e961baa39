"""Tibetan typed in Latin letters (EWTS, the extended Wylie transliteration): readers
without a Tibetan keyboard write བོད་སྐད as "bod skad". On the Tibetan search page a
Latin query that transliterates to well-formed Tibetan syllables is searched as
Tibetan too (query side only; documents are indexed as they are written).

The conversion is pyewts's (Esukhia's EWTS converter). Almost any Latin word converts
to *some* Tibetan letters ("water" → ཝཏེར), so a word counts only when pyewts has no
warning and the result is a syllable as Tibetan spells one: prefix, root stack, vowel,
suffix, second suffix, and an attached particle (docs/scripts.md). Each word keeps its
Latin reading as an alternative: "km" or "the" on a Tibetan page still find the Latin
word, and find a Tibetan syllable as well only when it is one.
"""

import re

import pyewts

from cms import scripts

from .common import char_fold, other_tokens
from .tibetan import stripped

# Prefix (only before a root), root stack (a letter and its subjoined letters), vowel,
# suffix and second suffix, or an attached particle (པོའི, ཆུའོ).
SYLLABLE = re.compile(
    f"^(?:[གདབམའ](?=[{scripts.TIBETAN_ROOT_LETTERS}]))?[{scripts.TIBETAN_ROOT_LETTERS}]"
    f"[{scripts.TIBETAN_SUBJOINED}]*[ིེོུ]?"
    "(?:[གངདནབམའརལས][དས]?)?(?:འ(?:[ིོུ]ས?|མ|ང))?$"
)
LATIN_WORD = re.compile(r"^[a-z'.+]+$")  # EWTS letters, ' for འ, . and + for stacks


_CONVERTER = pyewts.pyewts()


def syllable(word):
    """The Tibetan syllable ``word`` (one Latin word) transliterates to, or None."""
    word = "".join(char_fold(c) for c in word)
    if not LATIN_WORD.match(word):
        return None
    warnings = []
    tibetan = _CONVERTER.toUnicode(word, warnings)
    if warnings or not SYLLABLE.match(tibetan):
        return None
    return tibetan


def query_groups(run):
    """The groups of a Latin run on the Tibetan page: one per word, the Latin token and,
    when the word is a Tibetan syllable in EWTS, that syllable with and without its
    particle. None when no word of the run is Tibetan (the run is plain Latin)."""
    groups, any_tibetan = [], False
    for word in run.split():
        tokens = other_tokens(word)
        found = syllable(word)
        if found is None:
            groups += [[token] for token in tokens]
            continue
        any_tibetan = True
        group = tokens if len(tokens) == 1 else []
        groups.append(group + sorted({found, stripped(found)} - set(group)))
    return groups if any_tibetan else None
