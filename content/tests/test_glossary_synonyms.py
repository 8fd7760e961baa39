"""The glossary's synonyms and abbreviations (issue 16): seeded from the fixture, imported
and exported as CSV with the terms' script checks, and used by the public search."""

import csv
import io
import json
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from cms.scripts import script_problems
from content.exchange import glossary, importing
from content.models import ArticlePage, GlossaryTerm
from content.site_setup import setup_site
from content.tests.glossary_helpers import run
from search import synonyms

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "glossary.jsonl"
DEMO = Path(__file__).resolve().parents[1] / "demo"
HEADER = "key,zh,bo,mn,note,synonyms_zh,synonyms_bo,synonyms_mn\n"
CODES = {"zh": "zh-hans", "bo": "bo", "mn": "mn"}


def export(client):
    admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/snippets/content/glossaryterm/", {"export": "csv"})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_fixtures_synonyms_pass_the_imports_checks():
    entries = [json.loads(line) for line in FIXTURE.read_text("utf-8").splitlines()]
    with_synonyms = {e["key"]: e["synonyms"] for e in entries if "synonyms" in e}
    assert {"world-health-organization", "altitude-sickness", "pla"} <= set(with_synonyms)
    for key, by_language in with_synonyms.items():
        assert set(by_language) <= set(CODES) and by_language, key
        for code, names in by_language.items():
            assert isinstance(names, list) and names, (key, code)
            checked, reasons = glossary._synonyms("\n".join(names), CODES[code])
            assert checked == names and reasons == [], (key, code, reasons)
            for name in names:
                assert not script_problems(name, CODES[code])


def test_setup_site_gives_the_fixtures_synonyms(site_tree):
    who = GlossaryTerm.objects.get(key="world-health-organization")
    assert (who.term_zh_hans, who.synonyms_zh_hans) == ("世界卫生组织", "世卫组织\nWHO")
    assert who.synonyms_bo == "WHO" and who.synonyms_mn == "WHO"
    assert "高反" in GlossaryTerm.objects.get(key="altitude-sickness").synonyms_zh_hans.split("\n")
    pla = GlossaryTerm.objects.get(key="pla")
    assert pla.synonyms_mn == "ᠴᠢᠯᠦᠭᠡᠯᠡᠬᠦ ᠴᠡᠷᠢᠭ"
    assert GlossaryTerm.objects.get(key="yak").synonyms_zh_hans == ""  # none in the fixture


def test_setup_site_never_overwrites_synonyms_from_the_admin(site_tree):
    GlossaryTerm.objects.filter(key="pla").update(
        synonyms_zh_hans="解放军", synonyms_bo="", synonyms_mn=""
    )
    # A term from before synonyms existed: none in any language (NULL after the migration).
    GlossaryTerm.objects.filter(key="hydatid-disease").update(
        synonyms_zh_hans=None, synonyms_bo=None, synonyms_mn=None
    )
    setup_site()
    pla = GlossaryTerm.objects.get(key="pla")
    assert (pla.synonyms_zh_hans, pla.synonyms_bo, pla.synonyms_mn) == ("解放军", "", "")
    assert GlossaryTerm.objects.get(key="hydatid-disease").synonyms_zh_hans == "棘球蚴病"


def test_import_with_synonyms_round_trips_through_the_export(client, site_tree, tmp_path):
    out, err = run(
        tmp_path,
        HEADER
        + 'cpr,心肺复苏,སྙིང་གློ་སླར་གསོ,,,"CPR | 心肺复苏术|CPR",CPR,"CPR\n"\n'
        + "snow-blindness,雪盲,ཁ་བའི་མིག་ནད,ᠴᠠᠰᠤᠨ ᠰᠣᠬᠣᠷ,,雪盲症,,\n",
    )
    assert out is not None, err
    assert out.strip() == "1 created, 1 updated, 0 unchanged"
    cpr = GlossaryTerm.objects.get(key="cpr")
    assert (cpr.synonyms_zh_hans, cpr.synonyms_bo, cpr.synonyms_mn) == (
        "CPR\n心肺复苏术",
        "CPR",
        "CPR",
    )

    exported = export(client)
    assert exported.decode("utf-8-sig").splitlines()[0] == HEADER.strip()
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(exported.decode("utf-8-sig")))}
    assert rows["cpr"]["synonyms_zh"] == "CPR\n心肺复苏术"  # one name per line in the cell
    assert rows["world-health-organization"]["synonyms_zh"] == "世卫组织\nWHO"

    GlossaryTerm.objects.filter(key="cpr").update(synonyms_zh_hans="")
    out, err = run(tmp_path, exported)
    assert out is not None, err
    assert out.strip() == f"0 created, 1 updated, {GlossaryTerm.objects.count() - 1} unchanged"
    assert GlossaryTerm.objects.get(key="cpr").synonyms_zh_hans == "CPR\n心肺复苏术"


def test_a_file_without_synonyms_columns_keeps_the_synonyms(site_tree, tmp_path):
    out, err = run(tmp_path, "key,zh,bo,mn,note\nhydatid-disease,包虫病,,,\n")
    assert out is not None, err
    assert GlossaryTerm.objects.get(key="hydatid-disease").synonyms_zh_hans == "棘球蚴病"


@pytest.mark.parametrize(
    "row, reason",
    [
        ("yak-dung,牛粪,,,,,,Аргал\n", "line 3: synonyms_mn: 'Аргал': contains Cyrillic"),
        ("yak-dung,牛粪,,,,,,ᠠᠷᠭᠠᠯ|Аргал\n", "line 3: synonyms_mn: 'Аргал': contains Cyrillic"),
        ("yak-dung,牛粪,,,,,,\ue2f2\ue289\ue2bc\n", "line 3: synonyms_mn: Menksoft encoding"),
        ("yak-dung,牛粪,,,,牛\x00粪,,\n", "line 3: synonyms_zh: '牛\\x00粪': contains control"),
        ("yak-dung,牛粪,,,," + "粪" * 101 + ",,\n", "line 3: synonyms_zh: '粪粪"),
        (
            "yak-dung,牛粪,,,," + "|".join(f"粪{n}" for n in range(21)) + ",,\n",
            "21 names; at most 20",
        ),
        ("yak-dung," + "粪" * 201 + ",,,,,,\n", "line 3: zh: longer than 200 characters"),
        ("yak-" + "d" * 80 + ",牛粪,,,,,,\n", "line 3: key longer than 80 characters"),
    ],
)
def test_bad_synonyms_are_refused_with_the_row_named(site_tree, tmp_path, row, reason):
    before = GlossaryTerm.objects.count()
    out, err = run(tmp_path, HEADER + "ok-term,好,,,,好的,,\n" + row)
    assert out is None and reason in err, err
    assert GlossaryTerm.objects.count() == before
    assert not GlossaryTerm.objects.filter(key="ok-term").exists()


def demo_article(slug, locale="zh-hans"):
    for path in sorted(DEMO.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if (
                line.strip()
                and json.loads(line)["slug"] == slug
                and json.loads(line)["locale"] == locale
            ):
                return line.encode("utf-8")
    raise LookupError(slug)


@pytest.fixture
def indexed_at_once(monkeypatch):
    """Tests run inside a transaction that never commits: run the on-commit callbacks
    that enqueue indexing at once, as they run after a real request's commit."""
    monkeypatch.setattr("cms.after_commit.transaction.on_commit", lambda callback, **kw: callback())


def test_an_abbreviation_finds_the_demo_page_that_only_writes_the_full_name(
    client, site_tree, indexed_at_once
):
    report = importing.validate(
        demo_article("hydatid-disease-dogs-offal") + b"\n" + demo_article("altitude-health-elderly")
    )
    assert report.problems == []
    importing.apply(report.items)
    hydatid = ArticlePage.objects.get(
        slug="hydatid-disease-dogs-offal", locale__language_code="zh-hans"
    )
    elderly = ArticlePage.objects.get(
        slug="altitude-health-elderly", locale__language_code="zh-hans"
    )
    text = hydatid.body_text() + hydatid.title + hydatid.summary
    assert "世界卫生组织" in text and "WHO" not in text.upper()
    assert "高反" not in elderly.body_text() + elderly.title + elderly.summary

    def finds(query, page):
        response = client.get("/zh-hans/search/", {"q": query})
        assert response.status_code == 200
        return page.url in response.content.decode()

    assert finds("WHO", hydatid) and finds("世卫组织", hydatid)
    assert finds("高反", elderly) and not finds("高反", hydatid)

    # Without the synonyms (and the index rebuilt) the abbreviation finds nothing: it is
    # the glossary that finds the page.
    GlossaryTerm.objects.filter(key="world-health-organization").update(
        synonyms_zh_hans="", synonyms_bo="", synonyms_mn=""
    )
    synonyms.invalidate()  # (update() sends no post_save)
    call_command("search_rebuild", stdout=io.StringIO())
    assert not finds("WHO", hydatid) and finds("世界卫生组织", hydatid)


@pytest.mark.parametrize(
    "data, message",
    [
        # A cell beyond the csv module's field size limit (131,072 characters).
        (b'key,zh\nyak,"' + "牦".encode() * 140_000 + b'"\n', "not readable as CSV"),
        (b"key,zh,zh\nyak,a,b\n", "a column is named twice"),
    ],
)
def test_an_unreadable_file_gets_a_clear_error(data, message):
    result = glossary.read(data)
    assert any(message in error for error in result.errors), result.errors
