"""``{% translators code %}``: who may create a translation into ``code`` (the
translation panel names them beside each missing language; content/say_why.py)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def translators(context, code):
    from content import say_why

    request = context.get("request")
    return say_why.translators(code, getattr(request, "user", None))
