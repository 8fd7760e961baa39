"""The glossary: seeded with real terms, exported and imported as CSV."""

import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from content.models import GlossaryTerm

HEADER = "key,zh,bo,mn,note\n"


def run(tmp_path, text, name="terms.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_glossary", str(path), stdout=out, stderr=err)
    except CommandError as exc:
        return None, err.getvalue() + str(exc)
    return out.getvalue(), err.getvalue()


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
    assert exported.decode("utf-8-sig").splitlines()[0] == "key,zh,bo,mn,note"
    out, err = run(tmp_path, exported)
    assert out is not None, err
    assert out.strip().startswith("0 created, 0 updated,")
