"""``{% translators code %}``: who may create a translation into ``code`` (the
translation panel names them beside each missing language; content/editorial/say_why.py)."""

from django import template

from content.editorial import say_why

register = template.Library()


@register.simple_tag(takes_context=True)
def translators(context, code):

    request = context.get("request")
    return say_why.translators(code, getattr(request, "user", None))
