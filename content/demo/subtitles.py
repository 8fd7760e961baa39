"""WebVTT subtitles for the demo videos, cut from each language's transcript.

The demo clips are silent, so the subtitles carry what a narrator would say: the
video page's transcript, in its own language and script, split into short cues at the
language's own punctuation and spread over the clip in proportion to their length (a
cue's length in reading units, cms/scripts.py, so the three languages keep roughly in
step). The files go through the same cleaning as an editor's upload (media/webvtt.py).
"""

import re

from cms import scripts

# Where a clause ends, and where a sentence does, in each language's punctuation:
# Chinese full-width marks; the Tibetan shad (it ends clauses and sentences alike);
# the Mongolian comma, full stop and colon (U+1802, U+1803, U+1804).
CLAUSE_ENDS = {"zh-hans": "。！？；，、：", "bo": "།༎", "mn": "᠂᠃᠄!?"}
SENTENCE_ENDS = {"zh-hans": "。！？；", "bo": "།༎", "mn": "᠃!?"}
# The most a cue holds, in reading units: about two short lines on a phone.
MAX_UNITS = {"zh-hans": 26, "bo": 18, "mn": 9}
MIN_SECONDS = 1.5
ASCII_SPACE = " \t\n"
LEAD_IN = 0.5


def cues(transcript, language_code):
    """The transcript as a list of cue texts, none crossing a paragraph."""
    ends = re.escape(CLAUSE_ENDS[language_code])
    clause = re.compile(rf"[^{ends}]*[{ends}]+|[^{ends}]+")
    out = []
    # Only ASCII white space separates: Python's own (str.split, "\\s") includes U+202F,
    # which joins a Mongolian case suffix to its word.
    for paragraph in re.split(r"\n[ \t]*\n", transcript.strip(ASCII_SPACE)):
        current = ""
        for part in clause.findall(re.sub(r"[ \t\n]+", " ", paragraph)):
            part = part.strip(ASCII_SPACE)
            if not part:
                continue
            if current and _units(current + part) > MAX_UNITS[language_code]:
                out.append(current)
                current = ""
            current = (
                f"{current} {part}".strip(ASCII_SPACE)
                if language_code != "zh-hans"
                else current + part
            )
            if current[-1] in SENTENCE_ENDS[language_code] and _units(current) >= (
                MAX_UNITS[language_code] // 2
            ):
                out.append(current)
                current = ""
        if current:
            out.append(current)
    return out


def webvtt(transcript, language_code, duration):
    """A WebVTT file (bytes) showing ``transcript`` over a clip of ``duration`` seconds."""
    texts = cues(transcript, language_code)
    weights = [max(_units(text), 1) for text in texts]
    room = max(duration - 2 * LEAD_IN, MIN_SECONDS * len(texts))
    total = sum(weights)
    lines, start = ["WEBVTT", ""], LEAD_IN
    for text, weight in zip(texts, weights, strict=True):
        length = max(room * weight / total, MIN_SECONDS)
        lines += [f"{_time(start)} --> {_time(start + length - 0.1)}", text, ""]
        start += length
    return "\n".join(lines).encode("utf-8")


def _units(text):
    return sum(scripts.units(text).values())


def _time(seconds):
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"
