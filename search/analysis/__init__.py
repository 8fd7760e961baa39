"""Language analysis for search: the same tokens at index time and at query time, for
every backend (SQLite FTS5, PostgreSQL, Elasticsearch).

Text is split into runs of one script, and each run goes to its script's analyser, so a
Tibetan page quoting a Chinese word gets Chinese tokens for that word only. Tokens never
contain ASCII spaces or punctuation, so every backend can split on whitespace.

- ``index_tokens(text)``: the tokens of a document field.
- ``query_groups(text, language)``: the query as groups of alternatives; a document
  matches when it has a token of every group. Query syntax does not exist: quotes,
  operators and punctuation are text, and disappear here like any punctuation. On the
  Tibetan page (``language`` "bo") Latin words that are Tibetan in EWTS ("bod skad")
  also match the Tibetan syllables (wylie.py).
- ``fold(text)`` and ``highlight_needles(query)``: for marking matches in snippets.
"""

import re
import unicodedata

from cms import scripts
from cms.scripts import TIBETAN_MAP, TIBETAN_REPLACEMENTS
from search import synonyms

from . import chinese, mongolian, tibetan, wylie
from .common import FOLD_RUNS, char_fold, fold_chars, other_tokens, runs


def index_tokens(text):
    tokens = _words(text)
    # Synonyms (search/synonyms.py): one token per concept the text names.
    return tokens + synonyms.concept_tokens(tokens, _query_groups)


def query_groups(text, language=None):
    return synonyms.expand(_query_groups(text, language), _query_groups)


def _words(text):
    tokens = []
    for script, run in runs(unicodedata.normalize("NFC", text or "")):
        if script == "han":
            tokens += chinese.index_tokens(run)
        elif script == "tibetan":
            tokens += tibetan.index_tokens(run)
        elif script == "mongolian":
            tokens += mongolian.index_tokens(run)
        else:
            tokens += other_tokens(run)
    return tokens


def _query_groups(text, language=None):
    groups = []
    for script, run in runs(unicodedata.normalize("NFC", text or "")):
        if script == "han":
            groups += chinese.query_groups(run)
        elif script == "tibetan":
            groups += tibetan.query_groups(run)
        elif script == "mongolian":
            groups += mongolian.query_groups(run)
        else:
            tibetan_groups = wylie.query_groups(run) if language == "bo" else None
            groups += tibetan_groups or [[token] for token in other_tokens(run)]
    # The same requirement twice adds nothing (a query repeating a word).
    unique = []
    for group in groups:
        if group and group not in unique:
            unique.append(group)
    return unique


def fold(text, start=0):
    """(folded text, index of the original character for each folded character);
    ``text`` starting at index ``start`` of the original.

    Snippets fold every result's text, so each run is folded by string methods and
    regular expressions, and the Han runs by one call of the converter; a loop over
    characters is left only for the rare run whose length the folding changes (a
    deprecated Tibetan vowel, a dotted capital I)."""
    out, origin = [], []
    position = start
    found = list(runs(text or "", FOLD_RUNS))
    # Simplified, the same length; char_fold changes no Han character.
    simplified = iter(chinese.simplified_runs([run for script, run in found if script == "han"]))
    for script, run in found:
        if script == "mongolian":
            _fold_mongolian(run, position, out, origin)
        else:
            if script == "han":
                run_folded = next(simplified)
            elif script == "tibetan":
                replaced = TIBETAN_REPLACED.search(run)
                run_folded = run.translate(TIBETAN_MAP) if replaced else run
            else:
                run_folded = run.lower() if run.isascii() else fold_chars(run)
            if len(run_folded) == len(run):
                origin.extend(range(position, position + len(run)))
            else:
                run_folded = _fold_by_char(script, run, position, origin)
            if script == "tibetan" and scripts.ANUSVARA in run_folded:
                run_folded = _anusvara_last(run_folded)
            out.append(run_folded)
        position += len(run)
    return "".join(out), origin


# What cms.scripts.TIBETAN_REPLACEMENTS replaces: most runs have none of it.
TIBETAN_REPLACED = re.compile(f"[{''.join(TIBETAN_REPLACEMENTS)}]")


def _fold_by_char(script, run, position, origin):
    pieces = []
    if script == "han":
        run = chinese.simplified(run)
    for offset, char in enumerate(run):
        folded = TIBETAN_REPLACEMENTS.get(char, char) if script == "tibetan" else char_fold(char)
        pieces.append(folded)
        origin.extend([position + offset] * len(folded))
    return "".join(pieces)


def _anusvara_last(run):
    """The anusvara after the vowel signs, as cms.scripts.normalise writes it (and the
    index holds it). Only the characters move: the origins stay in order, which is what
    highlighting needs (a span's first and last origin bound it in the original), and
    every character stays inside its own syllable."""
    out = list(run)
    for i in range(len(out) - 1):
        # An anusvara moved one step is met again at i + 1 and moves on past the next.
        if out[i] == scripts.ANUSVARA and out[i + 1] in scripts.ANUSVARA_FOLLOWERS:
            out[i], out[i + 1] = out[i + 1], out[i]
    return "".join(out)


def _fold_mongolian(run, start, out, origin):
    """Shaping controls dropped (nothing in the folded text points at them), each
    separator a space, each word folded (mongolian.fold_word keeps its length)."""
    kept, last = [], 0
    for control in mongolian.CONTROLS.finditer(run):
        kept.append(run[last : control.start()])
        origin.extend(range(start + last, start + control.start()))
        last = control.end()
    kept.append(run[last:])
    origin.extend(range(start + last, start + len(run)))
    out.append(mongolian.fold_words("".join(kept)))


def highlight_needles(query, language=None):
    """What to look for in ``fold(document)`` to mark a query's matches, longest first."""
    needles = set()
    for script, run in runs(unicodedata.normalize("NFC", query or "")):
        if script == "han":
            needles.update(chinese.words(run))
        elif script == "tibetan":
            needles.update(tibetan.stripped(s) for s in tibetan.syllables(run))
        elif script == "mongolian":
            needles.update(mongolian.query_tokens_for_highlight(run))
        else:
            tibetan_groups = wylie.query_groups(run) if language == "bo" else None
            needles.update(
                token for group in tibetan_groups or [other_tokens(run)] for token in group
            )
    return sorted((n for n in needles if n.strip()), key=lambda n: (-len(n), n))
