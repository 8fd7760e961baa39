"""Snippets: a window of the original text around the first match, with every match
marked. Matching happens on the folded text (search.analysis.fold), so a query in one
spelling marks the document's other spelling; the marks are placed on the original
characters, and everything is escaped."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import analysis

LENGTH = 140


def snippet(text, query, length=LENGTH):
    text = " ".join(text.split()) if "\u202f" not in text else text.replace("\n", " ")
    folded, origin = analysis.fold(text)
    spans = _matches(folded, origin, analysis.highlight_needles(query))
    if not spans:
        cut = text[:length]
        return escape(cut) + ("…" if len(text) > length else "")
    first = spans[0][0]
    start = max(0, first - length // 3)
    end = min(len(text), start + length)
    out, position = [], start
    for begin, finish in spans:
        if begin < position or finish > end:
            continue
        out.append(escape(text[position:begin]))
        out.append(f"<mark>{escape(text[begin:finish])}</mark>")
        position = finish
    out.append(escape(text[position:end]))
    return mark_safe(("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else ""))


def _matches(folded, origin, needles):
    """Non-overlapping (start, end) spans in the original text, in order."""
    spans = []
    taken = [False] * len(folded)
    for needle in needles:  # longest first
        if not needle:
            continue
        at = folded.find(needle)
        while at != -1:
            if not any(taken[at : at + len(needle)]):
                for i in range(at, at + len(needle)):
                    taken[i] = True
                last = at + len(needle) - 1
                spans.append((origin[at], origin[last] + 1))
            at = folded.find(needle, at + len(needle))
    return sorted(spans)
