"""Marking the reader's words in result titles and snippets (search/snippets.py), table
driven: whole Tibetan syllables and whole Mongolian words (with their selectors, joiners
and U+202F suffix) or nothing, Chinese by the matched term, and escaping that holds
whatever the text and the query hold. Then the same marks on the search page, whichever
backend found the page."""

import html
import re
import time
import unicodedata

import pytest

from cms.scripts import MONGOLIAN_JOINERS
from search import snippets
from search.backends import elasticsearch as es
from search.tests.test_elasticsearch import FakeCluster

MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
FVS1, FVS2, FVS4 = "\u180b", "\u180c", "\u180f"  # free variation selectors
MVS, NNBSP, ZWJ, ZWNJ = "\u180e", "\u202f", "\u200d", "\u200c"

CASES = [
    # (why, query, text, what is marked, in order)
    # Tibetan: whole syllables (between tshegs, shads, spaces and other scripts) only.
    ("a syllable inside another is not marked", "མ", "ཡམས་ནད་ལ་མ་བརྩི།", ["མ"]),
    ("the syllable itself", "ཡམས", "ཡམས་ནད་ལ་མ་བརྩི།", ["ཡམས"]),
    ("a query with a trailing tsheg", "ཡམས་", "ཡམས་ནད།", ["ཡམས"]),
    ("a query with a trailing shad", "ཡམས།", "ནད་ཡམས།", ["ཡམས"]),
    ("a syllable's first letters are not the syllable", "ཡམ", "ཡམས་ནད།", []),
    ("nor are its last letters", "མས", "ཡམས་ནད།", []),
    ("prefix and suffix letters around a stack", "སྒྲུབ", "བསྒྲུབས་པ། སྒྲུབ་པ།", ["སྒྲུབ"]),
    ("half a stack is no syllable", "སྒ", "སྒྲུབ་པ།", []),
    ("a letter without its subjoined letter", "ཀ", "ཀྱི་ཀ་ཁ།", ["ཀ"]),
    ("a letter without its vowel sign", "ཀ", "ཀི་ཀུ།", []),
    ("an attached particle is marked with its syllable", "ཆུ", "ཆུའི་ཡོང་ཁུངས།", ["ཆུའི"]),
    ("a query with a particle marks the bare syllable", "ཆུའི", "ཆུ་གཙང་མ།", ["ཆུ"]),
    ("a non-breaking tsheg separates too", "ཆུ་ཁོལ", "ཆུ\u0f0cཁོལ་མ།", ["ཆུ", "ཁོལ"]),
    ("every syllable of the query", "ས་ཡོམ", "ས་ཡོམ་བྱུང་ན།", ["ས", "ཡོམ"]),
    ("the anusvara typed before two vowel signs", "ཧཾཱུ", "པདྨེ་ཧཱུཾ།", ["ཧཱུཾ"]),
    ("text stored with the anusvara first", "ཧཱུཾ", "པདྨེ་ཧཾཱུ།", ["ཧཾཱུ"]),
    # Mongolian: whole words, with everything that shapes them, or nothing.
    ("a selector inside the word", "ᠮᠣᠩᠭᠣᠯ", f"ᠮᠣᠩᠭ{FVS1}ᠣᠯ ᠪᠢᠴᠢᠭ", [f"ᠮᠣᠩᠭ{FVS1}ᠣᠯ"]),
    ("a selector ending the word", "ᠬᠠᠨ", f"ᠬᠠᠨ{FVS2} ᠤᠯᠠ", [f"ᠬᠠᠨ{FVS2}"]),
    ("the fourth selector", "ᠬᠠᠨ", f"ᠬᠠᠨ{FVS4}", [f"ᠬᠠᠨ{FVS4}"]),
    ("a vowel separator", "ᠲᠠᠷᠪᠠᠭᠠ", f"ᠲᠠᠷᠪᠠᠭ{MVS}ᠠ ᠶᠢ", [f"ᠲᠠᠷᠪᠠᠭ{MVS}ᠠ"]),
    ("a suffix joined by U+202F", "ᠨᠠᠭᠤᠷ", f"ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ{NNBSP}ᠤᠨ ᠡᠷᠡᠭᠦᠯ", [f"ᠨᠠᠭᠤᠷ{NNBSP}ᠤᠨ"]),
    (
        "a vowel separator then a suffix",
        "ᠲᠠᠯᠠ",
        f"ᠲᠠᠯ{MVS}ᠠ{NNBSP}ᠶᠢᠨ ᠨᠤᠲᠤᠭ",
        [f"ᠲᠠᠯ{MVS}ᠠ{NNBSP}ᠶᠢᠨ"],
    ),
    ("a suffix after a plain space is a word", "ᠨᠠᠭᠤᠷ", "ᠨᠠᠭᠤᠷ ᠤᠨ", ["ᠨᠠᠭᠤᠷ"]),
    ("a joiner inside the word", "ᠮᠣᠩᠭᠣᠯ", f"ᠮᠣᠩ{ZWJ}ᠭᠣᠯ", [f"ᠮᠣᠩ{ZWJ}ᠭᠣᠯ"]),
    ("a joiner ending the word", "ᠮᠣᠩᠭᠣᠯ", f"ᠮᠣᠩᠭᠣᠯ{ZWJ} ᠪᠢᠴᠢᠭ", [f"ᠮᠣᠩᠭᠣᠯ{ZWJ}"]),
    ("a non-joiner inside the word", "ᠮᠣᠩᠭᠣᠯ", f"ᠮᠣᠩ{ZWNJ}ᠭᠣᠯ", [f"ᠮᠣᠩ{ZWNJ}ᠭᠣᠯ"]),
    ("the word's first letters: nothing", "ᠮᠣᠩ", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ", []),
    ("letters up to a selector: nothing", "ᠮᠣᠩᠭ", f"ᠮᠣᠩᠭ{FVS1}ᠣᠯ", []),
    ("letters up to a vowel separator: nothing", "ᠲᠠᠷᠪᠠᠭ", f"ᠲᠠᠷᠪᠠᠭ{MVS}ᠠ", []),
    ("the word's last letters: nothing", "ᠭᠣᠯ", "ᠮᠣᠩᠭᠣᠯ", []),
    ("another spelling of the word", "ᠡᠷᠡᠭᠦᠯ", "ᠡᠷᠡᠭᠤᠯ ᠮᠡᠨᠳᠦ", ["ᠡᠷᠡᠭᠤᠯ"]),
    # Chinese: the matched term, wherever it stands.
    ("a word inside a sentence", "牦牛", "冬春季节牦牛容易得病", ["牦牛"]),
    ("characters apart are not the word", "牛奶", "牛羊吃草，孩子喝奶", []),
    (
        "each of the query's words",
        "高原反应",
        "老人上高原，要防高原反应。",
        ["高原", "高原", "反应"],
    ),
    # Latin and digits: whole words, full width folded.
    ("a word split by a hyphen", "wi fi", "Wi-Fi 信号", ["Wi", "Fi"]),
    ("the start of a word is not the word", "co", "cod and co", ["co"]),
    ("full-width letters", "ABC", "ａｂｃ 和 abcd", ["ａｂｃ"]),
    # Mixed scripts in one text.
    ("Tibetan and Chinese", "ཡམས 鼠疫", "ཡམས་ནད（鼠疫）ནི་ཡམས", ["ཡམས", "鼠疫", "ཡམས"]),
    (
        "Mongolian beside Latin",
        "ᠮᠣᠩᠭᠣᠯ",
        f"Mongol ᠮᠣᠩᠭ{FVS1}ᠣᠯ{NNBSP}ᠤᠨ PM2.5",
        [f"ᠮᠣᠩᠭ{FVS1}ᠣᠯ{NNBSP}ᠤᠨ"],
    ),
    # What HTML holds: always text.
    ("markup in the text", "牦牛", '<script>alert(1)</script>牦牛 & "x"', ["牦牛"]),
    ("a query naming a tag", "script", "<script>alert(1)</script>", ["script", "script"]),
    ("an entity's letters", "amp", "a &amp; b", ["amp"]),
    ("markup in the query", '"><img src=x onerror=alert(1)>', "<img src=x>", ["img", "src", "x"]),
    ("a mark tag in the text", "<mark>", "a <mark>b</mark> c", ["mark", "mark"]),
    ("RTL override in the query", "\u202e鼠兔\u202c", "草原上的鼠兔", ["鼠兔"]),
    ("nothing searchable", "!!! ???", "牦牛 !!! ???", []),
    ("an empty query", "", "牦牛", []),
]


def marked(output):
    return MARK.findall(str(output))


def assert_well_formed(output, text):
    """Only our own tags; nothing unescaped; the text itself, unchanged; no mark that
    starts or ends between a letter and what belongs to it."""
    output = str(output)
    assert re.sub(r"</?mark>", "", output).count("<") == 0
    assert "<mark><mark>" not in output and "</mark></mark>" not in output
    plain = html.unescape(re.sub(r"</?mark>", "", output)).strip("…")
    assert plain in snippets.SPACES.sub(" ", text)
    for piece in re.split(r"</?mark>", output)[1:]:
        if piece:
            first = html.unescape(piece)[0]
            assert not (unicodedata.category(first)[0] == "M" or first in MONGOLIAN_JOINERS), (
                f"a mark boundary before {first!r} in {output!r}"
            )


@pytest.mark.parametrize("mark", [snippets.snippet, snippets.highlight], ids=["snippet", "title"])
@pytest.mark.parametrize("why, query, text, expected", CASES, ids=[c[0] for c in CASES])
def test_marks(mark, why, query, text, expected):
    output = mark(text, query)
    assert [html.unescape(m) for m in marked(output)] == expected
    assert_well_formed(output, text)


def test_marks_are_escaped_text_not_markup():
    output = str(snippets.snippet("<b onclick=x>牦牛</b> &lt; 5", "牦牛"))
    assert output == "&lt;b onclick=x&gt;<mark>牦牛</mark>&lt;/b&gt; &amp;lt; 5"
    title = str(snippets.highlight('"><script>牦牛', "牦牛"))
    assert title == "&quot;&gt;&lt;script&gt;<mark>牦牛</mark>"


@pytest.mark.parametrize(
    "text, query, word",
    [
        ("草原" * 50_000 + "牦牛" + "草原" * 50_000, "牦牛", "牦牛"),
        ("ཡམས་" * 25_000 + "མ་" + "ཡམས་" * 25_000, "མ", "མ"),
        (f"ᠮᠣᠩᠭ{FVS1}ᠣᠯ " * 15_000 + "ᠨᠠᠭᠤᠷ ᠮᠣᠩ", "ᠨᠠᠭᠤᠷ", "ᠨᠠᠭᠤᠷ"),
    ],
    ids=["chinese", "tibetan", "mongolian"],
)
def test_very_long_text_is_cut_around_the_match_quickly(text, query, word):
    started = time.perf_counter()
    output = snippets.snippet(text, query)
    assert time.perf_counter() - started < 5  # about 0.5 s; quadratic would be minutes
    assert marked(output) == [word]
    assert len(output) < snippets.LENGTH + 40
    assert_well_formed(output, text)


@pytest.mark.parametrize(
    "text, cut",
    [
        # The window would start or end between letters and their selectors, inside a
        # Tibetan stack, or between a suffix and its word: it moves to a unit's edge.
        (f"ᠮᠣᠩᠭ{FVS1}ᠣᠯ{NNBSP}ᠤᠨ " * 40, f"ᠮᠣᠩᠭ{FVS1}ᠣᠯ{NNBSP}ᠤᠨ"),
        ("བསྒྲུབས་" * 40, "བསྒྲུབས"),
        ("ཆུའི་" * 60, "ཆུའི"),
    ],
)
@pytest.mark.parametrize("shift", range(8))
def test_the_window_never_cuts_a_unit(text, cut, shift):
    text = "ཀ་" * shift + text
    for query in ("", cut, "ཀ"):
        output = str(snippets.snippet(text, query, length=50 + shift))
        plain = html.unescape(re.sub(r"</?mark>", "", output)).strip("…")
        pieces = [p for p in re.split("[ ་]+", plain) if p]
        assert pieces and all(p in (cut, "ཀ") for p in pieces), plain


def test_a_unit_longer_than_the_window_is_cut_between_letters():
    text = "ཀྲུ" * 200 + "་ཆུ"  # one "syllable" of 600 code points, then ཆུ
    output = snippets.snippet(text, "")
    assert_well_formed(output, text)
    assert 0 < len(output) <= snippets.LENGTH + 1
    output = snippets.snippet(text, "ཆུ")
    assert marked(output) == ["ཆུ"]
    assert_well_formed(output, text)


# On the search page, whichever backend answered ------------------------------------


TIBETAN_TITLE = "ཡམས་ནད་ལ་མ་བརྩི།"
TIBETAN_TEXT = "ཡམས་ནད་བྱུང་ན་མ་འཇིགས། སྨན་ཁང་ལ་ཤོག"


@pytest.fixture
def on_elasticsearch(monkeypatch, settings, site_tree):
    """The search page served by the Elasticsearch backend, over a fake cluster that
    answers with one Tibetan page."""
    settings.KEPU_SEARCH_INDEX_PREFIX = "kepu"
    cluster = FakeCluster()
    cluster.indexes["kepu-bo-1"] = {"aliases": {"kepu-bo"}, "docs": {}, "body": None}
    cluster.search_response = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_id": "7",
                    "_score": 2.0,
                    "_source": {
                        "page_id": 7,
                        "title": TIBETAN_TITLE,
                        "url": "/bo/health/yams/",
                        "locale": "bo",
                        "channel": "health",
                        "kind": "article",
                        "text": TIBETAN_TEXT,
                    },
                }
            ],
        },
        "aggregations": {
            "channel": {"buckets": [{"key": "health", "doc_count": 1}]},
            "type": {"buckets": [{"key": "article", "doc_count": 1}]},
        },
    }
    backend = es.ElasticsearchBackend("http://es.test:9200")
    backend.client = cluster.client()
    monkeypatch.setattr("search.service.get_backend", lambda: backend)
    return cluster


@pytest.fixture
def on_database(make_article):
    make_article("bo", topic="health", slug="yams", title=TIBETAN_TITLE, summary=TIBETAN_TEXT)


@pytest.mark.parametrize("backend", ["on_database", "on_elasticsearch"])
def test_the_page_marks_whole_syllables_in_titles_and_snippets(db, client, request, backend):
    request.getfixturevalue(backend)
    page = client.get("/bo/search/", {"q": "མ"}).content.decode()
    result = re.search(r'<ol class="results">.*?</ol>', page, re.S).group(0)
    title = re.search(r'<a href="/bo/health/yams/"><span>(.*?)</span></a>', result, re.S).group(1)
    assert title == "ཡམས་ནད་ལ་<mark>མ</mark>་བརྩི།"
    snippet = re.search(r'<p class="snippet">(.*?)</p>', result, re.S).group(1)
    assert "ཡམས་ནད" in snippet and set(marked(snippet)) == {"མ"} and "ཡ<mark>" not in snippet
    api = client.get("/api/search/", {"q": "ཡམས", "lang": "bo"}).json()["results"][0]
    assert api["title"] == TIBETAN_TITLE  # plain text in the API, as before
    assert api["snippet"].startswith("<mark>ཡམས</mark>་ནད")
