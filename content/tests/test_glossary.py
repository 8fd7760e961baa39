"""The glossary: seeded with real terms, exported and imported as CSV."""

import json
import re
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model

from content.models import GlossaryTerm
from content.tests.glossary_helpers import run

HEADER = "key,zh,bo,mn,note\n"


def test_seeded_glossary_covers_the_four_channels_in_three_languages(site_tree):
    terms = GlossaryTerm.objects.exclude(term_bo="").exclude(term_mn="")
    assert terms.count() >= 60
    keys = set(terms.values_list("key", flat=True))
    for key in ("hydatid-disease", "plague", "altitude-sickness", "earthquake", "grassland"):
        assert key in keys, key


def test_import_adds_and_updates_terms(site_tree, tmp_path):
    out, _ = run(
        tmp_path,
        HEADER + 'yak-dung,牛粪,ལྕི་བ,ᠠᠷᠭᠠᠯ,"fuel, not fertiliser"\nplague,鼠疫,,,updated note\n',
    )
    assert out.strip() == "1 created, 1 updated, 0 unchanged"
    term = GlossaryTerm.objects.get(key="yak-dung")
    assert (term.term_zh_hans, term.term_bo, term.term_mn, term.note) == (
        "牛粪",
        "ལྕི་བ",
        "ᠠᠷᠭᠠᠯ",
        "fuel, not fertiliser",
    )
    assert GlossaryTerm.objects.get(key="plague").note == "updated note"
    out, _ = run(tmp_path, HEADER + 'yak-dung,牛粪,ལྕི་བ,ᠠᠷᠭᠠᠯ,"fuel, not fertiliser"\n')
    assert out.strip() == "0 created, 0 updated, 1 unchanged"


@pytest.mark.parametrize(
    "body, reason",
    [
        ("Bad Key,牛粪,,,\n", "line 2: invalid key"),
        # After a good first row (line 2): the bad row is line 3, and line 2 is not imported either.
        ("yak-dung,,ལྕི་བ,,\n", "line 3: zh is required"),
        ("yak-dung,牛粪,,Аргал,\n", "line 3: mn: contains Cyrillic"),
        ("yak-dung,牛粪,,\ue2f2\ue289\ue2bc,\n", "line 3: mn: Menksoft encoding"),
        ("yak-dung,牛粪,,,\nyak-dung,牛粪,,,\n", "line 4: key 'yak-dung' appears twice"),
        ("yak-dung,牛粪,a,b,c,d\n", "line 3: more cells than columns"),
    ],
)
def test_each_bad_row_is_reported_and_nothing_imported(site_tree, tmp_path, body, reason):
    before = GlossaryTerm.objects.count()
    out, err = run(
        tmp_path, HEADER + "ok-term,好,,,\n" + body if body.startswith("yak") else HEADER + body
    )
    assert out is None and reason in err, err
    assert GlossaryTerm.objects.count() == before
    assert not GlossaryTerm.objects.filter(key="ok-term").exists()


def test_wrong_header_and_encoding_are_clear_errors(site_tree, tmp_path):
    out, err = run(tmp_path, "term,chinese\n牛粪,牛粪\n")
    assert out is None and "header must name the columns" in err
    out, err = run(tmp_path, HEADER.encode() + "yak,牛粪,,,\n".encode("gb18030"))
    assert out is None and "not UTF-8" in err


def test_the_admin_export_reads_back_in(client, site_tree, tmp_path):
    admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/snippets/content/glossaryterm/?export=csv")
    assert response.status_code == 200
    exported = b"".join(response.streaming_content) if response.streaming else response.content
    assert exported.decode("utf-8-sig").splitlines()[0] == (
        "key,zh,bo,mn,note,synonyms_zh,synonyms_bo,synonyms_mn"
    )
    out, err = run(tmp_path, exported)
    assert out is not None, err
    assert out.strip().startswith("0 created, 0 updated,")


# Glossary notes are for the editors and translators, who work in Chinese: each note is
# Chinese. What may stay in Latin letters: other entries' keys (did-you-know), the Latin
# names of species, a place's own name in brackets after the Chinese one, acronyms and
# code points (FVS1, U+180B). Any other Latin word is English left untranslated.
HAN = re.compile(r"[\u4e00-\u9fff]")
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "glossary.jsonl"
NOT_ENGLISH = [
    re.compile(r"\b[A-Z][a-z]+ [a-z]{3,}\b"),  # Ochotona curzoniae
    re.compile(r"（(?:藏文名 )?[A-Z][a-z]+(?: [A-Z][a-z]+)?）"),  # 果洛（Golog）, （藏文名 Malho）
    re.compile(r"\b(?:U\+[0-9A-F]{4}|[A-Z]{2,}\d*)\b"),  # U+180B, FVS1
]
WORD = re.compile(r"[A-Za-z]{3,}")


def entries():
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def english_in(note, keys=()):
    for key in sorted(keys, key=len, reverse=True):
        note = note.replace(key, " ")
    for pattern in NOT_ENGLISH:
        note = pattern.sub(" ", note)
    return WORD.findall(note)


def test_english_is_caught():
    assert english_in("Channel name; also the general word 'health'.")
    assert english_in("Province: 青海省 / མཚོ་སྔོན་ཞིང་ཆེན.")
    assert english_in("Spy / espionage (间谍行为 = གསང་ཉུལ་བྱ་སྤྱོད).")
    assert not english_in("学名 Ochotona curzoniae；藏文 ཨབ་ར 是安多地区的日常叫法。")
    assert not english_in("果洛藏族自治州（Golog）。蒙古文 ü 之后有 FVS1（U+180B）。")
    assert not english_in("知识框的标题是 did-you-know。", keys=["did-you-know"])


def test_every_glossary_note_is_written_in_chinese():
    keys = {entry["key"] for entry in entries()}
    notes = {entry["key"]: entry["note"] for entry in entries() if entry.get("note")}
    assert len(notes) >= 70
    not_chinese = {key: note for key, note in notes.items() if not HAN.search(note)}
    english = {key: english_in(note, keys) for key, note in notes.items() if english_in(note, keys)}
    assert not_chinese == {} and english == {}


def test_the_glossary_page_shows_the_fixtures_notes():
    """docs/glossary.md is generated from the fixture: the notes there are the same."""
    page = Path(settings.BASE_DIR, "docs", "glossary.md").read_text(encoding="utf-8")
    table = page.split("\n## Synonyms and abbreviations")[0]  # the terms' table
    rows = {
        line.split("|")[1].strip().strip("`"): line.rsplit("|", 2)[1].strip()
        for line in table.splitlines()
        if line.startswith("| `")
    }
    for entry in entries():
        assert rows[entry["key"]] == entry.get("note", "").replace("|", "\\|"), entry["key"]


def test_the_glossary_page_lists_the_fixtures_synonyms():
    page = Path(settings.BASE_DIR, "docs", "glossary.md").read_text(encoding="utf-8")
    table = page.split("\n## Synonyms and abbreviations")[1].split("\n## ")[0]
    rows = {
        line.split("|")[1].strip().strip("`"): [cell.strip() for cell in line.split("|")[2:5]]
        for line in table.splitlines()
        if line.startswith("| `")
    }
    expected = {
        entry["key"]: [" / ".join(entry["synonyms"].get(code, [])) for code in ("zh", "bo", "mn")]
        for entry in entries()
        if "synonyms" in entry
    }
    assert rows == expected


def test_a_new_site_seeds_the_chinese_notes(site_tree):
    note = GlossaryTerm.objects.get(key="hainan-qinghai").note
    assert "海南藏族自治州" in note and not english_in(note, ["hainan-qinghai"])
