"""What every script shares: NFC, full-width Latin and digits folded to ASCII, case
folding, and splitting text into runs of one script (each script has its own analyser;
jieba never sees Tibetan or Mongolian)."""

import re
import unicodedata

from cms.scripts import HAN_CLASS, MONGOLIAN_CLASS, NNBSP, TIBETAN_CLASS, ZWJ, ZWNJ

HAN = HAN_CLASS
TIBETAN = TIBETAN_CLASS
# A Mongolian run goes on through the space that joins a suffix and through ZWJ/ZWNJ
# (the selectors and the vowel separator are inside the block already).
MONGOLIAN = f"{MONGOLIAN_CLASS}{NNBSP}{ZWNJ}{ZWJ}"
RUNS = re.compile(f"([{HAN}]+)|([{TIBETAN}]+)|([{MONGOLIAN}]+)|([^{HAN}{TIBETAN}{MONGOLIAN}]+)")
# For folding (search.analysis.fold), which treats a space the same in every script:
# a Tibetan or Mongolian run goes on over the spaces between its words, so that a line
# of Mongolian is one run, not one per word.
FOLD_RUNS = re.compile(
    f"([{HAN}]+)|([{TIBETAN}]+(?: +[{TIBETAN}]+)*)|([{MONGOLIAN}]+(?: +[{MONGOLIAN}]+)*)"
    f"|([^{HAN}{TIBETAN}{MONGOLIAN}]+)"
)
WORD = re.compile(r"[^\W_]+")
DIGITS = str.maketrans("༠༡༢༣༤༥༦༧༨༩᠐᠑᠒᠓᠔᠕᠖᠗᠘᠙", "01234567890123456789")
FULL_WIDTH = re.compile("[\uff01-\uff5e]")


def char_fold(char):
    """One character as the analysers compare it: full-width to ASCII, case folded,
    Tibetan and Mongolian digits to ASCII digits. Always one character or empty."""
    if FULL_WIDTH.match(char):
        char = chr(ord(char) - 0xFEE0)
    char = char.translate(DIGITS)
    folded = char.casefold()
    return folded if len(folded) == 1 else char.lower()


class _FoldTable(dict):
    """``char_fold`` as a table for ``str.translate``, filled in as characters are met:
    folding a whole text costs one C loop, not a Python call per character (snippets
    fold every result's text)."""

    def __missing__(self, code):
        folded = self[code] = char_fold(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold_chars(text):
    """``char_fold`` of every character of ``text``."""
    return text.translate(_FOLD_TABLE)


def runs(text, pattern=RUNS):
    """(script, run) pairs: script is "han", "tibetan", "mongolian" or "other"."""
    for match in pattern.finditer(text):
        han, tibetan, mongolian, other = match.groups()
        if han:
            yield "han", han
        elif tibetan:
            yield "tibetan", tibetan
        elif mongolian:
            yield "mongolian", mongolian
        else:
            yield "other", other


def other_tokens(run):
    """Latin, digits, Cyrillic and the rest: words of letters and digits."""
    return WORD.findall(fold_chars(unicodedata.normalize("NFC", run)))
