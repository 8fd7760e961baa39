"""The analysis, table-driven, on real sentences: what must match and what must not."""

import pytest

from search import analysis
from search.tests.analysis_helpers import matches


@pytest.mark.parametrize(
    "query, text, expected",
    [
        # Chinese: words and their bigrams, wherever jieba cuts the document.
        ("牦牛 疾病", "冬春季节牦牛容易得病，常见疾病有口蹄疫。", True),
        ("包虫病", "包虫病是青海牧区常见的寄生虫病。", True),
        ("湟鱼", "每年夏天，青海湖湟鱼洄游产卵。", True),
        ("高原反应", "老人上高原，要防高原反应。", True),
        ("牛奶", "牛羊吃草，孩子喝奶。", False),  # 牛 and 奶 apart are not 牛奶
        ("鼠疫", "旱獭是鼠疫的主要传染源。", True),
        ("鼠疫", "草原上的鼠兔是好邻居。", False),
        ("ＡＢＣ １２３", "abc 123", True),  # full-width folds to ASCII
        ("Wi-Fi", "村里有wifi", False),
        ("wi fi", "Wi-Fi 信号", True),
        # Tibetan: syllables, particles, adjacency.
        ("ས་ཡོམ", "ས་ཡོམ་བྱུང་ན་ག་རེ་བྱེད་དགོས།", True),
        ("ཆུ་ཁོལ", "ཆུ་ཁོལ་མ་འཐུང་དགོས།", True),
        ("ཆུ་ཁོལ", "ཆུ་དང་ཁོལ་མ།", False),  # both syllables, not next to each other
        ("ཆུ", "ཆུའི་ཡོང་ཁུངས་སྲུང་སྐྱོབ།", True),  # particle attached
        ("ཆུའི", "ཆུ་གཙང་མ་འཐུང་།", True),
        ("ཆུ་ཁོལ", "ཆུ\u0f0cཁོལ་མ།", True),  # non-breaking tsheg in the document
        ("གཡག", "ལུག་དང་ར་མ།", False),
        # Mongolian: spellings of one word, suffixes, controls.
        ("ᠲᠠᠷᠪᠠᠭᠠ", "ᠲᠠᠷᠪᠠᠭ᠎ᠠ ᠶᠢ ᠪᠢᠲᠡᠭᠡᠢ ᠬᠦᠷᠦᠯᠴᠡ", True),  # MVS or not
        ("ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ", "ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ\u202fᠤᠨ ᠡᠷᠡᠭᠦᠯ ᠮᠡᠨᠳᠦ", True),  # NNBSP suffix split off
        ("ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ", "ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ ᠤᠨ ᠡᠷᠡᠭᠦᠯ", True),  # plain space before the suffix
        ("ᠡᠷᠡᠭᠦᠯ", "ᠡᠷᠡᠭᠤᠯ ᠮᠡᠨᠳᠦ", True),  # ü/u typed differently
        ("ᠮᠣᠩᠭᠣᠯ", "ᠮᠣᠩᠭ᠋ᠣᠯ ᠪᠢᠴᠢᠭ", True),  # with a variation selector
        ("ᠲᠠᠯ᠎ᠠ", "ᠲᠠᠯ᠎ᠠ ᠨᠤᠲᠤᠭ", True),
        ("ᠲᠠᠷᠪᠠᠭ᠎ᠠ", "ᠮᠠᠯ ᠠᠵᠤ ᠠᠬᠤᠢ", False),
    ],
)
def test_queries_match_what_they_should(query, text, expected):
    assert matches(query, text) is expected


def test_suffixes_alone_are_not_searchable():
    assert analysis.query_groups("ᠤᠨ ᠶᠢᠨ ᠳᠤ") == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!!???",
        '"" OR AND NOT -+*:()',
        "\x00\x07",
        "。，、；",
        "་།",
        "᠂᠃",
        "a" * 10_000,
        "牦" * 5_000,
    ],
)
def test_any_query_is_safe(query):
    groups = analysis.query_groups(query)
    assert all(isinstance(g, list) and g for g in groups)
    for group in groups:
        for token in group:
            assert token and not any(c in token for c in ' "():*^-+') and token.strip() == token


def test_jieba_never_sees_tibetan_or_mongolian(monkeypatch):
    from search.analysis import chinese

    def refuse(text, **kwargs):
        raise AssertionError(f"jieba called on {text!r}")

    chinese._segmenter()  # loaded
    monkeypatch.setattr(chinese._jieba, "lcut", refuse)
    analysis.index_tokens("ས་ཡོམ་བྱུང་ན། ᠲᠠᠷᠪᠠᠭ᠎ᠠ ᠶᠢ ᠪᠢᠲᠡᠭᠡᠢ ᠬᠦᠷᠦᠯᠴᠡ abc 123")
    with pytest.raises(AssertionError):
        analysis.index_tokens("ས་ཡོམ་ 地震 ᠲᠠᠷᠪᠠᠭ᠎ᠠ")  # the Han run, and only it, goes to jieba


def test_mixed_script_text_gives_each_run_its_own_tokens():
    tokens = analysis.index_tokens("ས་ཡོམ་(地震)བྱུང་ན།")
    assert "地震" in tokens and "ས་ཡོམ" in tokens
    assert not any("地" in t and "ས" in t for t in tokens)


def test_fold_points_back_at_the_original_characters():
    text = "Ａb ᠲᠠᠷᠪᠠᠭ᠎ᠠ ཆུ\u0f0cཁོལ"
    folded, origin = analysis.fold(text)
    assert len(folded) == len(origin)
    assert folded.startswith("ab ")
    start = folded.index("ᠲᠠᠷᠪᠠᠬᠠ")
    assert text[origin[start]] == "ᠲ" and text[origin[start + 5]] == "ᠭ"
    assert text[origin[start + 6]] == "ᠠ"
    assert origin[start + 6] == origin[start + 5] + 2  # the MVS between them was dropped
    assert "ཆུ་ཁོལ" in folded


def test_highlight_needles_are_the_query_words():
    assert set(analysis.highlight_needles("牦牛 疾病")) == {"牦牛", "疾病"}
    assert "ཆུ" in analysis.highlight_needles("ཆུའི")
    assert analysis.highlight_needles("ᠲᠠᠷᠪᠠᠭ᠎ᠠ") == ["ᠲᠠᠷᠪᠠᠬᠠ"]
