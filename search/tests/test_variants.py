"""The ways readers type a word that the documents write another way (issue 16):
traditional characters, full-width Latin and digits, Tibetan case particles, and
synonyms and abbreviations from the glossary."""

import pytest

from search import analysis, synonyms
from search.analysis import chinese
from search.snippets import highlight
from search.tests.analysis_helpers import matches


@pytest.mark.parametrize(
    "query, text, expected",
    [
        ("濕地", "青海湖周边的湿地每年夏天迎来候鸟。", True),
        ("犛牛", "牦牛耐寒、耐缺氧。", True),
        ("湿地", "青海湖周邊的濕地。", True),  # a quoted traditional source
        ("黑頸鶴", "黑颈鹤是国家一级保护动物。", True),
        ("雪災", "冬春季节容易发生雪灾。", True),
        ("濕地", "草原上的鼠兔。", False),
        ("頭髮", "头发干燥", True),  # phrase-aware: 髮 → 发, not 發
        ("ＷＨＯ", "WHO建议饭前洗手。", True),
        ("７步洗手法", "学会7步洗手法。", True),
        ("ＳＰＦ３０", "涂抹SPF30以上的防晒霜", True),
        ("Ｂ超", "参加免费的B超筛查", True),
        # Tibetan: a case particle after the word is not part of it.
        ("ས་རློན་གྱི", "ས་རློན་དུ་བྱ་མང་པོ་ཡོང་།", True),
        ("ཁྱི་ལ", "ཁྱི་ཡིས་ནད་ཕྱུགས་ཟོས།", True),
        ("ཚད་ལས་བརྒལ་བ", "ཚད་ཆེན་ལས་བརྒལ་བ", False),  # inside a term a particle stays
        ("ལ་དུག", "ལ་དུག་གི་ནད་རྟགས", True),  # ལ first: a word, not a particle
        ("ལ་དུག", "ཁྱི་ལ་དུས་བཀག་ལྟར་འབུ་སྨན་སྤྲོད།", False),
        ("ས་རློན་གྱི", "ས་ཐང་ལ་རློན་པ་ཡོད།", False),  # ས and རློན apart
    ],
)
def test_typed_variants_match(query, text, expected):
    assert matches(query, text) is expected


def test_simplified_keeps_every_position():
    # The highlighter maps folded characters back to the original ones by position.
    for text in ("濕地和犛牛", "頭髮乾燥", "乾隆年間", "湿地", "後來皇后"):
        assert len(chinese.simplified(text)) == len(text)
    assert chinese.simplified("湿地牦牛著名的乾隆") == "湿地牦牛著名的乾隆"  # simplified stays


def test_a_traditional_query_marks_the_simplified_word():
    assert highlight("青海湖的湿地", "濕地") == "青海湖的<mark>湿地</mark>"
    assert highlight("青海湖的濕地", "湿地") == "青海湖的<mark>濕地</mark>"


@pytest.fixture
def who():
    """A provider like the glossary's, for analysis without a database."""

    def provider():
        return {"world-health-organization": ["世界卫生组织", "世卫组织", "WHO"], "lonely": ["孤"]}

    synonyms.register(provider)
    yield provider
    synonyms.unregister(provider)


def test_any_name_finds_documents_with_another(who):
    assert matches("WHO", "世界卫生组织建议饭前洗手。")
    assert matches("世卫组织", "WHO建议饭前洗手。")
    assert matches("世界卫生组织", "世卫组织提醒：紫外线很强。")
    assert matches("ＷＨＯ", "世卫组织提醒")  # width folded before the names are compared
    assert not matches("WHO", "饭前便后都要洗手。")
    assert not matches("孤", "WHO")  # a concept with one name is no synonym


def test_a_document_indexed_before_the_synonym_still_matches_its_own_name(who):
    synonyms.unregister(who)
    old_tokens = set(analysis.index_tokens("世界卫生组织建议饭前洗手。"))
    synonyms.register(who)
    groups = analysis.query_groups("世界卫生组织")
    assert all(old_tokens & set(group) for group in groups)
    assert not all(set(analysis.index_tokens("WHO")) & set(g) for g in analysis.query_groups("孤"))


def test_synonyms_never_touch_the_other_words_of_a_query(who):
    groups = analysis.query_groups("WHO 洗手")
    token = synonyms.concept_token("world-health-organization")
    assert [token in group for group in groups] == [True, False]
    assert token.startswith(synonyms.MARK) and token.isprintable() and " " not in token
    assert analysis.query_groups(token) == [["world"], ["health"], ["organization"]]  # typed


def test_a_failing_provider_leaves_search_as_it_was():
    def broken():
        raise ConnectionError("database down")

    before = analysis.query_groups("WHO")
    synonyms.register(broken)
    try:
        assert analysis.query_groups("WHO") == before
        assert analysis.index_tokens("WHO") == ["who"]
    finally:
        synonyms.unregister(broken)


@pytest.mark.django_db
def test_the_glossary_supplies_synonyms_and_a_change_is_seen_at_once():
    from content.models import GlossaryTerm
    from content.search_synonyms import glossary_names

    term = GlossaryTerm.objects.create(key="cpr", term_zh_hans="心肺复苏", term_bo="སྙིང་གློ་སླར་གསོ")
    assert "cpr" not in glossary_names()  # no synonyms: nothing to expand
    assert not matches("CPR", "学会心肺复苏")

    term.synonyms_zh_hans = "CPR\n  \n"
    term.save()
    assert glossary_names()["cpr"] == ["心肺复苏", "སྙིང་གློ་སླར་གསོ", "CPR"]
    assert matches("CPR", "学会心肺复苏")
    assert matches("ＣＰＲ", "སྙིང་གློ་སླར་གསོ་བྱེད་ཐབས")

    term.delete()
    assert not matches("CPR", "学会心肺复苏")


@pytest.mark.django_db
def test_the_search_finds_variants_in_the_index():
    from django.utils import timezone

    from content.models import GlossaryTerm
    from search import service
    from search.backends import get_backend
    from search.documents import Document

    # (setup_site, run for the test database, may have the term already: the fixture's)
    GlossaryTerm.objects.update_or_create(
        key="world-health-organization",
        defaults={"term_zh_hans": "世界卫生组织", "synonyms_zh_hans": "世卫组织\nWHO"},
    )
    texts = {
        910001: ("世卫组织教你洗手", "饭前便后都要洗手。"),
        910002: ("青海湖的湿地", "湿地被称为地球之肾。"),
        910003: ("牦牛", "牦牛耐寒。"),
    }
    get_backend().index(
        [
            Document(
                page_id=pk,
                locale="zh-hans",
                channel="health",
                kind="article",
                title=title,
                text=text,
                url=f"https://example.invalid/{pk}/",
                published_at=timezone.now(),
            )
            for pk, (title, text) in texts.items()
        ]
    )

    def found(q):
        return [hit.page_id for hit in service.search(q, "zh-hans").results.hits]

    assert found("ＷＨＯ") == [910001]
    assert found("世界卫生组织") == [910001]
    assert found("濕地") == [910002]
    assert found("犛牛") == [910003]
