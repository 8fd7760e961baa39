from django.utils import translation

from cms import languages


def site_language(request):
    """The active Language (code, html lang, vertical) for every template."""
    return {
        "language": languages.get(translation.get_language()),
        "site_languages": languages.LANGUAGES,
    }
