"""Make the Tibetan web font: Noto Serif Tibetan cut down to the stacks of Tibetan writing.

The whole font (152 KB as WOFF2) is mostly precomposed Sanskrit stacks that Tibetan
prose never uses; subsetting by Unicode block keeps them all, because every stack is
reachable from the block's letters. This script instead shapes every syllable that
standard Tibetan orthography allows (superscript + root + subscripts, each vowel and
mark), plus all the Tibetan text the site itself ships, with HarfBuzz, and keeps only the
glyphs those shapings use. It then shapes the same text with the cut font and refuses to
write it unless every cluster comes out with the same glyphs at the same positions.

Rare Sanskrit stacks still render with the cut font (the subjoined letters are kept and
placed by the mark positioning), only without the hand-drawn ligature.

The signs that stand alone outside syllables and modern prose never uses (text-opening
ornaments, astrological and cantillation signs, half digits, religious symbols) go to a
second small file, which the stylesheet's unicode-range makes the browser fetch only for
a page that shows one. No syllable holds such a sign, so no cluster is shaped across the
two files; the check shapes each text as the browser does, run by run, to prove it.

Usage: `.venv/bin/python tools/tibetan_font.py [out-directory]` (needs fonts-noto-core and
the dev extra's uharfbuzz); it prints the unicode-range of each file for the stylesheets.
"""

import copy
import io
import itertools
import pathlib
import sys
import unicodedata

import uharfbuzz as hb
from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont, woff2

SOURCE = pathlib.Path("/usr/share/fonts/truetype/noto/NotoSerifTibetan-Regular.ttf")
ROOT = pathlib.Path(__file__).resolve().parent.parent
FONTS = ROOT / "cms/static/fonts"
MAIN, SYMBOLS = "NotoSerifTibetan-Regular.woff2", "NotoSerifTibetan-Symbols.woff2"

ROOTS = "ཀཁགངཅཆཇཉཏཐདནཔཕབམཙཚཛཝཞཟའཡརལཤསཧཨ"
# Superscript letters and the roots each may carry (standard orthography).
SUPERSCRIPTS = {"ར": "ཀགངཇཉཏདནབམཙཛ", "ལ": "ཀགངཅཇཏདཔབཧ", "ས": "ཀགངཉཏདནཔབམཙ"}
# Subjoined forms (ya, ra, la, wa-zur) and the roots that take them.
SUBSCRIPTS = {
    "\u0fb1": "ཀཁགཔཕབམ",
    "\u0fb2": "ཀཁགཏཐདནཔཕབམཤསཧ",
    "\u0fb3": "ཀགབཟརས",
    "\u0fad": ROOTS,
}
# Each vowel sign, the a-chung (long vowels in loan words) and the reversed i.
VOWELS = ["", "\u0f72", "\u0f74", "\u0f7a", "\u0f7c", "\u0f7b", "\u0f7d", "\u0f80", "\u0f71"]
VOWELS += ["\u0f71" + v for v in ("\u0f72", "\u0f74", "\u0f80")]
# Marks written after a vowel: anusvara, candrabindu forms, visarga.
FINALS = ["", "\u0f7e", "\u0f82", "\u0f83", "\u0f7f"]
# Chinese loan words mark their sounds with tsa-phru (U+0F39).
TSA_PHRU = "ཅཆཇཙཚཛཕབཞཤ"


# As in docs/fonts.md: the block, the spaces, joiners and the dotted circle.
UNICODES = [0x20, 0xA0, *range(0x0F00, 0x1000), 0x200C, 0x200D, 0x25CC]

# Punctuation that modern prose does use: tsheg, non-breaking tsheg, shad, nyis shad, the
# rin chen spungs shad that opens a verse, and the two pairs of brackets.
EVERYDAY = {0x0F0B, 0x0F0C, 0x0F0D, 0x0F0E, 0x0F11, 0x0F3A, 0x0F3B, 0x0F3C, 0x0F3D}
# The rest of the block's symbols, punctuation and half digits: each stands alone (none is
# a letter, a mark or a whole digit), so none can share a cluster with a letter.
SYMBOL_CODES = sorted(
    cp
    for cp in range(0x0F00, 0x1000)
    if unicodedata.category(chr(cp)) in ("So", "Po", "No", "Ps", "Pe") and cp not in EVERYDAY
)


def stacks():
    """Every consonant stack of Tibetan orthography, the root alone included."""
    out = {c + "\u0f39" for c in TSA_PHRU}
    for root in ROOTS:
        tops = [""] + [top for top, roots in SUPERSCRIPTS.items() if root in roots]
        subs = [""] + [sub for sub, roots in SUBSCRIPTS.items() if root in roots]
        for top, sub in itertools.product(tops, subs):
            letter = chr(ord(root) + 0x50) if top else root  # the subjoined form under a top
            # ra or ya may be followed by wa-zur (e.g. གྲྭ, ཕྱྭ).
            for wa in ("", "\u0fad") if sub in ("\u0fb1", "\u0fb2") else ("",):
                out.add(top + letter + sub + wa)
    return sorted(out)


def syllables():
    for stack, vowel, final in itertools.product(stacks(), VOWELS, FINALS):
        yield stack + vowel + final


def shipped_text():
    """The Tibetan words the site ships: catalogues, templates, glossary, demo content."""
    text = []
    patterns = (
        "locale/bo/**/*.po",
        "content/**/*.jsonl",
        "cms/**/*.html",
        "cms/**/*.py",
        "docs/*.md",
    )
    for pattern in patterns:
        for path in ROOT.glob(pattern):
            text.append(path.read_text(encoding="utf-8", errors="ignore"))
    blob = "".join(text)
    words, word = set(), []
    for ch in blob + " ":
        if "\u0f00" <= ch <= "\u0fff" and ch not in "་།":
            word.append(ch)
        elif word:
            words.add("".join(word))
            word = []
    return words


def singles():
    font = TTFont(SOURCE)
    return {chr(cp) for cp in font.getBestCmap() if 0x0F00 <= cp <= 0x0FFF}


def outlines(font):
    """Each glyph's drawing, by glyph id: how shapings are compared, since the cut font
    carries no glyph names and two glyphs may look the same."""
    glyphs = font.getGlyphSet()
    drawings = []
    for name in font.getGlyphOrder():
        pen = DecomposingRecordingPen(glyphs)
        glyphs[name].draw(pen)
        drawings.append(tuple(pen.value))
    return drawings


def shaper(font, seen=None):
    """Shape text with `font` (a fontTools font) by HarfBuzz; returns each glyph's drawing
    and position. With `seen`, also collect the name of every glyph the buffer holds
    between lookups: a ligature may be built from intermediate glyphs."""
    buffer = io.BytesIO()
    font = copy.deepcopy(font)
    font.flavor = None
    font.save(buffer)
    hb_font = hb.Font(hb.Face(buffer.getvalue()))
    names, drawings = font.getGlyphOrder(), outlines(font)

    def shape(text):
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        if seen is not None:
            # Before GSUB starts the buffer holds characters, not glyphs.
            started = []

            def note(message):
                if message.startswith("start table GSUB"):
                    started.append(True)
                if started:
                    seen.update(names[i.codepoint] for i in buf.glyph_infos)
                return True

            buf.set_message_func(note)
        hb.shape(hb_font, buf)
        return tuple(
            (drawings[i.codepoint], p.x_offset, p.y_offset, p.x_advance)
            for i, p in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
        )

    return shape


def clusters():
    """The text every cut of the font must draw as the whole font does."""
    return sorted(set(syllables()) | shipped_text() | singles() | {"་", "།", "༄༅།"})


def runs(text, cmaps):
    """Split `text` as a browser splits it between faces of one family: each character
    goes to the first file that has it (unicode-range), a mark stays with its letter."""
    out = []
    for ch in text:
        file = next((i for i, cmap in enumerate(cmaps) if ord(ch) in cmap), 0)
        if out and (unicodedata.category(ch).startswith("M") or out[-1][0] == file):
            out[-1][1].append(ch)
        else:
            out.append((file, [ch]))
    return [(file, "".join(chars)) for file, chars in out]


def differences(fonts, texts, expected):
    """The texts that `fonts` (fontTools fonts, faces of one family) draw unlike `expected`."""
    shapers = [shaper(font) for font in fonts]
    cmaps = [set(font.getBestCmap()) for font in fonts]

    def drawn(text):
        return tuple(glyph for file, run in runs(text, cmaps) for glyph in shapers[file](run))

    return [t for t in texts if drawn(t) != expected[t]]


def shaped_by_source(texts, seen=None):
    full = shaper(TTFont(SOURCE), seen=seen)
    return {text: full(text) for text in texts}


def cut(texts, unicodes):
    """The source font cut to `unicodes` and the ligatures that shaping `texts` uses."""
    wanted = set()
    shaped_by_source(texts, seen=wanted)
    options = subset.Options()
    options.layout_features = ["*"]
    options.layout_closure = False  # keep only the glyphs listed: no pulling stacks back in
    options.notdef_outline = True
    font = TTFont(SOURCE, recalcTimestamp=False)  # the same input gives the same file
    subsetter = subset.Subsetter(options)
    # Every code point keeps its own glyph (a rare stack then falls back to letters
    # placed by mark positioning); of the ligatures, only those the shaping used.
    kept = sorted(wanted & set(font.getGlyphOrder()))
    subsetter.populate(unicodes=unicodes, glyphs=kept)
    subsetter.subset(font)
    return font


def unicode_range(font):
    """The CSS unicode-range of the Tibetan code points (and dotted circle) `font` maps:
    spaces and joiners stay with the page's own font, as before the split."""
    codes = sorted(cp for cp in font.getBestCmap() if 0x0F00 <= cp <= 0x0FFF or cp == 0x25CC)
    spans = []
    for cp in codes:
        if spans and spans[-1][1] == cp - 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in spans)


def save(font, path):
    # WOFF2 with hmtx transformed too (its side bearings rebuilt from the outlines), which
    # every WOFF2 decoder supports: a few hundred bytes for nothing.
    plain = io.BytesIO()
    font.flavor = None
    font.save(plain)
    plain.seek(0)
    with open(path, "wb") as out:
        woff2.compress(plain, out, transform_tables={"glyf", "loca", "hmtx"})


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else FONTS
    texts = clusters()
    expected = shaped_by_source(texts)
    # Each file is cut for the runs of text the browser will give it.
    codes = [sorted(set(UNICODES) - set(SYMBOL_CODES)), SYMBOL_CODES]
    shown = [set(), set()]
    for text in texts:
        for file, run in runs(text, [set(c) for c in codes]):
            shown[file].add(run)
    fonts = [cut(sorted(shown[i]), codes[i]) for i in (0, 1)]
    wrong = differences(fonts, texts, expected)
    if wrong:
        print(f"{len(wrong)} of {len(texts)} clusters shape differently, e.g.:", file=sys.stderr)
        print("  " + " ".join(wrong[:20]), file=sys.stderr)
        sys.exit(1)
    for font, name in zip(fonts, (MAIN, SYMBOLS), strict=True):
        save(font, out / name)
        size = (out / name).stat().st_size
        print(f"{out / name}: {size:,} bytes, {len(font.getGlyphOrder())} glyphs")
        print(f"  unicode-range: {unicode_range(font)};")
    print(f"{len(texts):,} clusters checked")


if __name__ == "__main__":
    main()
