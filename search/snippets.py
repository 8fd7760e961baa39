"""Snippets and titles with the reader's words marked, for both backends (search.service
calls them on every hit, whichever backend found it).

Matching happens on the folded text (search.analysis.fold), so a query in one spelling
marks the document's other spelling; the marks are placed on the original characters,
and everything is escaped.

A mark covers whole reading units (cms.scripts.unit_spans): a Tibetan syllable, a
Mongolian word with its variation selectors, joiners and the suffix it holds by U+202F,
a Latin word. A Han character is a unit of its own, so Chinese is marked by the matched
term. A match that starts or ends inside a unit marks nothing (docs/search.md): the
search finds whole syllables and words, so letters that merely spell the query inside
another word (མ inside ཡམས) are not why the page was found. Two endings the search
ignores do not stop a match, and are marked with it: a particle attached to a Tibetan
syllable (ཆུ marks ཆུའི), and a Mongolian word's trailing selectors and U+202F suffix
(a mark that ended between a letter and its selector would change the letter's shape).
The window of a snippet is cut between units for the same reason.
"""

import functools
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from cms import scripts
from cms.scripts import HAN, MONGOLIAN, MONGOLIAN_JOINERS, NNBSP, TIBETAN, unit_spans
from search import analysis
from search.analysis import mongolian, tibetan

LENGTH = 140
# How much of a text is first searched for a snippet's match (see snippet()): half
# the matches in the demo's Chinese results are in the first 50 characters, in Tibetan
# and Mongolian ones in the first 200 to 500.
PREFIX = 300
# A character's script, asked for every character around each match: remembered (a
# pure function of one character; a text has few distinct characters).
script_of = functools.lru_cache(maxsize=8192)(scripts.script_of)
# Runs of whitespace other than U+202F, which holds a Mongolian suffix to its word.
SPACES = re.compile(rf"[^\S{NNBSP}]+")
# The characters SPACES matches, but the space itself (_clean replaces them one by one).
OTHER_SPACES = tuple(
    char
    for char in map(chr, range(0x3000 + 1))
    if char.isspace() and SPACES.fullmatch(char) and char != " "
)


def snippet(text, query, length=LENGTH, language=None):
    """About ``length`` characters of ``text`` around the first match, marked."""
    text = _clean(text)
    units = _Units(text)
    needles = _needles(query, language)
    # Only the start of the text is folded and searched, as far as a space past the
    # first match and the window after it (most matches are in the first lines, and
    # folding is what a snippet costs); the whole text only when the start has none.
    # A needle holds no space, so no match is cut at that space: the spans found are
    # the whole text's, as far as the window goes, and the first of them stays the
    # first however much more is folded (later text only adds spans after it).
    folded, origin, stop, wanted = "", [], 0, PREFIX
    while True:
        # Folding text that ends at a space gives the same as folding it with the rest.
        start, stop = stop, _space_after(text, wanted)
        more, more_origin = analysis.fold(text[start:stop], start)
        folded, origin = folded + more, origin + more_origin
        spans = _matches(folded, origin, units, needles)
        if stop == len(text) or (spans and spans[0][1] + length <= stop):
            break
        # With a match, only the rest of its window is missing; without, four times
        # as much text.
        wanted = spans[0][1] + length if spans else 4 * stop
    if not spans:
        end = units.cut_before(min(len(text), length), floor=0)
        return escape(text[:end]) + ("…" if end < len(text) else "")
    first, first_end = spans[0]
    start = units.cut_after(max(0, first - length // 3), ceiling=first)
    end = max(units.cut_before(min(len(text), start + length), floor=start), first_end)
    marked = _render(text, spans, start, end)
    return mark_safe(("…" if start > 0 else "") + marked + ("…" if end < len(text) else ""))


def highlight(text, query, language=None):
    """All of ``text`` (a title), escaped, with the query's matches marked."""
    text = _clean(text)
    spans = _matches(*analysis.fold(text), _Units(text), _needles(query, language))
    return mark_safe(_render(text, spans, 0, len(text)))


@functools.lru_cache(maxsize=256)
def _needles(query, language):
    # Asked for every result's title and snippet: the query is analysed once (jieba).
    return tuple(analysis.highlight_needles(query, language))


def _space_after(text, position):
    """The first space at or after ``position``, or the end of ``text``."""
    at = text.find(" ", position)
    return len(text) if at == -1 else at


def _clean(text):
    """Each run of spaces one space (U+202F kept), none at either end. Replacing each
    kind of space the text holds, then the double spaces, is C loops over the text; the
    same regular expression (SPACES) takes up to half a millisecond on a long
    Mongolian article, for every result."""
    text = text or ""
    for space in OTHER_SPACES:
        if space in text:
            text = text.replace(space, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")


def _render(text, spans, start, end):
    out, position = [], start
    for begin, finish in spans:
        if begin < position or finish > end:
            continue
        out.append(escape(text[position:begin]))
        out.append(f"<mark>{escape(text[begin:finish])}</mark>")
        position = finish
    out.append(escape(text[position:end]))
    return "".join(out)


def _matches(folded, origin, units, needles):
    """Non-overlapping (start, end) spans of whole units of ``units.text`` where
    ``needles`` are found in ``folded`` (analysis.fold of the text or of its start),
    in order."""
    taken = bytearray(len(units.text))
    spans = []
    for needle in needles:  # longest first
        at = folded.find(needle)
        while at != -1:
            span = units.whole(origin[at], origin[at + len(needle) - 1] + 1)
            if span and not any(taken[span[0] : span[1]]):
                taken[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
                spans.append(span)
                at = folded.find(needle, at + len(needle))
            else:
                at = folded.find(needle, at + 1)
    return sorted(spans)


def _continues(char):
    """Whether ``char`` belongs to the character before it (a combining mark, a
    Mongolian selector or joiner): no cut and no mark may fall just before it."""
    return unicodedata.category(char)[0] == "M" or char in MONGOLIAN_JOINERS


class _Units:
    """The reading units of a text, to ask which one a position falls in. Worked out
    only around the positions asked about (matches and the window's edges), not over a
    whole article: from the last place where a unit must begin (after a space or
    punctuation, or at a Han character) to the next."""

    def __init__(self, text):
        self.text = text
        self.stretch = (0, 0, [])  # the last stretch read: start, end, its units

    def containing(self, position):
        """(script, start, end) of the unit at ``position``, or None between units."""
        if position >= len(self.text) or _breaks(self.text[position]):
            return None
        start, end, spans = self.stretch
        if not start <= position < end:
            spans = self._read_around(position)
        for script, unit_start, unit_end in spans:
            if unit_start <= position < unit_end:
                return script, unit_start, unit_end
        return None

    def _read_around(self, position):
        text, start, end = self.text, position, position + 1
        while start > 0 and not _breaks(text[start - 1]) and not _fresh(text[start]):
            start -= 1
        while end < len(text) and not _breaks(text[end]) and not _fresh(text[end]):
            end += 1
        spans = [(script, start + s, start + e) for script, s, e in unit_spans(text[start:end])]
        self.stretch = (start, end, spans)
        return spans

    def whole(self, begin, end):
        """What to mark for a match of ``text[begin:end]``: the whole units it covers,
        or None when it starts or ends inside a unit (module docstring)."""
        if begin > 0:  # the common refusal first: letters of one word going on
            before, at = script_of(self.text[begin - 1]), script_of(self.text[begin])
            if at != HAN and before not in (None, "mark", HAN) and at in (before, "mark"):
                return None
        unit = self.containing(begin)
        if unit is not None and unit[1] != begin:
            return None
        unit = self.containing(end - 1)
        if unit is not None:
            script, _start, unit_end = unit
            rest = self.text[end:unit_end]
            if rest and not _ignored_ending(script, rest):
                return None
            end = unit_end
        return begin, end

    def cut_before(self, position, floor):
        """The last place at or before ``position`` (and after ``floor``) to cut the text
        without splitting a unit; inside a unit longer than the window, the last place
        that leaves no mark or selector without its letter."""
        unit = self.containing(position)
        if unit is None or unit[1] == position:
            return position
        if unit[1] > floor:
            return unit[1]
        while position > floor + 1 and _continues(self.text[position]):
            position -= 1
        return position

    def cut_after(self, position, ceiling):
        """The first place at or after ``position`` (and before ``ceiling``) to cut the
        text without splitting a unit (see cut_before)."""
        unit = self.containing(position)
        if unit is None or unit[1] == position:
            return position
        if unit[2] <= ceiling:
            return unit[2]
        while position < ceiling and _continues(self.text[position]):
            position += 1
        return position


def _breaks(char):
    """Whether no unit goes on over ``char`` (a space, punctuation, a digit)."""
    return script_of(char) is None and char not in MONGOLIAN_JOINERS


def _fresh(char):
    """Whether a unit always begins at ``char`` (a Han character is a unit on its own)."""
    return script_of(char) == HAN


def _ignored_ending(script, rest):
    """Whether ``rest``, the end of a unit after a match, is an ending the search itself
    ignores (module docstring)."""
    if script == TIBETAN:
        return rest in tibetan.ATTACHED
    if script == MONGOLIAN:
        rest = mongolian.CONTROLS.sub("", rest)
        return not rest or bool(mongolian.SEPARATORS.match(rest))
    return False
