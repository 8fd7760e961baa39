"""Readable addresses in every script (docs/adr/0010-readable-slugs.md): a slug keeps every
letter and mark of its title, is stable, reaches the page through every link the site
prints, a translation gets its own, and old addresses redirect after a slug changes."""

import io
import json
import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit

import pytest

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils.text import slugify

from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale

from content import publish_gate
from content.models import ArticlePage
from content.slugs import letters, slug_for, validate_slug
from content.tests import factories
from content.tests.editorial_helpers import article_form

NNBSP, MVS, FVS1, ZWJ = "\u202f", "\u180e", "\u180b", "\u200d"

# (language, title, expected slug)
TITLES = [
    # Vowel signs and subjoined letters (the title).
    ("bo", "ཆུ་ཚད་དང་ནད་ཡམས་སྔོན་འགོག", "ཆུ-ཚད-དང-ནད-ཡམས-སྔོན-འགོག"),
    # Stacked Sanskrit, anusvara, long vowels, candrabindu; shad ends the clause.
    ("bo", "ཨོཾ་མ་ཎི་པདྨེ་ཧཱུྃ། བཛྲ་སཏྭ།", "ཨོཾ-མ-ཎི-པདྨེ-ཧཱུྃ-བཛྲ-སཏྭ"),
    # Digits inside syllables, a closing tsheg, a question.
    ("bo", "ཟླ་4ཚེས་15ཉིན་གྱི་སྒྲིག་འཛུགས། ཅི་བྱ་", "ཟླ-4ཚེས-15ཉིན-གྱི-སྒྲིག-འཛུགས-ཅི-བྱ"),
    ("bo", "ཁ་བའི་གནོད་འཚེ་སྔོན་འགོག འབྲོག་པ།", "ཁ-བའི-གནོད-འཚེ-སྔོན-འགོག-འབྲོག-པ"),
    # Mongolian: case suffix after NNBSP, vowel separator, free variation selector, ZWJ.
    (
        "mn",
        f"ᠲᠠᠯ{MVS}ᠠ ᠨᠤᠲᠤᠭ{NNBSP}ᠤᠨ ᠣᠬᠣᠳᠣᠢ ᠄ «ᠮᠠᠭᠤ ᠠᠮᠢᠳᠠᠨ»",
        "ᠲᠠᠯᠠ-ᠨᠤᠲᠤᠭ-ᠤᠨ-ᠣᠬᠣᠳᠣᠢ-ᠮᠠᠭᠤ-ᠠᠮᠢᠳᠠᠨ",
    ),
    ("mn", f"ᠭᠠᠵᠠᠷ{FVS1} ᠬᠥᠳᠡᠯᠭᠡᠨ{ZWJ} ᠪᠣᠯᠪᠠᠯ ᠶᠠᠭᠠᠬᠤ ᠪᠤᠢ ?", "ᠭᠠᠵᠠᠷ-ᠬᠥᠳᠡᠯᠭᠡᠨ-ᠪᠣᠯᠪᠠᠯ-ᠶᠠᠭᠠᠬᠤ-ᠪᠤᠢ"),
    ("mn", "4 ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ 15᠂ ᠡᠪᠡᠳᠴᠢᠨ ᠃", "4-ᠰᠠᠷᠠ-ᠶᠢᠨ-15-ᠡᠪᠡᠳᠴᠢᠨ"),
    # Chinese keeps its characters; full-width punctuation separates.
    ("zh-hans", "听懂防空警报：三种声音，三种做法", "听懂防空警报-三种声音-三种做法"),
    ("zh-hans", "4月15日全民国家安全教育日", "4月15日全民国家安全教育日"),
    # Mixed digits and Latin.
    ("zh-hans", "COVID-19 防护：戴好N95口罩", "covid-19-防护-戴好n95口罩"),
    ("bo", "H7N9 ནད་ཡམས་ 2026", "h7n9-ནད-ཡམས-2026"),
]
IDS = [f"{language}-{n}" for n, (language, _, _) in enumerate(TITLES)]
INVISIBLE = {NNBSP, MVS, FVS1, ZWJ}


def marks(text):
    return [c for c in text if unicodedata.category(c)[0] == "M" and c != FVS1]


@pytest.mark.parametrize(("language", "title", "expected"), TITLES, ids=IDS)
def test_a_slug_keeps_every_letter_and_mark_of_its_title(language, title, expected):
    slug = slug_for(title, language)
    assert slug == expected
    assert letters(slug) == letters(title)  # no base letter lost
    assert marks(slug) == marks(title)  # no vowel sign or subjoined letter lost
    assert not INVISIBLE & set(slug)
    assert slug_for(title, language) == slug  # stable
    validate_slug(slug)


def test_long_titles_are_cut_at_a_syllable_and_never_inside_a_letter():
    title = "་".join(["བསྐྱངས"] * 30)
    slug = slug_for(title, "bo")
    assert len(slug) <= 64 and slug.endswith("བསྐྱངས") and "--" not in slug
    han = slug_for("青" * 100, "zh-hans")
    assert han == "青" * 64
    whole = "སྐྱ" * 40  # no separator to cut at: the cut falls before a base letter
    stacked = slug_for(whole, "bo")
    assert len(stacked) <= 64 and whole.startswith(stacked)
    assert unicodedata.category(whole[len(stacked)])[0] == "L"


@pytest.mark.parametrize(
    "bad", ["", "ཆུ་ཚད", "ཆུ ཚད", "-ུཚད", "ᠲᠠᠯ\u180eᠠ", "a/b", "a?b", "e\u0301"[::-1]]
)
def test_the_slug_validator_refuses_separators_controls_and_orphan_marks(bad):
    with pytest.raises(ValidationError):
        validate_slug(bad)


@pytest.mark.parametrize(("language", "title", "expected"), TITLES, ids=IDS)
def test_a_page_saved_without_a_slug_gets_the_readable_one_and_answers_at_it(
    client, site_tree, language, title, expected
):
    page = factories.article(language, slug="", title=title)
    assert page.slug == expected
    assert unquote(page.url) == f"/{language}/ecology/{expected}/"  # percent-encoded
    # As typed (Unicode) and as WeChat and browsers send it (percent-encoded UTF-8).
    assert client.get(unquote(page.url)).status_code == 200
    assert client.get(page.url).status_code == 200
    # The same title again in the same channel: a second, still readable address.
    again = factories.article(language, slug="", title=title)
    assert again.slug == f"{expected}-2"
    assert client.get(again.url).status_code == 200


def publish_latest(page):
    """Publish the draft the editor saved, as the end of its review would."""
    page.refresh_from_db()
    with publish_gate.operator("slug tests"):
        page.get_latest_revision().publish()
    page.refresh_from_db()


def _local(url):
    parts = urlsplit(unquote(url))
    return parts.path


@pytest.mark.parametrize(("language", "title", "expected"), TITLES[::2], ids=IDS[::2])
def test_every_link_the_site_prints_reaches_the_page(client, site_tree, language, title, expected):
    page = factories.article(language, slug="", title=title)
    path = f"/{language}/ecology/{expected}/"
    channel = client.get(f"/{language}/ecology/").content.decode()
    hrefs = [unquote(h) for h in re.findall(r'href="([^"]+)"', channel)]
    assert path in hrefs or quote(path) in re.findall(r'href="([^"]+)"', channel)
    rss = client.get(f"/feeds/{language}/rss.xml").content.decode()
    links = [_local(u) for u in re.findall(r"<link>([^<]+)</link>", rss)]
    assert path in links
    sitemap = client.get("/sitemap.xml").content.decode()
    assert path in [_local(u) for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    api = json.loads(client.get(f"/api/v2/pages/{page.pk}/").content)
    assert _local(api["meta"]["html_url"]) == path
    for link in (path, quote(path)):
        assert client.get(link).status_code == 200


def _script_slug(title):
    """What Wagtail's admin script (urlify) puts in the slug field for ``title``: letters
    and digits only, so Tibetan vowels and subjoined letters are gone."""
    kept = "".join(
        c for c in title.lower() if c in "-_" or c.isspace() or unicodedata.category(c)[0] in "LN"
    )
    return re.sub(r"[-\s]+", "-", kept).strip("-")


@pytest.mark.parametrize(("language", "title", "expected"), TITLES, ids=IDS)
def test_the_page_editor_saves_the_readable_slug_not_the_scripts(
    admin_client, site_tree, language, title, expected
):
    channel = factories.channel(language, "ecology")
    sample = factories.article(language, slug="sample")
    for lossy in {_script_slug(title), slugify(title, allow_unicode=True)}:
        data = article_form(sample, None, title=title, slug=lossy)
        response = admin_client.post(f"/admin/pages/add/content/articlepage/{channel.pk}/", data)
        assert response.status_code == 302, response.content.decode()[-3000:]
        page = ArticlePage.objects.filter(locale__language_code=language).latest("pk")
        assert page.slug.startswith(expected)
        publish_latest(page)
        assert admin_client.get(page.url).status_code == 200
        page.delete()


def test_a_slug_the_editor_typed_is_kept_and_one_with_tibetan_vowels_is_accepted(
    admin_client, site_tree
):
    page = factories.article("bo", slug="sample")
    for typed in ("water-quality", "ཆུ-ཚད"):
        data = article_form(page, None, slug=typed)
        assert admin_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
        publish_latest(page)
        assert page.slug == typed
        assert admin_client.get(page.url).status_code == 200
    data = article_form(page, None, slug="ཆུ་ཚད")  # a tsheg is not part of an address
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200 and "slug" in response.content.decode()
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().slug == "ཆུ-ཚད"


@pytest.mark.parametrize(
    ("language", "title"),
    [("bo", TITLES[0][1]), ("mn", TITLES[4][1]), ("mn", TITLES[5][1])],
)
def test_a_translation_gets_its_own_slug_once_it_has_its_own_title(
    admin_client, site_tree, django_capture_on_commit_callbacks, language, title
):
    source = factories.article("zh-hans", slug="", title="水质与传染病预防")
    assert source.slug == "水质与传染病预防"
    locale = Locale.objects.get(language_code=language)
    copy = CopyPageForTranslationAction(source, locale).execute(skip_permission_checks=True)
    assert copy.slug == source.slug  # Wagtail's copy: until it is translated
    copy.save_revision()
    # The translator saves with the source's title still: the slug stays.
    data = article_form(copy, None, title=source.title)
    assert admin_client.post(f"/admin/pages/{copy.pk}/edit/", data).status_code == 302
    copy.refresh_from_db()
    assert copy.get_latest_revision_as_object().slug == source.slug
    # Now with its own title, then published: its own address, in its own script.
    data = article_form(copy, None, title=title)
    assert admin_client.post(f"/admin/pages/{copy.pk}/edit/", data).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        publish_latest(copy)
    assert copy.slug == slug_for(title)
    assert admin_client.get(copy.url).status_code == 200


@pytest.mark.parametrize("language", ["zh-hans", "bo", "mn"])
def test_old_addresses_redirect_after_a_page_or_channel_slug_change(
    client, admin_client, site_tree, django_capture_on_commit_callbacks, language
):
    title = {row[0]: row[1] for row in TITLES}[language]
    page = factories.article(language, slug="", title=title)
    old = unquote(page.url)
    data = article_form(page, None, slug="renamed")
    assert admin_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        publish_latest(page)
    new = unquote(page.url)
    assert new == f"/{language}/ecology/renamed/"
    for link in (old, quote(old)):
        response = client.get(link)
        assert response.status_code in (301, 302) and unquote(response["Location"]) == new
    assert client.get(new).status_code == 200

    channel = page.get_parent().specific
    channel.slug = "nature"
    with django_capture_on_commit_callbacks(execute=True), publish_gate.operator("test"):
        channel.save_revision().publish()
    page.refresh_from_db()
    assert unquote(page.url) == f"/{language}/nature/renamed/"
    for link in (new, quote(old)):
        response = client.get(link, follow=True)
        assert response.status_code == 200
        assert response.redirect_chain and unquote(response.redirect_chain[-1][0]) == unquote(
            page.url
        )


def test_a_page_with_tibetan_vowels_in_its_slug_can_be_copied_in_the_admin(admin_client, site_tree):
    page = factories.article("bo", slug="", title=TITLES[0][1])
    url = f"/admin/pages/{page.pk}/copy/"
    form = admin_client.get(url).content.decode()
    assert f'value="{page.slug}"' in form  # offered as the new slug, as it is
    data = {
        "new_title": page.title,
        "new_slug": f"{page.slug}-2",
        "new_parent_page": page.get_parent().pk,
        "copy_subpages": "",
        "publish_copies": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    copy = ArticlePage.objects.get(slug=f"{page.slug}-2")
    assert copy.get_parent().pk == page.get_parent().pk


def _import(tmp_path, *lines):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines))
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_content", str(path), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue() + str(exc)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("language", "title", "expected"), TITLES[:7], ids=IDS[:7])
def test_import_gives_readable_slugs_and_accepts_them_again(
    site_tree, tmp_path, language, title, expected
):
    line = {"locale": language, "type": "article", "channel": "health", "title": title,
            "body": factories.TEXTS[language], "live": False}  # fmt: skip
    out, err = _import(tmp_path, line)
    assert "1 created" in out, err
    page = ArticlePage.objects.get(locale__language_code=language, title=title)
    assert page.slug == expected
    # The same file again: the same address, so nothing new.
    out, err = _import(tmp_path, line)
    assert "1 created" not in out and ArticlePage.objects.filter(title=title).count() == 1, err
    # A readable slug given in the file (as export_content writes it) is taken as it is.
    out, err = _import(tmp_path, {**line, "slug": f"{expected}-x", "title": title + "2"})
    assert "1 created" in out, err
    out, err = _import(tmp_path, {**line, "slug": "ཆུ་ཚད"})  # a tsheg is not a letter
    assert "invalid slug" in err
