"""Tibetan: normalised syllables, the same syllables without an attached particle, and
pairs of adjacent syllables (docs/scripts.md).

A one-syllable query matches the syllable with or without its particle (ཆུ finds ཆུའི);
a longer query needs its syllables next to each other: one group per adjacent pair.
"""

import re

from content.text_checks import normalise

SEPARATORS = re.compile(
    "[\u0f00-\u0f0a\u0f0b-\u0f14\u0f34\u0f36\u0f38\u0f3a-\u0f3d\u0fd0-\u0fd4\u0fd9\u0fda\\s]+"
)
# Particles written joined to the syllable before them (genitive, instrumental,
# terminative, concessive, disjunctive): ཆུའི → ཆུ, མིས → མི when it ends in ས after ི.
ATTACHED = ("འིས", "འི", "འོ", "འམ", "འང", "འུ")
OM = "\u0f00"


def syllables(run):
    run = normalise(run).replace(OM, "ཨོཾ")
    return [s for s in SEPARATORS.split(run) if s]


def stripped(syllable):
    for particle in ATTACHED:
        if syllable.endswith(particle) and len(syllable) > len(particle):
            return syllable[: -len(particle)]
    return syllable


def index_tokens(run):
    found = syllables(run)
    tokens = list(found)
    tokens += [stripped(s) for s in found if stripped(s) != s]
    for first, second in zip(found, found[1:], strict=False):
        tokens.append(f"{stripped(first)}\u0f0b{stripped(second)}")
    return tokens


def query_groups(run):
    found = syllables(run)
    if len(found) == 1:
        return [sorted({found[0], stripped(found[0])})]
    return [[f"{stripped(a)}\u0f0b{stripped(b)}"] for a, b in zip(found, found[1:], strict=False)]
