"""Tibetan typed in Latin letters (EWTS/Wylie) on the Tibetan search page."""

import pytest

from search import analysis, snippets
from search.analysis import wylie


@pytest.mark.parametrize(
    "latin, tibetan",
    [("bod", "བོད"), ("skad", "སྐད"), ("mtsho", "མཚོ"), ("'brug", "འབྲུག"), ("g.yag", "གཡག"),
     ("Bod", "བོད"), ("po'i", "པོའི"), ("rlung", "རླུང")],
)  # fmt: skip
def test_a_word_in_ewts_is_its_syllable(latin, tibetan):
    assert wylie.syllable(latin) == tibetan


@pytest.mark.parametrize("latin", ["water", "km", "pm2", "hello", "dna", "xyz", "abc", "５"])
def test_latin_that_is_no_tibetan_syllable_stays_latin(latin):
    assert wylie.syllable(latin) is None


def test_only_the_tibetan_page_reads_latin_as_tibetan():
    assert analysis.query_groups("bod skad", "bo") == [["bod", "བོད"], ["skad", "སྐད"]]
    assert analysis.query_groups("bod skad", "zh-hans") == [["bod"], ["skad"]]
    assert analysis.query_groups("bod skad") == [["bod"], ["skad"]]
    assert analysis.query_groups("km water", "bo") == [["km"], ["water"]]


def test_a_particle_in_ewts_finds_the_syllable_without_it():
    assert analysis.query_groups("chu'i", "bo") == [["ཆུ", "ཆུའི"]]


@pytest.fixture
def found(client):
    def run(q, lang):
        response = client.get("/api/search/", {"q": q, "lang": lang})
        assert response.status_code == 200, response.content
        return [r["title"] for r in response.json()["results"]]

    return run


def test_a_wylie_query_finds_the_tibetan_article(found, make_article):
    carp = "ཉ་ཤུན་མེད་ཀྱི་ཆུ་རྒྱུན་བཟློག་འགྲུལ། མཚོ་སྔོན་པོའི་“སྲོག་གི་ལམ”"  # from the demo content
    make_article("bo", topic="ecology", slug="naked-carp", title=carp)
    make_article("bo", topic="health", slug="units", title="PM2.5 km ཚད་གཞི")
    assert found("nya shun med", "bo") == [carp]
    assert found("Srog gi lam", "bo") == [carp]  # a phone capitalises the first letter
    assert found("km", "bo") == ["PM2.5 km ཚད་གཞི"]  # Latin on the page is still found
    assert found("nya shun med", "zh-hans") == []


def test_the_tibetan_a_wylie_query_found_is_marked():
    marked = snippets.highlight("ཉ་ཤུན་མེད་ཀྱི་ཆུ", "nya med", "bo")
    assert marked == "<mark>ཉ</mark>་ཤུན་<mark>མེད</mark>་ཀྱི་ཆུ"
    assert "<mark>" not in snippets.highlight("ཉ་ཤུན་མེད", "nya med")
