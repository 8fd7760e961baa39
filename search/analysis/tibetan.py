"""Tibetan: normalised syllables, the same syllables without an attached particle, and
pairs of adjacent syllables (docs/scripts.md).

A one-syllable query matches the syllable with or without its particle (ཆུ finds ཆུའི);
a longer query needs its syllables next to each other: one group per adjacent pair.
"""

import re

from cms.scripts import TIBETAN_BOUNDARIES, normalise

SEPARATORS = re.compile(f"[{TIBETAN_BOUNDARIES}\\s]+")
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


# Case particles written as syllables of their own (genitive, instrumental, la-don,
# ablative, "and"). Ending a reader's query (ས་རློན་གྱི, ཁྱི་ལ) they are no part of the
# word: requiring them next to it missed every page using another case. Inside a query
# they stay (ཚད་ལས་བརྒལ་བ is one term), and a query is never only particles (ལ in ལ་དུག).
CASE_PARTICLES = frozenset("གི ཀྱི གྱི ཡི གིས ཀྱིས གྱིས ཡིས ལ ན ར རུ སུ ཏུ དུ ནས ལས དང".split())


def query_groups(run):
    found = syllables(run)
    while len(found) > 1 and found[-1] in CASE_PARTICLES:
        found.pop()
    if len(found) == 1:
        return [sorted({found[0], stripped(found[0])})]
    return [[f"{stripped(a)}\u0f0b{stripped(b)}"] for a, b in zip(found, found[1:], strict=False)]
