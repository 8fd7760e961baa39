"""The Tibetan web font is cut down to the stacks of Tibetan writing (tools/tibetan_font.py):
every syllable that orthography allows, and every Tibetan word the site ships, must still
be drawn exactly as the whole Noto Serif Tibetan draws it, by the two files together as the
stylesheets' unicode-ranges share the text between them. The language switcher's label
fonts (tools/label_fonts.py) draw the languages' names as the whole fonts do."""

import os
import pathlib
import re

import pytest
from fontTools.ttLib import TTFont

from cms.languages import BY_CODE
from tools import label_fonts, tibetan_font

STATIC = pathlib.Path(__file__).resolve().parents[1] / "static"
SHIPPED = STATIC / "fonts" / tibetan_font.MAIN
SYMBOLS = STATIC / "fonts" / tibetan_font.SYMBOLS


@pytest.fixture(scope="module")
def source_font():
    if not tibetan_font.SOURCE.exists():
        # Installed with the browser's fonts (fonts-noto-core); CI requires both.
        if os.environ.get("KEPU_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{tibetan_font.SOURCE} is required (fonts-noto-core) but missing")
        pytest.skip("fonts-noto-core not installed")
    return tibetan_font.SOURCE


def test_shipped_tibetan_font_draws_every_syllable_like_the_whole_font(source_font):
    texts = tibetan_font.clusters()
    assert len(texts) > 15_000  # the orthography's syllables, not only the demo's
    fonts = [TTFont(SHIPPED), TTFont(SYMBOLS)]
    wrong = tibetan_font.differences(fonts, texts, tibetan_font.shaped_by_source(texts))
    assert wrong == []


def css_ranges(stylesheet):
    """The files of the "Kepu Tibetan" faces in `stylesheet`, each with its code points."""
    faces = {}
    for rule in re.findall(r"@font-face\s*{([^}]*)}", stylesheet.read_text()):
        if '"Kepu Tibetan";' not in rule:
            continue
        src = re.search(r'url\("\.\./fonts/([^"]+)"\)', rule).group(1)
        codes = set()
        for first, last in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", rule):
            codes.update(range(int(first, 16), int(last or first, 16) + 1))
        faces[src] = codes
    return faces


@pytest.mark.parametrize("stylesheet", ["css/site.css", "css/admin-scripts.css"])
def test_each_tibetan_character_goes_to_the_one_file_that_draws_it(source_font, stylesheet):
    faces = css_ranges(STATIC / stylesheet)
    assert set(faces) == {tibetan_font.MAIN, tibetan_font.SYMBOLS}
    drawn = {name: set(TTFont(STATIC / "fonts" / name).getBestCmap()) for name in faces}
    for code in TTFont(source_font).getBestCmap():
        if 0x0F00 <= code <= 0x0FFF:
            files = [name for name, codes in faces.items() if code in codes]
            assert len(files) == 1 and code in drawn[files[0]], f"U+{code:04X}: {files}"
    # The first view fetches only the main file: the site's own Tibetan uses no symbol.
    shipped = set("".join(tibetan_font.shipped_text()))
    assert not {ord(ch) for ch in shipped} & faces[tibetan_font.SYMBOLS]


def test_shipped_tibetan_font_is_less_than_half_the_whole_font(source_font):
    whole = TTFont(source_font)
    shipped = TTFont(SHIPPED)
    assert len(shipped.getGlyphOrder()) < len(whole.getGlyphOrder()) / 2
    assert SHIPPED.stat().st_size < 62_000  # the first view's budget (docs/fonts.md)
    # Every Tibetan code point still has a glyph: rare stacks fall back, never to tofu.
    assert set(range(0x0F40, 0x0F6D)) - {0x0F48} <= set(shipped.getBestCmap())


@pytest.mark.parametrize("code", ["bo", "mn"])
def test_switcher_label_fonts_draw_the_language_names_like_the_whole_fonts(source_font, code):
    source, name = label_fonts.LABELS[code]
    label = TTFont(STATIC / "fonts" / name)
    assert label_fonts.draws_like_source(label, source, BY_CODE[code].name_local)
