"""The site's fixed structure: locales, the channel topics, one home and one channel
page per topic in every language, and the glossary. Idempotent: run it any number of
times (``manage.py setup_site``); it adds what is missing and changes nothing else.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from wagtail.models import Collection, Locale, Page, Site

from cms import languages
from cms.translated_fields import column
from content import publish_gate
from content.models import ChannelPage, GlossaryTerm, HomePage, Topic
from search import synonyms as search_synonyms

GLOSSARY = Path(__file__).resolve().parent / "fixtures" / "glossary.jsonl"

# The four channels of the provincial plan; editors may add more in the admin.
CHANNELS = [
    # slug, colour, icon
    ("ecology", "#2e6b3a", "leaf"),
    ("health", "#a3261c", "heart"),
    ("emergency", "#b54a00", "warning"),
    ("defence", "#24406e", "shield"),
]


def load_glossary():
    with GLOSSARY.open(encoding="utf-8") as lines:
        return {entry["key"]: entry for entry in map(json.loads, filter(str.strip, lines))}


def term(glossary, key, code):
    entry = glossary[key]
    return entry["zh" if code == languages.DEFAULT else code]


def synonyms(glossary, key, code):
    """The entry's other names in one language, one per line as the admin keeps them."""
    names = glossary[key].get("synonyms", {})
    return "\n".join(names.get("zh" if code == languages.DEFAULT else code, []))


@transaction.atomic
@publish_gate.operator("setup_site")  # an operator's command: its pages need no review
def setup_site():
    glossary = load_glossary()
    locales = {
        lang.code: Locale.objects.get_or_create(language_code=lang.code)[0]
        for lang in languages.LANGUAGES
    }
    _sync_glossary(glossary)
    # Wagtail's migrations create the root collection; a flushed test database has none,
    # and no image or document can be saved without it.
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    topics = _ensure_topics(glossary)
    home = _ensure_home(locales[languages.DEFAULT], glossary)
    sync_public_address()
    homes = {languages.DEFAULT: home}
    for lang in languages.LANGUAGES[1:]:
        homes[lang.code] = _ensure_translation(
            home, locales[lang.code], term(glossary, "site-name", lang.code)
        )
    for topic in topics:
        source = _ensure_channel(home, topic, languages.DEFAULT)
        for lang in languages.LANGUAGES[1:]:
            _ensure_translation(
                source,
                locales[lang.code],
                getattr(topic, column("name", lang.code)),
                intro=getattr(topic, column("description", lang.code)) or "",
            )
    return homes


def _sync_glossary(glossary):
    """Add the file's terms that the admin does not have yet; edits made there stay.
    Synonyms came after the terms: a term already there that has none in any language
    gets the file's (so does one whose synonyms an editor emptied, on the next run); a
    term with any synonym keeps exactly what the admin has."""
    synonym_columns = {lang.code: column("synonyms", lang.code) for lang in languages.LANGUAGES}
    known = {existing.key: existing for existing in GlossaryTerm.objects.all()}
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(
            key=key,
            note=entry.get("note", ""),
            **{
                column("term", lang.code): term(glossary, key, lang.code)
                for lang in languages.LANGUAGES
            },
            **{name: synonyms(glossary, key, code) for code, name in synonym_columns.items()},
        )
        for key, entry in glossary.items()
        if key not in known
    )
    without = [
        existing
        for key, existing in known.items()
        if key in glossary
        and glossary[key].get("synonyms")
        and not any(getattr(existing, name) for name in synonym_columns.values())
    ]
    for existing in without:
        for code, name in synonym_columns.items():
            setattr(existing, name, synonyms(glossary, existing.key, code))
    GlossaryTerm.objects.bulk_update(without, list(synonym_columns.values()))
    # Bulk writes send no post_save, which is how search learns of a glossary change.
    search_synonyms.invalidate()


def _ensure_topics(glossary):
    topics = []
    for order, (slug, colour, icon) in enumerate(CHANNELS):
        names = {
            column("name", lang.code): term(glossary, slug, lang.code)
            for lang in languages.LANGUAGES
        }
        descriptions = {
            column("description", lang.code): term(glossary, f"{slug}-description", lang.code)
            for lang in languages.LANGUAGES
        }
        topic, _ = Topic.objects.get_or_create(
            slug=slug,
            defaults={**names, **descriptions, "colour": colour, "icon": icon, "sort_order": order},
        )
        topics.append(topic)
    return topics


def _ensure_home(locale, glossary):
    home = HomePage.objects.filter(locale=locale).first()
    if home:
        return home
    # Wagtail's migrations create the root; a flushed test database has none.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    # Wagtail's install creates a placeholder "Welcome" page; the home page replaces it.
    for placeholder in root.get_children().filter(content_type__model="page"):
        placeholder.delete()
    home = HomePage(
        title=term(glossary, "site-name", locale.language_code), slug="home", locale=locale
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name = (
        site.hostname or "localhost",
        site.port or 80,
        home.title,
    )
    site.root_page = home
    site.save()
    return home


def sync_public_address():
    """Give the default Site record the configured public address (KEPU_BASE_URL; under
    `make run`, HOST and PORT), on every run, not only the first: every absolute address
    the site gives out is built from this record (cms/public_url.py). Without a
    configured address the record is left as it is (an operator may have set it in
    the admin). Returns True when the record changed."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or not settings.KEPU_SITE_URL:
        return False
    url = urlsplit(settings.KEPU_SITE_URL)
    # The scheme follows from the port (Wagtail: 443 is https), or for https on another
    # port from the configured address (cms/public_url.py).
    hostname = f"[{url.hostname}]" if ":" in url.hostname else url.hostname
    port = url.port or (443 if url.scheme == "https" else 80)
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])  # forgets the cached root URL
    return True


def _ensure_channel(home, topic, code):
    channel = ChannelPage.objects.child_of(home).filter(topic=topic).first()
    if channel:
        return channel
    channel = ChannelPage(
        title=getattr(topic, column("name", code)),
        slug=topic.slug,
        topic=topic,
        intro=getattr(topic, column("description", code)) or "",
        locale=home.locale,
    )
    home.add_child(instance=channel)
    channel.save_revision().publish()
    return channel


def _ensure_translation(source, locale, title, **fields):
    """The live translation of ``source`` in ``locale``, created under the parent's translation."""
    existing = source.get_translation_or_none(locale)
    if existing:
        return existing.specific
    copy = source.copy_for_translation(locale)
    copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy
