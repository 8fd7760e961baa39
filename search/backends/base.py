"""The interface every search backend implements, and the shapes it returns."""

from dataclasses import dataclass, field

KINDS = ("article", "video")


class BackendUnavailable(Exception):
    """The backend cannot be reached or failed; the caller retries or says so."""


@dataclass
class Query:
    text: str  # already truncated to the allowed length
    language: str
    groups: list  # from search.analysis.query_groups(text)
    channel: str | None = None
    kind: str | None = None
    page: int = 1
    per_page: int = 10

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


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
        raise NotImplementedError

    def search(self, query: Query) -> Results:
        raise NotImplementedError

    def rebuild(self, documents, locale=None):
        """Replace the index (or one language of it) with ``documents``; return the count."""
        raise NotImplementedError

    def check(self):
        """Raise BackendUnavailable when searching would fail now (for /readyz)."""
        raise NotImplementedError
