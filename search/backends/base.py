"""The interface every search backend implements, and the shapes it returns."""

from dataclasses import dataclass, field

KINDS = ("article", "video")


class BackendUnavailable(Exception):
    """The backend cannot be reached or failed; the caller retries or says so."""


def required_groups(n):
    """How many of a query's ``n`` groups a document must match (docs/adr/0016).

    One or two groups: all of them (a two-word query matching one word is mostly
    noise). Longer queries: three quarters, rounded down (3 of 4, 2 of 3, 6 of 8), so
    that a page missing one word, or a word it writes another way, is still found; it
    ranks below the pages that have them all. The same number in every backend (it is
    sent to Elasticsearch as an integer ``minimum_should_match``)."""
    return n if n <= 2 else (3 * n) // 4


@dataclass
class Query:
    text: str  # already truncated to the allowed length
    language: str | None  # None: every language (the admin's page search only)
    groups: list  # from search.analysis.query_groups(text)
    channel: str | None = None
    kind: str | None = None
    page: int = 1
    per_page: int = 10
    # Readers only ever see public documents; the admin's page search sees every page.
    public: bool = True

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    @property
    def required(self):
        return required_groups(len(self.groups))


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    locale: str
    channel: str
    kind: str
    text: str
    score: float


@dataclass
class Results:
    count: int = 0
    hits: list = field(default_factory=list)
    # {"channel": {slug: n}, "type": {kind: n}}, over the query and language, before the
    # channel and type filters, so that a reader sees where else there are results.
    facets: dict = field(default_factory=lambda: {"channel": {}, "type": {}})


class SearchBackend:
    name = "base"

    def index(self, documents):
        raise NotImplementedError

    def remove(self, page_ids):
        """Remove the pages; return the languages of those that were public (their
        cached searches are stale), or None when the backend cannot tell."""
        raise NotImplementedError

    def search(self, query: Query) -> Results:
        raise NotImplementedError

    def rebuild(self, documents, locale=None):
        """Replace the index (or one language of it) with ``documents``; return the count."""
        raise NotImplementedError

    def check(self):
        """Raise BackendUnavailable when searching would fail now (for /readyz)."""
        raise NotImplementedError
