"""The site's own catalogues translate every string, and Mongolian stays in its script."""

import re
from pathlib import Path

import polib
import pytest

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.dates import MONTHS

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")
CYRILLIC = re.compile(r"[\u0400-\u052f]")
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_there_is_a_catalogue_per_language():
    assert [p.parts[-3] for p in CATALOGUES] == ["bo", "mn", "zh_Hans"]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_entry_is_translated_and_none_fuzzy(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert not catalogue.metadata_is_fuzzy


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_placeholders_survive_translation(path):
    for entry in polib.pofile(str(path)):
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(PLACEHOLDER.findall(text)) == expected, entry.msgid


@pytest.mark.parametrize("language", ["bo", "mn"])
def test_minority_catalogues_hold_no_cyrillic_or_chinese(language):
    catalogue = polib.pofile(
        str(Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po"))
    )
    for entry in catalogue:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            assert not CYRILLIC.search(text) and not HAN.search(text), entry.msgid


def test_mongolian_suffixes_are_joined_to_their_word():
    """A case suffix after a plain space is shaped as a word of its own (U+202F joins it)."""
    from cms.scripts import PLAIN_SPACE_BEFORE_SUFFIX

    catalogue = polib.pofile(
        str(Path(settings.BASE_DIR, "locale", "mn", "LC_MESSAGES", "django.po"))
    )
    wrong = [
        entry.msgid
        for entry in catalogue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if PLAIN_SPACE_BEFORE_SUFFIX.search(text)
    ]
    assert wrong == []


class _Form(forms.Form):
    name = forms.CharField(max_length=5)
    website = forms.URLField(required=False, assume_scheme="https")


@pytest.mark.parametrize("language", ["bo", "mn"])
def test_form_errors_are_in_the_readers_script(language):
    with translation.override(language):
        errors = _Form({"name": "", "website": "not a url"}).errors.as_text()
        errors += _Form({"name": "toolong"}).errors.as_text()
    assert not CYRILLIC.search(errors) and not HAN.search(errors)
    assert not re.search(r"[A-Za-z]{3,}", errors.replace("name", "").replace("website", ""))


def test_month_names_are_in_the_readers_script():
    with translation.override("mn"):
        months = " ".join(str(m) for m in MONTHS.values())
    assert not CYRILLIC.search(months) and re.search(r"[\u1820-\u1842]", months)
    with translation.override("bo"):
        assert re.search(r"[\u0f40-\u0fbc]", str(MONTHS[1]))
