"""Where the same content lives in the other languages.

Used by the language switcher (always offers every language) and by hreflang links
(only exact translations). A page's translation is the live page in another locale
with the same ``translation_key``; when there is none, the switcher falls back to the
translation of the nearest ancestor (the channel, then the home page).
"""

from dataclasses import dataclass

from wagtail.models import Locale, Page

from cms import languages


@dataclass
class Alternate:
    language: languages.Language
    url: str
    exact: bool  # the same page in that language, not a fallback to channel or home
    current: bool


def alternates(page, request):
    """One Alternate per site language for ``page`` (or for the site, when page is None)."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    chain = list(page.get_ancestors(inclusive=True).filter(depth__gt=1)) if page else []
    chain.reverse()  # the page itself first, then its channel, then its home
    keys = [p.translation_key for p in chain]
    live = Page.objects.live().public().filter(translation_key__in=keys)
    found = {(p.translation_key, p.locale_id): p for p in live}

    result = []
    for lang in languages.LANGUAGES:
        locale = locales.get(lang.code)
        url, exact = f"/{lang.code}/", False
        for depth, ancestor in enumerate(chain):
            match = locale and found.get((ancestor.translation_key, locale.pk))
            if match:
                url, exact = match.get_url(request), depth == 0
                break
        current = bool(page) and locale is not None and page.locale_id == locale.pk
        result.append(Alternate(lang, url, exact, current))
    return result
