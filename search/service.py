"""The one search API that views and the JSON endpoint call, whatever the backend."""

from dataclasses import dataclass

from cms import languages
from search import analysis, documents
from search.backends import get_backend
from search.backends.base import KINDS, Query, Results
from search.snippets import highlight, snippet

MAX_QUERY_LENGTH = 200
PER_PAGE = 10
MAX_PAGE = 100


class InvalidSearch(ValueError):
    """A parameter the reader can correct: answered with 400 and this message."""


@dataclass
class Search:
    query: Query
    results: Results

    @property
    def pages(self):
        return max(1, -(-self.results.count // self.query.per_page))


def search(text, language, channel=None, kind=None, page=1, per_page=PER_PAGE):
    """Run a search. Raises InvalidSearch for a bad parameter and
    BackendUnavailable when the backend is down."""
    if language not in languages.CODES:
        raise InvalidSearch(
            f"unknown language {language!r}: use one of {', '.join(languages.CODES)}"
        )
    if channel and not documents.source().channel_exists(channel):
        raise InvalidSearch(f"unknown channel {channel!r}")
    if kind and kind not in KINDS:
        raise InvalidSearch(f"unknown type {kind!r}: use article or video")
    try:
        page = int(page)
    except (TypeError, ValueError):
        raise InvalidSearch(f"page must be a number, not {page!r}") from None
    if not 1 <= page <= MAX_PAGE:
        raise InvalidSearch(f"page must be between 1 and {MAX_PAGE}")
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    query = Query(
        text=text,
        language=language,
        groups=analysis.query_groups(text, language),
        channel=channel or None,
        kind=kind or None,
        page=page,
        per_page=per_page,
    )
    results = get_backend().search(query) if query.groups else Results()
    for hit in results.hits:  # every backend's hits, marked by the same code
        hit.snippet = snippet(hit.text, text, language=language)
        hit.marked_title = highlight(hit.title, text, language)
    return Search(query, results)
