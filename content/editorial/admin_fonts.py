"""Tibetan and Mongolian in Wagtail's admin on computers without those system fonts.

The admin's one stylesheet of ours puts the site's self-hosted Tibetan and Mongolian
faces (docs/fonts.md) first in the family Wagtail gives every field, listing, chooser and
header; their unicode-range keeps Chinese-only screens from fetching them. A small
script shows each Mongolian field in vertical columns beside it, as readers will see it.
Registered from content/wagtail_hooks.py.
"""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_css")
def script_fonts_css():
    # Global, not just the editor: listings, choosers, the translation report and the
    # breadcrumbs show titles in all three scripts too.
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-scripts.css"))


@hooks.register("insert_global_admin_js")
def mongolian_preview_js():
    # Global: snippets (glossary, topics) and image forms have Mongolian fields as well.
    return format_html('<script src="{}" defer></script>', static("js/admin-mongolian-preview.js"))
