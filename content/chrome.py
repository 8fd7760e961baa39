"""The parts of every public page's header and footer that are the same on all pages of
a site and language: the brand and search link, the channel menu, and the footer's site
identity. Each is rendered once per process, site, language and generation, then kept
in memory: together they cost a page view about a millisecond of template work, a query
for the menu and two for the identity.

The generation (a token in the default cache, shared by every process and machine)
changes whenever one of them may have changed: a purge of the whole site or of every
language's pages (cms/page_cache.purging, before the pages themselves: a channel or
home published, unpublished, renamed, moved, made private; the site's address) and any
change to the site identity or its about and privacy pages (content/models/identity.py).
A page view reads it once; a process that sees a new one drops everything it kept. A missing token (an emptied
cache) is replaced by a new one, so nothing kept before survives it; a cache that cannot
keep one (it is down, or keeps nothing) means nothing is kept: every page renders its
parts.

A kept template is rendered without the context processors: it sees only ``language``
and ``request`` (not the reader's reading mode or account), and may use the request only
for what depends on its site (Wagtail's relative page addresses, the site's identity):
what it shows must be the same for every page and reader of that site and language.
"""

import threading
import uuid

from django.core.cache import cache
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

GENERATION = "kepu:chrome:generation"
MAX_KEPT = 64  # templates × sites × languages: a handful in practice

_kept = threading.local()


def generation(request=None):
    """The current generation, read once per request."""
    known = getattr(request, "_kepu_chrome_generation", None)
    if known is not None:
        return known
    value = cache.get(GENERATION)
    if value is None:
        cache.add(GENERATION, uuid.uuid4().hex, None)
        value = cache.get(GENERATION) or ""  # "": nothing can be kept
    if request is not None:
        request._kepu_chrome_generation = value
    return value


def changed():
    """Everything kept, in every process, is stale from now on."""
    cache.set(GENERATION, uuid.uuid4().hex, None)


def purging(sender=None, tags=(), **kwargs):
    if any(tag == "site" or tag.startswith("lang:") for tag in tags):
        changed()


def render(template_name, language, request, site=None):
    """The HTML of ``template_name`` for the request's ``site`` and the active language,
    rendered once per generation in this thread."""
    now = generation(request)
    if not now:
        return _render(template_name, language, request)
    store = getattr(_kept, "store", None)
    if store is None or store[0] != now:
        store = _kept.store = (now, {})
    entries = store[1]
    key = (template_name, getattr(site, "pk", None), translation.get_language())
    html = entries.get(key)
    if html is None:
        if len(entries) >= MAX_KEPT:
            entries.clear()
        html = entries[key] = _render(template_name, language, request)
    return html


def _render(template_name, language, request):
    template = get_template(template_name).template  # without the context processors
    return mark_safe(template.render(Context({"language": language, "request": request})))
