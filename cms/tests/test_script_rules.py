"""The writing-system rules that cms/scripts.py owns for every layer: the control
policy and its variants, shaping controls, the Tibetan normalisation, and the two
behaviours that the copies it replaced got wrong (C1 controls, rare Han characters)."""

import pytest

from cms import params, scripts
from content import reading_time, slugs
from media import uploads
from search import analysis
from search.analysis import common

FVS1, FVS4, MVS, ZWJ, ZWNJ, NNBSP = "\u180b", "\u180f", "\u180e", "\u200d", "\u200c", "\u202f"


def test_one_line_values_refuse_every_control_and_text_keeps_its_lines():
    assert params.CONTROL is scripts.CONTROL
    for char in "\t\n\r":
        assert scripts.CONTROL.search(char)
        assert not scripts.CONTROL_IN_TEXT.search(char)
    for char in "\x00\x07\x1b\x7f\x85\x9f":
        assert scripts.CONTROL.search(char) and scripts.CONTROL_IN_TEXT.search(char)


@pytest.mark.parametrize("char", ["\x85", "\x93"])
def test_c1_controls_are_refused_in_saved_text(char):
    # The copy in content/text_checks.py missed U+0080–U+009F, which cms/params.py
    # refused: Windows-1252 quotes read as Latin-1 end up there and show as nothing.
    text = f"牦牛{char}疾病"
    assert (
        scripts.admin_problem(text, "zh-hans")
        == "这段文字含有不可见的控制字符，请重新输入或粘贴为纯文本。"
    )
    assert scripts.script_problems(text, "bo") == ["contains control characters"]


def test_names_lose_what_makes_them_read_differently_but_keep_mongolian_selectors():
    # C1 controls were kept in upload titles before (the same bug as above).
    assert uploads.display_title("gpj\u202e\x85.png") == "gpj"
    assert uploads.clean_text(f"\u200bᠮᠣᠩᠭᠣᠯ{FVS1}\x85") == f"ᠮᠣᠩᠭᠣᠯ{FVS1}"


@pytest.mark.parametrize(
    "char", [FVS1, FVS4, MVS, ZWJ, ZWNJ, "\ufe0f", "\u00ad", "\u2060", "\ufeff", "\u202e"]
)
def test_shaping_controls_are_dropped_from_addresses_and_take_no_room(char):
    assert scripts.is_shaping_control(char)
    assert scripts.takes_no_room(char)
    assert slugs.slug_for(f"ᠮᠣᠩ{char}ᠭᠣᠯ") == "ᠮᠣᠩᠭᠣᠯ"


@pytest.mark.parametrize("char", [NNBSP, "ᠠ", "\u0f72", "a", "字"])
def test_letters_marks_and_the_suffix_space_are_not_shaping_controls(char):
    assert not scripts.is_shaping_control(char)
    assert scripts.takes_no_room(char) == (char == NNBSP)


@pytest.mark.parametrize("typed", list(scripts.TIBETAN_REPLACEMENTS))
def test_search_folds_tibetan_as_it_is_stored(typed):
    text = f"ཀ{typed}ཁ"
    folded, origin = analysis.fold(text)
    assert folded == scripts.normalise(text)
    assert len(origin) == len(folded)


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("ཨཾོ", "ཨོཾ"),  # the anusvara typed before the vowel sign
        ("ཧཾཱུ", "ཧཱུཾ"),  # before two vowel signs: it goes after both
        ("ཧཱུཾ", "ཧཱུཾ"),  # already in order
    ],
)
def test_the_anusvara_follows_every_vowel_sign_in_stored_text_and_in_search(typed, stored):
    assert scripts.normalise(typed) == stored
    folded, origin = analysis.fold(f"ཀ་{typed}་ཁ")
    assert folded == f"ཀ་{stored}་ཁ"
    # The origins stay in order (highlighting maps a span back by its ends).
    assert origin == list(range(len(folded)))


def test_rare_han_characters_are_chinese_everywhere():
    # Extension B and later (rare names, 𠮷): the copies in search and reading time
    # knew only the basic blocks, so search glued them to the next Latin word and
    # reading time counted them as words.
    assert list(common.runs("𠮷野家")) == [("han", "𠮷野家")]
    assert reading_time.minutes("𠮷" * 600) == 2
    assert scripts.script_of("𠮷") == scripts.HAN
