"""Wagtail's own database search (the admin's page search), fed with our analysis.

Wagtail indexes pages with its database backend, whose tokenizer splits on spaces and
punctuation only: a Chinese title is one long "word", a Mongolian word spelled another
way is another word. Pages therefore carry a search field of our analysed tokens
(ContentPage.search_tokens), and this backend turns the editor's query into the same
tokens before Wagtail runs it, so that "湟鱼" finds "青海湖湟鱼洄游".
"""

from modelsearch.backends import database
from modelsearch.query import And, Not, Or, Phrase, PlainText

from search import analysis


def analysed(query):
    """The query with its text replaced by our tokens, whatever form Wagtail gave it in
    (the admin parses the editor's text into PlainText/Phrase objects first)."""
    if isinstance(query, PlainText):
        return PlainText(_tokens(query.query_string), operator="and", boost=query.boost)
    if isinstance(query, Phrase):
        return PlainText(_tokens(query.query_string), operator="and")
    if isinstance(query, And | Or):
        return type(query)([analysed(q) for q in query.subqueries])
    if isinstance(query, Not):
        return Not(analysed(query.subquery))
    if isinstance(query, str):
        return _tokens(query)
    return query


def _tokens(query):
    groups = analysis.query_groups(query)
    if not groups:
        return query
    # One token per group: the shortest alternative is the most general (a Tibetan
    # syllable without its particle), and every group is required.
    return " ".join(min(group, key=len) for group in groups)


def SearchBackend(params):  # noqa: N802 (Wagtail's backend factory convention)
    backend = database.SearchBackend(params)
    base = type(backend)

    class AnalysedQueries(base):
        def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
            return super().search(
                analysed(query),
                model_or_queryset,
                fields=fields,
                operator=operator or "and",
                **kwargs,
            )

        def autocomplete(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
            return super().autocomplete(
                analysed(query),
                model_or_queryset,
                fields=fields,
                operator=operator or "and",
                **kwargs,
            )

    backend.__class__ = AnalysedQueries
    return backend
