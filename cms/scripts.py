"""Which script a text is written in: the one module that knows the Unicode ranges of the
site's scripts (Han, Tibetan, traditional Mongolian) and names the others pasted text
brings (Latin, Cyrillic, Greek…). Pages, the importer and the editor's form ask it
whether a text is in its page's script (content/text_checks.py); search and media may.

Text is measured in *reading units*, not code points, so that the three scripts weigh
the same for the same meaning: one Han character, one Tibetan syllable (the letters
between two tshegs), one Mongolian word (its letters, variation selectors and a suffix
joined by U+202F), one Latin, Cyrillic or other word. Counted in code points, a
Tibetan syllable (3–5 code points) or a Mongolian word (5–10) would outweigh the Chinese
character it translates, and a half-translated paragraph would look three-quarters
done. Digits, punctuation, symbols and spaces are no unit at all: "2024", "PM2.5"'s
"2.5" or "（）" weigh nothing whatever the page's language.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass

from cms import languages

HAN = "han"
TIBETAN = "tibetan"
MONGOLIAN = "mongolian"
LATIN = "latin"
CYRILLIC = "cyrillic"

# Ranges written once, here. Han: the unified ideographs, extension A, the compatibility
# block and the supplementary planes' extensions (rare names in older texts).
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
TIBETAN_RANGE = (0x0F00, 0x0FFF)
MONGOLIAN_RANGE = (0x1800, 0x18AF)
# Inside a Mongolian word but not letters: the free variation selectors and the vowel
# separator pick letter shapes, U+202F joins a case suffix to its word, ZWJ/ZWNJ force
# joining forms. They continue a Mongolian word and never start a unit of their own
# (U+202F also sits between a number and its unit in some typography).
MONGOLIAN_JOINERS = frozenset("\u180b\u180c\u180d\u180e\u180f\u202f\u200c\u200d")

# The script each language's pages are written in (cms/languages.py has the codes).
SCRIPT_OF_LANGUAGE = {"zh-hans": HAN, "bo": TIBETAN, "mn": MONGOLIAN}
assert set(SCRIPT_OF_LANGUAGE) == set(languages.CODES)

# Names editors read, in the admin's language.
NAMES = {
    HAN: "中文",
    TIBETAN: "藏文",
    MONGOLIAN: "传统蒙古文",
    LATIN: "拉丁字母",
    CYRILLIC: "西里尔字母",
    "greek": "希腊字母",
}


def script_of(char):
    """The script of one character if it is part of a word (a letter or a combining
    mark), else None (digits, punctuation, symbols, spaces, joiners)."""
    point = ord(char)
    if any(low <= point <= high for low, high in HAN_RANGES):
        return HAN
    category = unicodedata.category(char)
    if category[0] not in "LM":
        return None
    if TIBETAN_RANGE[0] <= point <= TIBETAN_RANGE[1]:
        return TIBETAN
    if MONGOLIAN_RANGE[0] <= point <= MONGOLIAN_RANGE[1]:
        return MONGOLIAN
    name = unicodedata.name(char, "")
    # "LATIN SMALL LETTER A", "FULLWIDTH LATIN CAPITAL LETTER K", "CYRILLIC …", "GREEK …"
    word = name.removeprefix("FULLWIDTH ").split(" ", 1)[0].lower()
    if word == "micro":  # U+00B5 MICRO SIGN, as in µg
        return "greek"
    if category[0] == "M" and word == "combining":
        return "mark"  # a combining accent continues the word it sits on
    return word or "other"


def unit_spans(text):
    """(script, start, end) of each reading unit of ``text``, in order (see the module's
    docstring). A unit keeps what continues it: the combining marks on its letters, and
    a Mongolian word's variation selectors, vowel separator, joiners and the suffix it
    holds by U+202F. Search highlights whole units (search/snippets.py)."""
    current, start = None, 0  # the unit being read, or None between units
    for position, char in enumerate(text):
        script = script_of(char)
        if script is None:
            if current == MONGOLIAN and char in MONGOLIAN_JOINERS:
                continue  # still inside the Mongolian word
            if current is not None:
                yield current, start, position
            current = None
            continue
        if script == "mark":
            continue  # continues the unit it sits on; a stray accent is no unit
        if script == HAN or script != current:  # every Han character is a unit
            if current is not None:
                yield current, start, position
            current, start = script, position
    if current is not None:
        yield current, start, len(text)


def units(text):
    """How many reading units of each script ``text`` has (see the module's docstring)."""
    return Counter(script for script, _start, _end in unit_spans(text))


@dataclass(frozen=True)
class Measure:
    """What a text is made of, seen from a page in one language."""

    expected: str  # the page's script
    own: int  # units in the page's script
    foreign: Counter  # units in each other script

    @property
    def total(self):
        return self.own + sum(self.foreign.values())

    @property
    def foreign_share(self):
        return sum(self.foreign.values()) / self.total if self.total else 0.0

    @property
    def main_foreign(self):
        """The other script with the most units (the language the text is still in)."""
        return self.foreign.most_common(1)[0][0] if self.foreign else None


def measure(text, language_code):
    counts = units(text)
    expected = SCRIPT_OF_LANGUAGE[language_code]
    own = counts.pop(expected, 0)
    return Measure(expected, own, counts)


def name(script):
    return NAMES.get(script, script)


# When a text is still in another language (see docs/editors.md 六 and docs/import-export.md
# for the figures these come from). The demo's 428 Tibetan and Mongolian fields have no
# foreign unit at all; what legitimately appears is a unit or formula ("km", "PM2.5"),
# a Latin species name (two words), a Chinese term in parentheses (two to four
# characters). A field passes when it has its own script and either at most
# TERM_UNITS foreign units (one such term, however short the field) or at most
# FOREIGN_SHARE of its units foreign (several terms in a paragraph). A copy of the
# Chinese text has no Tibetan or Mongolian at all; a half-translated field is about
# half foreign (a Chinese character, a Tibetan syllable and a Mongolian word carry
# comparable meaning: the demo's translations have 1 : 1.24 : 0.72 of them).
TERM_UNITS = 4
FOREIGN_SHARE = 1 / 3


def in_other_script(text, language_code):
    """The script ``text`` is still written in, if it is not (enough) in the script of
    ``language_code``'s pages; else None. Text without letters (digits, punctuation)
    is in every script."""
    found = measure(text, language_code)
    foreign = found.total - found.own
    if not foreign:
        return None
    if found.own == 0:
        return found.main_foreign
    if foreign <= TERM_UNITS or found.foreign_share <= FOREIGN_SHARE:
        return None
    return found.main_foreign


def name_en(script):
    """The script's name in English, for operators' reports."""
    return {HAN: "Chinese (Han) script", MONGOLIAN: "traditional Mongolian script"}.get(
        script, f"{script.capitalize()} script"
    )
