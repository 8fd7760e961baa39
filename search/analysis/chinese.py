"""Chinese: jieba words, plus character bigrams and single characters for recall.

Traditional characters are folded to simplified ones first, at index and at query time
(OpenCC's t2s data, phrase-aware: 乾燥 → 干燥 but 乾隆 stays), so 濕地 finds 湿地 and
a page quoting a traditional source is found by a simplified query. Folding simplified
text changes nothing, so the pages themselves are unaffected; jieba then only ever
sees simplified text, which is what its dictionary holds.

A query word must appear as a contiguous string: every one of its bigrams is required
(a one-character word needs that character). jieba is loaded once per process, on first
use (about a second); it only ever sees runs of Han characters. The converter costs
about 0.04 ms per 2,000 characters (jieba: about 4 ms).
"""

import logging
import threading

_lock = threading.Lock()
_jieba = None
_converter = None


def _segmenter():
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def _t2s():
    global _converter
    if _converter is None:
        with _lock:
            if _converter is None:
                from opencc import OpenCC

                _converter = OpenCC("t2s")
    return _converter


def simplified(run):
    """A run of Han characters with traditional characters folded to simplified ones,
    character for character: t2s maps one character to one character, and the
    highlighter (search.analysis.fold) relies on positions staying put. Should a
    phrase ever convert to another length, each character is converted on its own."""
    converted = _t2s().convert(run)
    if len(converted) == len(run):
        return converted
    single = [_t2s().convert(char) for char in run]
    return "".join(new if len(new) == 1 else old for old, new in zip(run, single, strict=True))


def simplified_runs(runs):
    """simplified() of each of ``runs``, with one call of the converter for them all
    (a page's text has a run between every two punctuation marks). Joined by line
    breaks, which no converter phrase holds, so each run converts as on its own."""
    if not runs:
        return []
    converted = _t2s().convert("\n".join(runs)).split("\n")
    if len(converted) == len(runs) and all(
        len(new) == len(old) for new, old in zip(converted, runs, strict=True)
    ):
        return converted
    return [simplified(run) for run in runs]


def words(run):
    return [w for w in _segmenter().lcut(simplified(run), HMM=True) if w.strip()]


def bigrams(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_tokens(run):
    run = simplified(run)
    return [w for w in _segmenter().lcut(run, HMM=True) if w.strip()] + bigrams(run) + list(run)


def query_groups(run):
    groups = []
    for word in words(run):
        if len(word) == 1:
            groups.append([word])
        else:
            groups.extend([pair] for pair in bigrams(word))
    return groups
