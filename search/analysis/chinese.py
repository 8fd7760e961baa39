"""Chinese: jieba words, plus character bigrams and single characters for recall.

A query word must appear as a contiguous string: every one of its bigrams is required
(a one-character word needs that character). jieba is loaded once per process, on first
use (about a second); it only ever sees runs of Han characters.
"""

import logging
import threading

_lock = threading.Lock()
_jieba = None


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


def words(run):
    return [w for w in _segmenter().lcut(run, HMM=True) if w.strip()]


def bigrams(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_tokens(run):
    return words(run) + bigrams(run) + list(run)


def query_groups(run):
    groups = []
    for word in words(run):
        if len(word) == 1:
            groups.append([word])
        else:
            groups.extend([pair] for pair in bigrams(word))
    return groups
