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

It is also the one owner of the other facts about these scripts that code elsewhere
relies on (docs/scripts.md explains each): the character classes of Tibetan and
Mongolian, the control-character policy, the Tibetan normalisation, the detached
Mongolian suffixes and the check an editor's text must pass (``admin_problem``). Pages,
media and search import them from here; nothing here imports them.
"""

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, pgettext_lazy

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
FVS = "\u180b\u180c\u180d\u180f"  # free variation selectors 1–4
MVS = "\u180e"  # Mongolian vowel separator (before a detached final a/e)
NNBSP = "\u202f"  # narrow no-break space (before a detached suffix)
ZWNJ, ZWJ = "\u200c", "\u200d"
# What picks a Mongolian letter's shape without being a letter: part of the stored word,
# removed only from search keys and addresses (docs/scripts.md).
MONGOLIAN_SHAPING = FVS + MVS + ZWNJ + ZWJ
MONGOLIAN_JOINERS = frozenset(MONGOLIAN_SHAPING + NNBSP)
# Visible, but inside a word: the nirugu (a stretch of the word's stem) and the Todo soft
# hyphen (where a word may break). Search reads through them.
MONGOLIAN_WORD_MARKS = "\u180a\u1806"

# Character classes, written for the inside of a regular expression's [...].
HAN_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES)
TIBETAN_CLASS = f"{chr(TIBETAN_RANGE[0])}-{chr(TIBETAN_RANGE[1])}"
# Letters, subjoined letters and vowel signs: what a syllable is made of.
TIBETAN_LETTERS = "\u0f40-\u0fbc"
# The root (head) letters, and the subjoined letters stacked under them.
TIBETAN_ROOT_LETTERS = "\u0f40-\u0f6c"
TIBETAN_SUBJOINED = "\u0f90-\u0fbc"
# Where a Tibetan syllable ends: the syllable marks (U+0F00–U+0F0A), the tsheg and its
# non-breaking form, the shads (…U+0F14), the brackets and marks U+0F34–U+0F3D that stand
# between syllables, and the ornamental marks U+0FD0–U+0FDA.
TIBETAN_BOUNDARIES = "\u0f00-\u0f14\u0f34\u0f36\u0f38\u0f3a-\u0f3d\u0fd0-\u0fd4\u0fd9\u0fda"
MONGOLIAN_CLASS = f"{chr(MONGOLIAN_RANGE[0])}-{chr(MONGOLIAN_RANGE[1])}"
# The letters of the Mongolian block (with Todo, Sibe, Manchu and Ali Gali), no digits,
# punctuation or selectors.
MONGOLIAN_LETTERS = "\u1820-\u18aa"
# Mongolian punctuation that ends a word: birga, ellipsis, comma, full stop, colon, four
# dots, the Sibe syllable boundary and the Manchu comma and full stop (U+1806, the Todo
# soft hyphen, sits inside a word; U+180A is the nirugu).
MONGOLIAN_PUNCTUATION = "\u1800-\u1805\u1807-\u1809"
CYRILLIC_LETTERS = re.compile("[\u0400-\u052f]")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# Menksoft's legacy Mongolian encoding (docs/menksoft.md): other private-use text is not it.
MENKSOFT_RANGE = (0xE234, 0xE34F)

# The script each language's pages are written in (cms/languages.py has the codes).
SCRIPT_OF_LANGUAGE = {"zh-hans": HAN, "bo": TIBETAN, "mn": MONGOLIAN}
assert set(SCRIPT_OF_LANGUAGE) == set(languages.CODES)

# Names editors read, in the admin's language.
NAMES = {
    HAN: pgettext_lazy("script", "Chinese"),
    TIBETAN: pgettext_lazy("script", "Tibetan"),
    MONGOLIAN: pgettext_lazy("script", "traditional Mongolian"),
    LATIN: pgettext_lazy("script", "Latin letters"),
    CYRILLIC: pgettext_lazy("script", "Cyrillic letters"),
    "greek": pgettext_lazy("script", "Greek letters"),
}


@functools.lru_cache(maxsize=4096)
def script_of(char):
    """The script of one character if it is part of a word (a letter or a combining
    mark), else None (digits, punctuation, symbols, spaces, joiners).

    Cached: snippets and word splitting ask it for every character of every hit."""
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


# ---------------------------------------------------------------------------------------
# Characters nobody sees. One policy with three uses, which differ for a reason:
#
# - CONTROL: the C0 controls, DEL and the C1 controls. Never part of a value that is one
#   line: a query parameter (cms/params.py), where PostgreSQL cannot even store a NUL.
# - CONTROL_IN_TEXT: the same without tab, line feed and carriage return, which a
#   paragraph, a subtitle or a transcript may hold. Text with one of these is refused
#   on save (``admin_problem``): it comes from a broken copy (C1 controls are what
#   Windows-1252 quotes become when read as Latin-1) and shows as nothing or a box.
# - HIDDEN_IN_NAMES: controls, zero-width characters and the bidirectional controls,
#   which make a name read differently from what it is (U+202E turns "gpj.exe" into
#   "exe.jpg"). Removed from upload titles (media/uploads.py), which are names.
#
# Addresses (content/slugs.py) and the "is anything visible" test (``takes_no_room``)
# go further: they also leave out what only picks a shape (variation selectors, MVS,
# ZWJ/ZWNJ and every other format control), since an address or a filled-in field must
# not differ by something nobody can see. Stored text keeps those (docs/scripts.md).
_C0_C1 = "\x00-\x1f\x7f-\x9f"
CONTROL = re.compile(f"[{_C0_C1}]")
CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BIDI_CONTROLS = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"  # space, non-joiner, joiner, byte-order mark
HIDDEN_IN_NAMES = re.compile(f"[{_C0_C1}{ZERO_WIDTH}{BIDI_CONTROLS}]")
# Variation selectors (Mongolian FVS and U+FE00–U+FE0F) and the MVS: they choose a glyph
# and take no room of their own. Unicode gives FVS and VS the category Mn (a mark), so
# they need naming: ``unicodedata.category`` alone would call them visible.
SHAPE_SELECTORS = re.compile("[\u180b-\u180f\ufe00-\ufe0f]")
_NO_ROOM = {"Zs", "Zl", "Zp", "Cc", "Cf"}


def is_shaping_control(char):
    """A character that only steers shaping or direction: a variation selector, the MVS,
    ZWJ/ZWNJ, the byte-order mark, a soft hyphen, a bidirectional control (category Cf)."""
    return bool(SHAPE_SELECTORS.match(char)) or unicodedata.category(char) == "Cf"


def takes_no_room(char):
    """Spaces of every width, line breaks, controls and shaping controls: a text made
    only of these looks filled in to an editor and shows nothing to a reader."""
    return is_shaping_control(char) or unicodedata.category(char) in _NO_ROOM or char.isspace()


# ---------------------------------------------------------------------------------------
# Tibetan written the standard way (docs/scripts.md): the non-breaking tsheg and the mark
# U+0FD2 stop lines from wrapping and words from being found; U+0F77 and U+0F79 are
# deprecated and decompose only under NFKC. Each replacement keeps what a reader sees.
TIBETAN_REPLACEMENTS = {
    "\u0f0c": "\u0f0b",
    "\u0fd2": "\u0f0b",
    "\u0f77": "\u0fb2\u0f71\u0f80",
    "\u0f79": "\u0fb3\u0f71\u0f80",
}
TIBETAN_MAP = str.maketrans(TIBETAN_REPLACEMENTS)
_TIBETAN = re.compile(f"[{TIBETAN_CLASS}]")
# A vowel sign typed after the anusvara belongs before it (ཀཾི → ཀིཾ).
# The anusvara (U+0F7E) is written after all the vowel signs and marks that share its
# syllable (ཧཱུཾ); typed before them (ཧཾཱུ) it looks the same, and is moved after them.
ANUSVARA = "\u0f7e"
ANUSVARA_FOLLOWERS = frozenset(chr(c) for c in (*range(0x0F71, 0x0F7E), *range(0x0F80, 0x0F85)))
_ANUSVARA_FIRST = re.compile("(\u0f7e)([\u0f71-\u0f7d\u0f80-\u0f84]+)")


def normalise(text):
    """``text`` in the form we store and search: Unicode NFC, and Tibetan written the
    standard way. Only invisible or equivalent changes are made. Mongolian needs nothing
    here: its variants are folded for search only, never in stored text."""
    text = unicodedata.normalize("NFC", text)
    if _TIBETAN.search(text):
        text = _ANUSVARA_FIRST.sub(r"\2\1", text.translate(TIBETAN_MAP))
    return text


# ---------------------------------------------------------------------------------------
# Detached case and reflexive suffixes of traditional Mongolian. They are written after
# U+202F NARROW NO-BREAK SPACE, which keeps them on the word's line and gives them their
# suffix letter forms; after a plain space the font shapes them as new words.
MONGOLIAN_SUFFIXES = (
    "ᠤᠨ ᠦᠨ ᠶᠢᠨ ᠢᠨ ᠤ ᠦ ᠶᠢ ᠢ ᠳᠤ ᠲᠤ ᠳᠦ ᠲᠦ ᠡᠴᠡ ᠠᠴᠠ ᠪᠠᠷ ᠪᠡᠷ ᠢᠶᠠᠷ ᠢᠶᠡᠷ ᠲᠠᠢ ᠲᠡᠢ ᠪᠠᠨ ᠪᠡᠨ ᠢᠶᠠᠨ ᠢᠶᠡᠨ"
).split()
_MONGOLIAN_IN_WORD = f"{MONGOLIAN_LETTERS}{FVS}{MVS}"
PLAIN_SPACE_BEFORE_SUFFIX = re.compile(
    rf"(?<=[{_MONGOLIAN_IN_WORD}]) (?=(?:{'|'.join(MONGOLIAN_SUFFIXES)})(?![{_MONGOLIAN_IN_WORD}]))"
)


def suffix_spacing(text):
    """How many Mongolian case suffixes in ``text`` follow a plain space instead of U+202F."""
    return len(PLAIN_SPACE_BEFORE_SUFFIX.findall(text))


# ---------------------------------------------------------------------------------------
# Text that cannot be shown to readers.


def has_menksoft(text):
    """Whether the text holds any Menksoft private-use code."""
    low, high = MENKSOFT_RANGE
    return any(low <= ord(char) <= high for char in text)


def script_problems(text, language_code):
    """Reasons why ``text`` cannot be published in ``language_code`` (empty: none), in
    English for import reports."""
    problems = []
    if CONTROL_IN_TEXT.search(text):
        problems.append("contains control characters")
    if language_code == "mn":
        if CYRILLIC_LETTERS.search(text):
            problems.append(
                "contains Cyrillic letters: traditional-script Mongolian pages must not"
            )
        if PRIVATE_USE.search(text):
            problems.append(
                "contains private-use characters (Menksoft encoding?): convert it to Unicode first with `manage.py convert_menksoft FILE`"
            )
    return problems


def _converter_address():
    """The admin's Menksoft converter (a view of the editorial room, found by its URL
    name as Django decouples views from the code that links to them), or "" where the
    admin is not installed."""
    try:
        return reverse("kepu_menksoft")
    except NoReverseMatch:
        return ""


def admin_problem(text, language_code):
    """Why an editor cannot save ``text`` on a page in ``language_code`` (in Chinese, the
    admin's language), or None. Legacy Mongolian encoding gets a way out: the converter.
    Every place an editor saves text asks this: page fields, site identity, subtitles."""
    if not text:
        return None
    if has_menksoft(text):
        address = _converter_address()
        if address:
            return gettext(
                "This text uses the old Menksoft encoding: readers' phones cannot show it and "
                "search cannot find it. Convert it to standard Unicode with the admin's "
                "Mongolian encoding converter (%(address)s), then paste it back."
            ) % {"address": address}
        return gettext(
            "This text uses the old Menksoft encoding: readers' phones cannot show it and "
            "search cannot find it. Convert it to standard Unicode with the admin's "
            "Mongolian encoding converter, then paste it back."
        )
    if PRIVATE_USE.search(text):
        return gettext(
            "This text contains private-use characters (an old font encoding) that readers "
            "cannot see. Use text in the standard Unicode encoding instead."
        )
    if CONTROL_IN_TEXT.search(text):
        return gettext(
            "This text contains invisible control characters. Type it again, or paste it "
            "as plain text."
        )
    if language_code == "mn" and CYRILLIC_LETTERS.search(text):
        return gettext(
            "Mongolian pages cannot use Cyrillic letters: use the traditional Mongolian script."
        )
    return None
