"""{% search_link channel=slug page=None %}: the search page's own address with the
reader's search (search/addresses.py) and these changes; None drops a parameter."""

from django import template

from search import addresses

register = template.Library()


@register.simple_tag(takes_context=True)
def search_link(context, **changes):
    return "?" + addresses.query_string({**context.get("asked", {}), **changes})
