"""Reading time for the three scripts.

Reading speed is counted in the unit each script is read in: Chinese characters,
Tibetan syllables (split on the tsheg), and space-separated words for Mongolian and
Latin text. Speeds are deliberately slow: many readers are elderly or new readers.
"""

import math
import re

from django.utils.html import strip_tags

from cms.scripts import HAN_CLASS, MONGOLIAN_LETTERS, TIBETAN_LETTERS

CHINESE_CHARS_PER_MINUTE = 300
TIBETAN_SYLLABLES_PER_MINUTE = 120
WORDS_PER_MINUTE = 130

CJK = re.compile(f"[{HAN_CLASS}]")
TIBETAN_SYLLABLE = re.compile(f"[{TIBETAN_LETTERS}]+")
WORD = re.compile(rf"[{MONGOLIAN_LETTERS}\w]+")


def minutes(text):
    text = strip_tags(text)
    chinese = len(CJK.findall(text))
    tibetan = len(TIBETAN_SYLLABLE.findall(text))
    rest = CJK.sub(" ", TIBETAN_SYLLABLE.sub(" ", text))
    words = len(WORD.findall(rest))
    total = (
        chinese / CHINESE_CHARS_PER_MINUTE
        + tibetan / TIBETAN_SYLLABLES_PER_MINUTE
        + words / WORDS_PER_MINUTE
    )
    return max(1, math.ceil(total))
