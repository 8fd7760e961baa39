"""The site's three languages, in one place.

Django knows neither Tibetan (``bo``) nor traditional-script Mongolian: its ``mn``
entry is Cyrillic Mongolian from Mongolia. ``register_language_info`` adds ``bo`` and
replaces the local name of ``mn`` so ``get_language_info`` works for both.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # Django language code and URL prefix
    html_lang: str  # BCP 47 tag for <html lang> and hreflang
    name_local: str  # the language's own name, in its own script
    name_en: str
    vertical: bool = False


LANGUAGES = (
    Language("zh-hans", "zh-Hans", "中文", "Simplified Chinese"),
    Language("bo", "bo", "བོད་ཡིག", "Tibetan"),
    Language("mn", "mn-Mong", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ", "Mongolian (traditional script)", vertical=True),
)
BY_CODE = {lang.code: lang for lang in LANGUAGES}
DEFAULT = LANGUAGES[0].code
CODES = tuple(BY_CODE)


def django_languages():
    """The ``LANGUAGES`` setting: (code, own name) pairs."""
    return [(lang.code, lang.name_local) for lang in LANGUAGES]


def get(code):
    """The Language for a Django code; unknown codes get the default language."""
    return BY_CODE.get(code, BY_CODE[DEFAULT])


def register_language_info():
    from django.conf.locale import LANG_INFO

    for lang in LANGUAGES:
        LANG_INFO[lang.code] = {
            **LANG_INFO.get(lang.code, {}),
            "bidi": False,
            "code": lang.code,
            "name": lang.name_en,
            "name_local": lang.name_local,
        }
