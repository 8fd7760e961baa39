"""The columns django-modeltranslation adds for a translated field: ``name`` becomes
``name_zh_hans``, ``name_bo`` and ``name_mn``. Spelled by modeltranslation's own rule,
in one place for the whole project."""

from modeltranslation.utils import build_localized_fieldname

from cms import languages


def column(name, code):
    """The column of field ``name`` in language ``code``: column("name", "zh-hans") is
    "name_zh_hans"."""
    return build_localized_fieldname(name, code)


def columns(name):
    """The columns of field ``name`` in the site's languages, in the site's order."""
    return [column(name, code) for code in languages.CODES]
