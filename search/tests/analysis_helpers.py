"""Whether a query finds a text, by the analysis alone (no backend): every query group
shares a token with the text."""

from search import analysis


def matches(query, text):
    tokens = set(analysis.index_tokens(text))
    groups = analysis.query_groups(query)
    return bool(groups) and all(tokens & set(group) for group in groups)
