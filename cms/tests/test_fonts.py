"""The Tibetan web font is cut down to the stacks of Tibetan writing (tools/tibetan_font.py):
every syllable that orthography allows, and every Tibetan word the site ships, must still
be drawn exactly as the whole Noto Serif Tibetan draws it."""

import os
import pathlib

import pytest
from fontTools.ttLib import TTFont

from tools import tibetan_font

SHIPPED = (
    pathlib.Path(__file__).resolve().parents[1] / "static/fonts/NotoSerifTibetan-Regular.woff2"
)


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
    wrong = tibetan_font.differences(TTFont(SHIPPED), texts, tibetan_font.shaped_by_source(texts))
    assert wrong == []


def test_shipped_tibetan_font_is_less_than_half_the_whole_font(source_font):
    whole = TTFont(source_font)
    shipped = TTFont(SHIPPED)
    assert len(shipped.getGlyphOrder()) < len(whole.getGlyphOrder()) / 2
    assert SHIPPED.stat().st_size < 80_000
    # Every Tibetan code point still has a glyph: rare stacks fall back, never to tofu.
    assert set(range(0x0F40, 0x0F6D)) - {0x0F48} <= set(shipped.getBestCmap())
