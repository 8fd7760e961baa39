"""Wagtail's search backend (WAGTAILSEARCH_BACKENDS): pages answered from the project's
index, everything else (images, documents, snippets, users) from Wagtail's database
index as shipped.

Pages are indexed once (docs/adr/0016-one-search-index.md): in the project's index,
which holds every page, drafts and private pages included, marked ``public`` or not.
Readers search the public entries (search.service); the admin's page search, which
Wagtail runs through this backend, searches all of them. So:

- Wagtail's own indexing of a page (its post-save task, ``update_index``, a delete)
  does nothing: the publishing pipeline (content/publishing.py) indexes every page save
  and delete in the project's index, and ``search_rebuild`` rebuilds it. Nothing of a
  page is written to Wagtail's index tables.
- A page search runs the project's search (the same analysis, ranking and backend,
  database or Elasticsearch) over every language and state, and returns the admin's
  own queryset narrowed to the pages found, in rank order. Titles that merely contain
  the typed text (a word being typed, the admin's search is an autocomplete) follow.
"""

from modelsearch.backends import database
from modelsearch.backends.base import BaseSearchResults
from modelsearch.query import And, Boost, MatchAll, Or, Phrase, PlainText

from django.db.models import Case, IntegerField, QuerySet, Value, When

from wagtail.models import Page

from search import analysis
from search.backends import get_backend
from search.backends.base import Query

# The admin shows 20 pages per screen; an editor refines a search rather than paging
# past the first thousand.
ADMIN_LIMIT = 1000


def query_text(query):
    """The words of a Wagtail query object (the admin parses the editor's text into
    PlainText/Phrase objects), or None for "everything". Excluded words (Not) are left
    out: the project's search has no negation."""
    if isinstance(query, MatchAll):
        return None
    if isinstance(query, str):
        return query
    if isinstance(query, PlainText | Phrase):
        return query.query_string
    if isinstance(query, Boost):
        return query_text(query.subquery)
    if isinstance(query, And | Or):
        parts = [query_text(q) for q in query.subqueries]
        return " ".join(p for p in parts if p)
    return ""  # Not, Fuzzy: nothing the project's search can use


def page_ids(text):
    """The ids of the pages the project's index finds for ``text``, best first."""
    groups = analysis.query_groups(text)
    if not groups:
        return []
    query = Query(
        text=text, language=None, groups=groups, public=False, page=1, per_page=ADMIN_LIMIT
    )
    return [hit.page_id for hit in get_backend().search(query).hits]


class _Found:
    """What the results class needs of a query compiler: the queryset it narrows."""

    def __init__(self, queryset, ids, order_by_relevance):
        self.queryset = queryset
        self.ids = ids
        self.order_by_relevance = order_by_relevance


class IndexedPageResults(BaseSearchResults):
    supports_facet = False

    def _queryset(self):
        found = self.query_compiler
        if found.ids is None:  # everything
            return found.queryset
        pages = found.queryset.filter(pk__in=found.ids)
        if found.order_by_relevance and found.ids:
            rank = Case(
                *(When(pk=pk, then=Value(n)) for n, pk in enumerate(found.ids)),
                output_field=IntegerField(),
            )
            pages = pages.order_by(rank)
        return pages

    def _do_search(self):
        return self._queryset()[self.start : self.stop]

    def _do_count(self):
        return self._queryset()[self.start : self.stop].count()


def _is_page_model(model):
    return isinstance(model, type) and issubclass(model, Page)


def SearchBackend(params):  # noqa: N802 (Wagtail's backend factory convention)
    backend = database.SearchBackend(params)
    base = type(backend)

    class PagesElsewhere(base.index_class):
        """Wagtail's index, without pages: the publishing pipeline indexes them in the project's."""

        # Pages: nothing here. The publishing pipeline (content/publishing.py) indexes
        # every page save and delete in the project's index, once per transaction, and
        # ``search_rebuild`` rebuilds it; Wagtail's own per-save index tasks would queue
        # the same indexing again, one task each.
        def add_item(self, obj):
            if not isinstance(obj, Page):
                super().add_item(obj)

        def add_items(self, model, objs):
            if not _is_page_model(model):
                super().add_items(model, objs)

        def delete_item(self, item):
            if not isinstance(item, Page):
                super().delete_item(item)

    class OneIndexForPages(base):
        index_class = PagesElsewhere

        def search(self, query, model_or_queryset, *args, **kwargs):
            if self._is_pages(model_or_queryset):
                return self._pages(query, model_or_queryset, **kwargs)
            return super().search(query, model_or_queryset, *args, **kwargs)

        def autocomplete(self, query, model_or_queryset, *args, **kwargs):
            if self._is_pages(model_or_queryset):
                return self._pages(query, model_or_queryset, **kwargs)
            return super().autocomplete(query, model_or_queryset, *args, **kwargs)

        @staticmethod
        def _is_pages(model_or_queryset):
            model = getattr(model_or_queryset, "model", model_or_queryset)
            return _is_page_model(model)

        def _pages(self, query, model_or_queryset, order_by_relevance=True, **kwargs):
            if isinstance(model_or_queryset, QuerySet):
                queryset = model_or_queryset
            else:
                queryset = model_or_queryset.objects.all()
            text = query_text(query)
            if text is None:
                ids = None
            else:
                text = text.strip()
                ids = page_ids(text)
                if text:
                    # Titles holding the typed text as it is: a word still being typed.
                    # All pages, not only those above: Wagtail's ``fields``
                    # restriction is ignored (the index searches title and text).
                    more = queryset.filter(title__icontains=text).exclude(pk__in=ids)
                    ids += list(more.values_list("pk", flat=True)[:ADMIN_LIMIT])
            return IndexedPageResults(self, _Found(queryset, ids, order_by_relevance))

    backend.__class__ = OneIndexForPages
    return backend
