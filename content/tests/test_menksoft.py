"""Menksoft private-use Mongolian to Unicode, on words typed with the Menksoft IME.

The Menksoft code sequences are published samples (the README and word tests of
github.com/suragch/mongol_code, MIT); the expected Unicode is the standard spelling, with
a variation selector only where a Unicode font would otherwise draw another shape.
"""

import pytest

from content.exchange import menksoft

MONGGOL = "\ue2f2\ue289\ue2bc\ue2ec\ue289\ue2f9"
BICHIG = "\ue2c1\ue27f\ue317\ue27e\ue2e8"

WORDS = [
    pytest.param(MONGGOL, "ᠮᠣᠩᠭᠣᠯ", id="mongγol"),
    pytest.param(BICHIG, "ᠪᠢᠴᠢᠭ", id="bičig"),
    # ü in the first syllable, and the accusative suffix after the narrow space
    pytest.param("\ue2c2\ue2aa\ue31d\ue27e\ue2e8\ue263\ue282", "ᠪᠦᠵᠢᠭ\u202fᠢ", id="büǰig-i"),
    pytest.param("\ue2f2\ue29c\ue2bd\ue2eb\ue275", "ᠮᠥᠩᠭᠡ", id="möngge"),
    # ablative suffix: its one-tooth initial a is the font's own suffix form
    pytest.param(
        "\ue2fe\ue289\ue314\ue2b7\ue26c\ue2f3\ue263\ue267\ue317\ue268",
        "ᠰᠣᠳᠨᠠᠮ\u202fᠠᠴᠠ",
        id="sodnam-ača",
    ),
    # two suffixes, dative-locative then reflexive
    pytest.param(
        "\ue2d4\ue2aa\ue2f0\ue31d\ue27e\ue2f3\ue263\ue310\ue2ab\ue325\ue263\ue280\ue321\ue276\ue2b5",
        "ᠬᠦᠭᠵᠢᠮ\u202fᠳᠦᠷ\u202fᠢᠶᠡᠨ",
        id="kögǰim-dür-iyen",
    ),
    # word-final a and e after the vowel separator
    pytest.param("\ue31e\ue26c\ue30b\ue291\ue2e9\ue26a", "ᠶᠠᠲᠤᠭ\u180eᠠ", id="yatuγ-a"),
    pytest.param("\ue315\ue27e\ue2bc\ue2e9\ue26a", "ᠴᠢᠩᠭ\u180eᠠ", id="čingγ-a"),
    pytest.param("\ue2a2\ue2b7\ue27e\ue31f\ue274", "ᠦᠨᠢᠶ\u180eᠡ", id="üniy-e"),
    pytest.param("\ue34b\ue26c\ue2ee\ue2c5\ue26b", "ᡀᠠᠭᠪᠠ", id="lhagba"),
    pytest.param("\ue2b1\ue26c\ue281\ue31d\ue268", "ᠨᠠᠢᠵᠠ", id="naiǰa"),
    # Shapes a font would not pick by itself keep their variation selector.
    pytest.param("\ue333\ue27f\ue2b9\ue286", "ᠺᠢᠨᠣ\u180b", id="kino, bowl-form final o"),
    pytest.param("\ue2f2\ue289\ue30d\ue289\ue325", "ᠮᠣᠲ\u180bᠣᠷ", id="motor, medial t"),
    pytest.param("\ue2b1\ue26c\ue27e\ue2f5\ue268", "ᠨᠠᠢ\u180dᠮᠠ", id="naima, one-tooth i"),
]


@pytest.mark.parametrize("encoded, expected", WORDS)
def test_words(encoded, expected):
    assert menksoft.to_unicode(encoded) == expected
    assert menksoft.unconvertible(encoded) == []


def test_punctuation_and_digits():
    sentence = f"{MONGGOL} {BICHIG}\ue236 \ue245\ue24d\ue24a\ue244\ue237"
    assert menksoft.to_unicode(sentence) == "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ᠂ ᠑᠙᠖᠐᠃"


def test_only_the_menksoft_part_of_mixed_text_changes():
    mixed = f"蒙古文 Mongolian: {MONGGOL}\ue237 (ᠮᠣᠩᠭᠣᠯ)"
    assert menksoft.to_unicode(mixed) == "蒙古文 Mongolian: ᠮᠣᠩᠭᠣᠯ᠃ (ᠮᠣᠩᠭᠣᠯ)"


@pytest.mark.parametrize(
    "text", ["", "plain ASCII", "青海科普", "ᠮᠣᠩᠭᠣᠯ\u202fᠤᠨ ᠪᠢᠴᠢᠭ᠃", "ᠺᠢᠨᠣ\u180b ᠴᠢᠩᠭ\u180eᠠ"]
)
def test_text_without_menksoft_is_unchanged(text):
    assert menksoft.to_unicode(text) == text
    assert not menksoft.has_menksoft(text)
    assert menksoft.unconvertible(text) == []


def test_unknown_private_use_is_reported_and_left_in_place():
    text = f"\ue000{MONGGOL}\uf8ff \ue25e\ue000"
    assert menksoft.to_unicode(text) == "\ue000ᠮᠣᠩᠭᠣᠯ\uf8ff \ue25e\ue000"
    assert menksoft.unconvertible(text) == ["\ue000", "\uf8ff", "\ue25e"]


def test_has_menksoft():
    assert menksoft.has_menksoft(f"abc {BICHIG}")
    assert menksoft.has_menksoft("\ue263")
    assert not menksoft.has_menksoft("\ue000\uf8ff ᠮᠣᠩᠭᠣᠯ")


def test_detached_a_keeps_one_separator_and_needs_a_word_before_it():
    assert menksoft.to_unicode("\ue315\ue27e\ue2bc\ue2e9\u180e\ue26a") == "ᠴᠢᠩᠭ\u180eᠠ"
    # with nothing to detach from, it is the isolated a in the same shape
    assert menksoft.to_unicode(" \ue26a") == " ᠠ\u180c"


def test_every_code_but_one_converts_to_ordinary_characters():
    codes = "".join(map(chr, range(menksoft.FIRST, menksoft.LAST + 1)))
    assert menksoft.unconvertible(codes) == ["\ue25e"]
    assert len(menksoft.MENKSOFT) == 283
    for code in menksoft.MENKSOFT:
        converted = menksoft.to_unicode(chr(code))
        assert converted and not menksoft.has_menksoft(converted), hex(code)
        assert menksoft.unconvertible(converted) == [], hex(code)
