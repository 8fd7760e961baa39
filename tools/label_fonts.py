"""Make the language switcher's label fonts: each holds only the glyphs that draw one
language's own name (cms/languages.py), so a page in another language fetches a kilobyte
or two to show it.

A plain subset by text keeps every contextual form and variant the name's letters can
take, and the hinting; here HarfBuzz shapes the name with the whole font, only the glyphs
that shaping used are kept, without hinting (the outlines stay the same, as the Tibetan
fonts, which Noto ships unhinted), and the file is written only if the cut font draws the
name with the same outlines at the same positions.

Usage: `.venv/bin/python -m tools.label_fonts` (needs fonts-noto-core and uharfbuzz);
run it again when a language's name changes.
"""

import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

from cms.languages import BY_CODE
from tools.tibetan_font import FONTS, save, shaper

NOTO = pathlib.Path("/usr/share/fonts/truetype/noto")
LABELS = {
    "bo": (NOTO / "NotoSerifTibetan-Regular.ttf", "NotoSerifTibetan-label.woff2"),
    "mn": (NOTO / "NotoSansMongolian-Regular.ttf", "NotoSansMongolian-label.woff2"),
}


def cut(source, text):
    """`source` cut to the glyphs that draw `text`."""
    used = set()
    shaper(TTFont(source), seen=used)(text)
    options = subset.Options()
    options.layout_features = ["*"]
    options.layout_closure = False  # only the forms this text takes
    options.hinting = False
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text, glyphs=sorted(used & set(font.getGlyphOrder())), unicodes=[0x20])
    subsetter.subset(font)
    return font


def draws_like_source(font, source, text):
    return shaper(font)(text) == shaper(TTFont(source))(text)


def main():
    for code, (source, name) in LABELS.items():
        text = BY_CODE[code].name_local
        font = cut(source, text)
        if not draws_like_source(font, source, text):
            sys.exit(f"{name}: {text} shapes differently with the cut font")
        save(font, FONTS / name)
        print(
            f"{name}: {(FONTS / name).stat().st_size:,} bytes, {len(font.getGlyphOrder())} glyphs"
        )


if __name__ == "__main__":
    main()
