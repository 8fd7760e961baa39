"""The house rules of docs/editors.md that a page must meet before it goes to review or to
readers: an article names its sources, and every article and video names the scientist
who checked it. Drafts need neither (they are written over days); the emergency fast
track may skip them, and the gap is written into its audit-log entry.
"""

from django.utils.translation import gettext as _

from content.text_checks import visible_text

SOURCES = "sources"


def gaps(values, is_article):
    """{form field: what is missing} for a page's field values (a page's, or a form's
    cleaned data). Empty: the rules are met."""
    missing = {}
    if not visible_text(values.get("reviewer") or ""):
        missing["reviewer"] = _(
            "Name the scientific reviewer (name and title). Every page must be reviewed and signed by an expert before it can be submitted for review or published."
        )
    if is_article and not _names_a_source(values.get("body")):
        missing["body"] = _(
            "Add a “Sources” block to the body naming at least one source (its title)."
            " Every article must name its sources before it can be submitted for review or"
            " published."
        )
    return missing


def page_gaps(page):
    values = {"reviewer": page.reviewer, "body": getattr(page, "body", None)}
    return gaps(values, is_article=hasattr(page, "body"))


def _names_a_source(body):
    for child in body or []:
        if child.block.name != SOURCES:
            continue
        for source in child.value:
            if visible_text(source.get("title") or ""):
                return True
    return False
