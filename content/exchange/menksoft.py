"""Menksoft private-use Mongolian (U+E234..U+E34F) to standard Unicode Mongolian.

Menksoft's fonts and IME encode traditional Mongolian by *glyph*: one private-use code per
written shape (initial, medial, final, and the variants chosen by the neighbouring
letters). Unicode encodes *letters* and leaves the shape to the font. Converting means
naming the letter behind each glyph, and adding a free variation selector (FVS) only when
a Unicode font would not pick that shape by itself in that place.

Where the facts come from (our table is written from them, in our own format):

- Which glyph sits at which code: ``mongfontbuilder/data/menksoft.yaml`` in
  github.com/Kushim-Jiang/mongfontbuilder (MIT License, (c) 2023-2025 Kushim Jiang), which
  maps each Menksoft code to a written-unit glyph name such as ``uni1820.Aa.fina``.
  The punctuation codes (U+E234..U+E263), which that file leaves out, and the letter each
  code block belongs to were checked against the constants in github.com/suragch/mongol_code
  (MIT License, (c) 2020 suragch) and its published Menksoft -> Unicode word tests.
- Which FVS selects which shape, and which shapes a font picks on its own (after a bowed
  consonant, before MVS + a/e, in a suffix, ...): ``data/variants.ts`` and the shaping
  steps of the same mongfontbuilder project, the reference data of Unicode Technical Note
  #57 (Encoding and Shaping of the Mongolian Script).

Detached suffixes get U+202F NARROW NO-BREAK SPACE, as the Unicode Standard specifies;
GB/T 25914-2023 uses U+180E there instead, which we do not follow. See docs/menksoft.md.
"""

import re
import unicodedata

from cms import scripts
from cms.scripts import FVS, MVS, NNBSP

MONGOLIAN_LETTER = re.compile(f"[{scripts.MONGOLIAN_LETTERS}]")

FIRST, LAST = scripts.MENKSOFT_RANGE  # the Menksoft codes; other private-use text is not Menksoft

A, E, I, O, U, OE, UE, EE = "ᠠ", "ᠡ", "ᠢ", "ᠣ", "ᠤ", "ᠥ", "ᠦ", "ᠧ"  # noqa: E741
NA, ANG, BA, PA, QA, GA, MA, LA = "ᠨ", "ᠩ", "ᠪ", "ᠫ", "ᠬ", "ᠭ", "ᠮ", "ᠯ"
SA, SHA, TA, DA, CHA, JA, YA, RA = "ᠰ", "ᠱ", "ᠲ", "ᠳ", "ᠴ", "ᠵ", "ᠶ", "ᠷ"
WA, FA, KA, KHA, TSA, ZA, HAA, ZRA = "ᠸ", "ᠹ", "ᠺ", "ᠻ", "ᠼ", "ᠽ", "ᠾ", "ᠿ"
LHA, ZHI, CHI = "ᡀ", "ᡁ", "ᡂ"
FVS1, FVS2, FVS3, FVS4 = FVS

# A value is the Unicode for the glyph, or (Unicode, context) when a font draws that glyph
# from the bare letter in that context, so the FVS is dropped there:
#   "suffix"        first letter(s) of a detached suffix (the font's suffix forms)
#   "before_mvs"    the letter before MVS + a/e (the font's forms before a detached a/e)
#   "after_initial" the vowel right after a word-initial consonant (first-syllable forms)
#   "after_vowel"   i right after a vowel, where the font doubles its tooth
#   "not_after_vowel"  i anywhere else
#   "before_consonant" medial t closing a syllable
# Glyphs a font picks on its own everywhere they occur (after bowed b/p/k/f/g, the
# masculine/feminine q/g chosen by the word's vowels, ...) map to the bare letter.
MENKSOFT: dict[int, str | tuple[str, str]] = {
    # Punctuation, digits and spaces
    0xE234: "\u1800",  # birga
    0xE235: "\u1801",  # ellipsis
    0xE236: "\u1802",  # comma
    0xE237: "\u1803",  # full stop
    0xE238: "\u1804",  # colon
    0xE239: "\u1805",  # four dots
    0xE23A: "\u1806",  # todo soft hyphen
    0xE23B: "\u1807",  # sibe syllable boundary marker
    0xE23C: "\u1808",  # manchu comma
    0xE23D: "\u1809",  # manchu full stop
    0xE23E: "\u180a",  # nirugu
    0xE23F: "\U00011660",  # birga with ornament (Mongolian Supplement block)
    0xE240: "\U00011661",  # rotated birga
    0xE241: "\U00011662",  # double birga with ornament
    0xE242: "\U00011663",  # triple birga with ornament
    0xE243: "\u00b7",  # middle dot
    **{0xE244 + n: chr(0x1810 + n) for n in range(10)},  # digits 0-9
    0xE24E: "\u2048",  # ?!
    0xE24F: "\u2049",  # !?
    # Full-width forms rather than the vertical presentation forms (U+FE10..): they are
    # the ordinary characters, and vertical layout draws them upright by itself.
    0xE250: "\uff01",  # !
    0xE251: "\uff1f",  # ?
    0xE252: "\uff1b",  # ;
    0xE253: "\uff08",  # (
    0xE254: "\uff09",  # )
    0xE255: "\u3008",  # 〈
    0xE256: "\u3009",  # 〉
    0xE257: "\u3014",  # 〔
    0xE258: "\u3015",  # 〕
    0xE259: "\u300a",  # 《
    0xE25A: "\u300b",  # 》
    0xE25B: "\u300e",  # 『
    0xE25C: "\u300f",  # 』
    0xE25D: "\uff0c",  # ，
    # 0xE25E is an "x"-shaped mark whose meaning we could not establish: left unconverted.
    0xE25F: "\u203b",  # reference mark
    0xE260: "\u2013",  # short dash
    0xE261: "\u2014",  # long dash
    0xE262: " ",  # a space glyph of unrecorded purpose
    0xE263: NNBSP,  # the narrow space before a detached suffix
    # a
    0xE264: A,  # isolated
    0xE265: A + FVS1,  # isolated, one tooth
    0xE266: A,  # initial
    0xE267: (A + FVS1, "suffix"),  # initial, one tooth: -aca, -acagan
    0xE268: A,  # final
    0xE269: A + FVS1,  # final, tail turned back
    0xE26A: MVS + A,  # detached final a (see _ALONE for one with nothing before it)
    0xE26B: A,  # final after a bowed consonant
    0xE26C: A,  # medial
    0xE26D: A,  # medial after a bowed consonant
    0xE26E: A + FVS1,  # medial, two teeth
    0xE26F: A,  # medial after a bowed consonant (duplicate glyph)
    # e
    0xE270: E,  # isolated
    0xE271: E,  # initial
    0xE272: E + FVS1,  # initial, two teeth
    0xE273: E,  # final
    0xE274: MVS + E,  # detached final e
    0xE275: E,  # final after a bowed consonant
    0xE276: E,  # medial
    0xE277: E,  # medial after a bowed consonant
    0xE278: E,  # medial after a bowed consonant (duplicate glyph)
    # i
    0xE279: I,  # isolated
    0xE27A: I,  # initial
    0xE27B: I,  # final
    0xE27C: I,  # final after a bowed consonant
    0xE27D: I + FVS1,  # medial, short tooth then long
    0xE27E: (I + FVS3, "not_after_vowel"),  # medial, one long tooth
    0xE27F: I,  # medial after a bowed consonant
    0xE280: (I + FVS1, "suffix"),  # initial without the leading tooth: -iyar, -iyen
    0xE281: (I + FVS2, "after_vowel"),  # medial, two long teeth (ai, ei, oi ...)
    0xE282: (I + FVS1, "suffix"),  # isolated without the leading tooth: accusative -i
    # o
    0xE283: O,  # isolated
    0xE284: O,  # initial
    0xE285: O,  # final
    0xE286: (O + FVS1, "after_initial"),  # final, bowl form
    0xE287: O,  # final bowl after a bowed consonant
    0xE288: O + FVS1,  # medial with a leading tooth
    0xE289: O,  # medial
    0xE28A: O,  # medial after a bowed consonant
    # u
    0xE28B: U,  # isolated
    0xE28C: U,  # initial
    0xE28D: U,  # final
    0xE28E: (U + FVS1, "after_initial"),  # final, bowl form
    0xE28F: U,  # final bowl after a bowed consonant
    0xE290: U + FVS1,  # medial with a leading tooth
    0xE291: U,  # medial
    0xE292: U,  # medial after a bowed consonant; also starts the suffixes -un, -ud
    # ö
    0xE293: OE,  # isolated
    0xE294: OE + FVS1,  # isolated, plain tail
    0xE295: OE,  # initial
    0xE296: OE,  # final
    0xE297: (OE + FVS1, "after_initial"),  # final with a tooth (first syllable)
    0xE298: (OE + FVS1, "after_initial"),  # the same after a bowed consonant
    0xE299: OE + FVS2,  # final, bowl form
    0xE29A: OE,  # final bowl after a bowed consonant
    0xE29B: OE + FVS2,  # medial with leading and trailing teeth
    0xE29C: (OE + FVS1, "after_initial"),  # medial with a tooth (first syllable)
    0xE29D: (OE + FVS1, "after_initial"),  # the same after a bowed consonant
    0xE29E: OE,  # medial
    0xE29F: OE,  # medial after a bowed consonant
    # ü
    0xE2A0: UE,  # isolated
    0xE2A1: UE + FVS1,  # isolated, plain tail
    0xE2A2: UE,  # initial
    0xE2A3: UE,  # final
    0xE2A4: (UE + FVS1, "after_initial"),  # final with a tooth (first syllable)
    0xE2A5: (UE + FVS1, "after_initial"),  # the same after a bowed consonant
    0xE2A6: UE + FVS2,  # final, bowl form
    0xE2A7: UE,  # final bowl after a bowed consonant
    0xE2A8: UE + FVS2,  # medial with leading and trailing teeth
    0xE2A9: (UE + FVS1, "after_initial"),  # medial with a tooth (first syllable)
    0xE2AA: (UE + FVS1, "after_initial"),  # the same after a bowed consonant
    0xE2AB: UE,  # medial
    0xE2AC: UE,  # medial after a bowed consonant; also starts the suffixes -ün, -üd
    # ē
    0xE2AD: EE,  # isolated
    0xE2AE: EE,  # initial
    0xE2AF: EE,  # final
    0xE2B0: EE,  # medial
    # n (Menksoft draws some of its glyphs twice, to join a tooth or a stem below)
    0xE2B1: NA,  # initial, dotted
    0xE2B2: NA + FVS1,  # initial, undotted
    0xE2B3: NA,  # initial, dotted
    0xE2B4: NA + FVS1,  # initial, undotted
    0xE2B5: NA,  # final
    0xE2B6: (NA + FVS1, "before_mvs"),  # final, short, before a detached a/e
    0xE2B7: NA,  # medial, dotted (before a vowel)
    0xE2B8: NA,  # medial, undotted (before a consonant)
    0xE2B9: NA,  # medial, dotted
    0xE2BA: NA,  # medial, undotted
    0xE2BF: NA,  # medial, dotted, before ng
    0xE2C0: NA,  # medial, undotted, before ng
    # ng
    0xE2BB: ANG,  # final
    0xE2BC: ANG,  # medial
    0xE2BD: ANG,  # medial, before a bowed consonant
    0xE2BE: ANG,  # medial, before a stem
    # b
    0xE2C1: BA,  # initial, with a/e/i
    0xE2C2: BA,  # initial, with o/u/ö/ü
    0xE2C3: BA,  # final
    0xE2C4: BA + FVS1,  # final, second form
    0xE2C5: BA,  # medial, with a/e/i
    0xE2C6: BA,  # medial, with o/u/ö/ü
    0xE2C7: BA,  # medial
    # p
    0xE2C8: PA,  # initial, with a/e/i
    0xE2C9: PA,  # initial, with o/u/ö/ü
    0xE2CA: PA,  # final
    0xE2CB: PA,  # medial, with a/e/i
    0xE2CC: PA,  # medial, with o/u/ö/ü
    0xE2CD: PA,  # medial
    # q: the font picks the masculine or feminine shape from the word's vowels
    0xE2CE: QA,  # initial, masculine
    0xE2CF: QA + FVS1,  # initial, masculine, dotted
    0xE2D0: QA,  # initial, feminine
    0xE2D1: QA + FVS4,  # initial, feminine, dotted
    0xE2D2: QA,  # initial, masculine
    0xE2D3: QA + FVS1,  # initial, masculine, dotted
    0xE2D4: QA,  # initial, feminine, with ö/ü
    0xE2D5: QA + FVS4,  # initial, feminine, dotted, with ö/ü
    0xE2D6: QA,  # final
    0xE2D7: QA + FVS1,  # final, dotted
    0xE2D8: QA,  # medial, masculine
    0xE2D9: QA + FVS1,  # medial, masculine, dotted
    0xE2DA: QA,  # medial, feminine
    0xE2DB: QA + FVS4,  # medial, feminine, dotted
    0xE2DC: QA,  # medial, masculine
    0xE2DD: QA,  # medial, feminine, with ö/ü
    0xE2DE: QA + FVS4,  # medial, feminine, dotted, with ö/ü
    0xE2DF: QA,  # medial, feminine, before a consonant
    0xE2E0: QA + FVS4,  # medial, feminine, dotted, before a consonant
    # γ/g: likewise
    0xE2E1: GA,  # initial, masculine, dotted
    0xE2E2: GA + FVS1,  # initial, masculine, undotted
    0xE2E3: GA,  # initial, feminine
    0xE2E4: GA,  # initial, masculine, dotted
    0xE2E5: GA + FVS1,  # initial, masculine, undotted
    0xE2E6: GA,  # initial, feminine, with ö/ü
    0xE2E7: GA,  # final, masculine
    0xE2E8: GA,  # final, feminine
    0xE2E9: (GA + FVS3, "before_mvs"),  # final, dotted, before a detached a
    0xE2EA: GA,  # medial, masculine, dotted (before a vowel)
    0xE2EB: GA,  # medial, feminine
    0xE2EC: GA,  # medial, masculine, dotted
    0xE2ED: GA,  # medial, feminine, with ö/ü
    0xE2EE: GA,  # medial, masculine, undotted (before a consonant)
    0xE2EF: GA,  # medial, feminine, before a consonant
    0xE2F0: GA,  # medial, feminine, before a consonant
    # m
    0xE2F1: MA,  # initial
    0xE2F2: MA,  # initial (also isolated)
    0xE2F3: MA,  # final
    0xE2F4: MA,  # medial
    0xE2F5: MA,  # medial, long stem before m/l
    0xE2F6: MA,  # medial after a bowed consonant
    # l
    0xE2F7: LA,  # initial
    0xE2F8: LA,  # initial (also isolated)
    0xE2F9: LA,  # final
    0xE2FA: LA,  # medial
    0xE2FB: LA,  # medial, long stem before m/l
    0xE2FC: LA,  # medial after a bowed consonant
    # s
    0xE2FD: SA,  # initial
    0xE2FE: SA,  # initial (also isolated)
    0xE2FF: SA,  # final
    0xE300: SA + FVS1,  # final, second form
    0xE301: SA,  # medial
    0xE302: SA,  # medial
    # š
    0xE303: SHA,  # initial
    0xE304: SHA,  # initial (also isolated)
    0xE305: SHA,  # final
    0xE306: SHA,  # medial
    0xE307: SHA,  # medial
    # t
    0xE308: TA,  # initial
    0xE309: TA,  # initial (also isolated)
    0xE30A: TA,  # final
    0xE30B: TA,  # medial, loop form
    0xE30C: (TA + FVS1, "before_consonant"),  # medial, initial-like form
    0xE30D: (TA + FVS1, "before_consonant"),  # medial, initial-like form
    # d
    0xE30E: DA,  # initial
    0xE30F: DA,  # initial
    0xE310: (DA + FVS1, "suffix"),  # initial, loop form: -du, -dur, -daki, -dagan ...
    0xE311: DA,  # final
    0xE312: DA + FVS1,  # final, loop form
    0xE313: DA,  # medial, loop form (before a vowel)
    0xE314: DA,  # medial (before a consonant)
    # č
    0xE315: CHA,  # initial
    0xE316: CHA,  # final
    0xE317: CHA,  # medial
    # ǰ
    0xE318: JA,  # initial
    0xE319: JA,  # initial
    0xE31A: JA,  # initial
    0xE31B: JA,  # final
    0xE31C: (JA + FVS1, "before_mvs"),  # final, short, before a detached a/e
    0xE31D: JA,  # medial
    # y
    0xE31E: YA,  # initial
    0xE31F: YA,  # final
    0xE320: YA,  # medial
    0xE321: (YA + FVS1, "suffix"),  # long-tooth form: -yin, -yi, -iyar ...
    # r
    0xE322: RA,  # initial
    0xE323: RA,  # initial
    0xE324: RA,  # initial
    0xE325: RA,  # final
    0xE326: RA,  # medial
    0xE327: RA,  # medial
    0xE328: RA,  # medial
    # w
    0xE329: WA,  # initial
    0xE32A: WA,  # final
    0xE32B: (WA + FVS1, "before_mvs"),  # final, short, before a detached a/e
    0xE32C: WA,  # medial
    # f
    0xE32D: FA,  # initial, with a/e/i
    0xE32E: FA,  # initial, with o/u/ö/ü
    0xE32F: FA,  # final
    0xE330: FA,  # medial, with a/e/i
    0xE331: FA,  # medial, with o/u/ö/ü
    0xE332: FA,  # medial
    # k (loanwords)
    0xE333: KA,  # initial, with a/e/i
    0xE334: KA,  # initial, with o/u/ö/ü
    0xE335: KA,  # final
    0xE336: KA,  # medial, with a/e/i
    0xE337: KA,  # medial, with o/u/ö/ü
    0xE338: KA,  # medial
    # kh (loanwords)
    0xE339: KHA,  # initial, with a/e/i
    0xE33A: KHA,  # initial, with o/u/ö/ü
    0xE33B: KHA,  # final
    0xE33C: KHA,  # medial, with a/e/i
    0xE33D: KHA,  # medial, with o/u/ö/ü
    0xE33E: KHA,  # medial
    # c, z, h, ř, lh, zh, ch (loanwords)
    0xE33F: TSA,  # initial
    0xE340: TSA,  # final
    0xE341: TSA,  # medial
    0xE342: ZA,  # initial
    0xE343: ZA,  # final
    0xE344: ZA,  # medial
    0xE345: HAA,  # initial
    0xE346: HAA,  # final
    0xE347: HAA,  # medial
    0xE348: ZRA,  # initial
    0xE349: ZRA,  # medial
    0xE34A: ZRA,  # final
    0xE34B: LHA,  # initial
    0xE34C: LHA,  # medial and final
    0xE34D: LHA,  # medial and final after a bowed consonant
    0xE34E: ZHI,  # all positions
    0xE34F: CHI,  # all positions
}

# A detached a/e with no letter before it is a word of its own: no MVS, its own form.
_ALONE = {"\ue26a": A + FVS2, "\ue274": E + FVS1}
_SUFFIX_SPACES = ("\ue263", NNBSP)
# Vowel glyphs that already end in an i stroke: a medial i after them is not doubled.
_ENDS_IN_I = frozenset(
    "\ue279\ue27a\ue27b\ue27c\ue27d\ue27e\ue27f\ue280\ue281\ue282"
    "\ue295\ue29b\ue29c\ue29d\ue2a2\ue2a8\ue2a9\ue2aa"
)


def _is_letter(ch: str) -> bool:
    return "\ue264" <= ch <= "\ue34f"


def _is_consonant(ch: str) -> bool:
    return "\ue2b1" <= ch <= "\ue34f"


def _is_open_vowel(ch: str) -> bool:
    return "\ue264" <= ch < "\ue2b1" and ch not in _ENDS_IN_I


def _font_draws_it(context: str, before2: str, before: str, after: str) -> bool:
    """Whether a Unicode font gives the bare letter this glyph here."""
    match context:
        case "suffix":
            return before in _SUFFIX_SPACES or (before == "\ue280" and before2 in _SUFFIX_SPACES)
        case "before_mvs":
            return after in _ALONE or after == MVS
        case "after_initial":
            return _is_consonant(before) and not _is_letter(before2)
        case "after_vowel":
            return _is_open_vowel(before)
        case "not_after_vowel":
            return not _is_open_vowel(before)
        case "before_consonant":
            return _is_consonant(after)
    raise ValueError(context)


has_menksoft = scripts.has_menksoft


def to_unicode(text: str) -> str:
    """The text with every Menksoft code converted; everything else is left as it is.

    Private-use characters outside the table stay in place: check ``unconvertible()``.
    """
    out = []
    for index, ch in enumerate(text):
        value = MENKSOFT.get(ord(ch))
        if value is None:
            out.append(ch)
            continue
        before2 = text[index - 2] if index >= 2 else ""
        before = text[index - 1] if index >= 1 else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if isinstance(value, tuple):
            value, context = value
            if _font_draws_it(context, before2, before, after):
                value = value.rstrip(FVS)
        if ch in _ALONE:
            if before == MVS:  # the text already has the separator
                value = value[1:]
            elif not (_is_letter(before) or MONGOLIAN_LETTER.fullmatch(before)):
                value = _ALONE[ch]
        out.append(value)
    return "".join(out)


def unconvertible(text: str) -> list[str]:
    """The private-use characters ``to_unicode()`` leaves in place, each once, in order."""
    seen = {}
    for ch in text:
        if unicodedata.category(ch) == "Co" and ord(ch) not in MENKSOFT:
            seen[ch] = None
    return list(seen)
