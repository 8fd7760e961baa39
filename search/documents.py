"""What the index holds for a page, and where the pages come from.

Search stands below the pages layer (docs/adr/0015 and 0016): it knows nothing of
articles, videos, channels or view restrictions. The pages layer registers a *page
source* here from its AppConfig.ready() (content/search_documents.py), which says what
a page's Document is, which pages are indexable, and which channels exist. Search only
calls it.

A Document is ``public`` when readers may find it (a live, public, unexpired article or
video); the index also holds the other pages, for the admin's page search
(search/wagtail_backend.py), and every public search filters on ``public``.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, Protocol


@dataclass
class Document:
    page_id: int
    locale: str
    channel: str
    kind: str  # "article" | "video" (public documents); "page" for any other page
    title: str
    text: str  # summary and body (or transcript) as plain text
    url: str
    published_at: datetime | None
    public: bool = True  # False: drafts, private or expired pages, other page types


class Channel(NamedTuple):
    slug: str  # the topic's slug: the same in every language
    title: str
    url: str


class PageSource(Protocol):
    def document_for(self, page) -> Document | None:
        """The Document for ``page`` (any Page), or None when it has none."""

    def indexable_pages(self, locale=None):
        """Every page that has a Document, public or not (an iterable of pages)."""

    def channels(self, language, request=None) -> list:
        """The channels readers can browse in ``language``: a list of Channel (links
        relative to the ``request``'s site when there is one)."""

    def channel_exists(self, slug) -> bool:
        """Whether ``slug`` names a channel (in any language)."""


_source = None


def register(source: PageSource):
    """Called once by the pages layer (content.apps); the last registration wins."""
    global _source
    _source = source


def source() -> PageSource:
    if _source is None:
        raise RuntimeError("no page source registered with search (content.apps registers it)")
    return _source
