"""Checks and cleaning for text that comes from outside: imports, later the API and forms.

HTML is sanitised to the small set of tags an article body uses, in the form Wagtail's
rich text stores (<b>/<i>, not <strong>/<em>). Plain-text fields lose any tags.
Script checks catch text that would show wrongly to readers: Cyrillic on a
traditional-Mongolian page, Menksoft private-use encoding (docs/scripts.md), and text
still in another language than its page's (``untranslated_fields``: a translation
starts as a copy of its source).
"""

import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from cms import scripts

# The script rules themselves (control characters, Tibetan normalisation, Mongolian
# suffixes, what an editor's text must pass) are in cms/scripts.py, below media and search.

BODY_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "h4"}
RICH_TEXT_TAGS = BODY_TAGS - {"h2", "h3", "h4"}
URL_SCHEMES = {"http", "https", "mailto"}

TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
WHITESPACE = re.compile(r"\s+")
ASCII_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def clean_html(html, tags=BODY_TAGS):
    """Sanitised HTML in Wagtail's storage form, and whether anything was removed."""
    cleaned = nh3.clean(
        html, tags=tags, attributes={"a": {"href"}}, url_schemes=URL_SCHEMES, link_rel=None
    )
    cleaned = re.sub(r"<(/?)strong>", r"<\1b>", cleaned)
    cleaned = re.sub(r"<(/?)em>", r"<\1i>", cleaned)
    # Compare structure, not bytes: quoting and entity spelling may change harmlessly.
    changed = _Shape.of(cleaned) != _Shape.of(html)
    return cleaned, changed


# Wagtail's own attributes in stored rich text: internal links and Draftail's block keys.
RICH_TEXT_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    **{tag: {"data-block-key"} for tag in ("p", "li", "ol", "ul", "h2", "h3", "h4")},
}


@functools.lru_cache(maxsize=256)
def clean_rich_text(source):
    """Stored rich text with anything that could run removed (scripts, event handlers,
    javascript: links), keeping Wagtail's link and block attributes. The rich-text
    blocks apply it to every value read or written (content/blocks.py).

    A pure function of its text, so the answers for the last texts read are kept: a
    page view read every block of its body again (7 calls, a quarter of a millisecond),
    and a hot page is read over and over."""
    return nh3.clean(
        source, tags=BODY_TAGS, attributes=RICH_TEXT_ATTRIBUTES, url_schemes=URL_SCHEMES,
        link_rel=None,
    )  # fmt: skip


def clean_plain(text):
    """Plain text without tags, and whether any were removed."""
    if TAG.search(text):
        # nh3 drops <script>/<style> with their content, unlike strip_tags.
        return html.unescape(nh3.clean(text, tags=set())).strip(), True
    return text.strip(), False


def collapse_spaces(text):
    """Runs of ASCII white space (line breaks included) become one space.

    Not ``str.split()``: Python counts U+202F, the narrow no-break space that joins a
    Mongolian word to its suffix, as white space, and would turn it into a plain space.
    """
    return ASCII_SPACE.sub(" ", text).strip(" ")


class _Shape(HTMLParser):
    """The tags, attributes and text of an HTML fragment, in order (strong/em as b/i)."""

    SAME = {"strong": "b", "em": "i"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        parser.close()
        return [part for part in parser.parts if part != ("text", "")]

    def handle_starttag(self, tag, attrs):
        self.parts.append(("start", self.SAME.get(tag, tag), sorted(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)  # <br/> and <br> are the same

    def handle_endtag(self, tag):
        self.parts.append(("end", self.SAME.get(tag, tag)))

    def handle_data(self, data):
        self.parts.append(("text", WHITESPACE.sub(" ", data).strip()))

    def handle_comment(self, data):
        self.parts.append(("comment", data))


# Characters that take up no room on the screen: spaces of every width, zero-width
# spaces and joiners, the byte-order mark, soft hyphens, variation selectors. A required
# text made only of these (or rich text like <p><br/></p>) looks filled in the editor
# and shows nothing to the reader.
# (cms/scripts.py: takes_no_room).


def visible_text(value):
    """The text a reader sees in ``value`` (plain or rich text): tags removed, entities
    decoded, nothing but invisible characters → ""."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", value)) if TAG.search(value) else value
    text = scripts.SHAPE_SELECTORS.sub("", text)
    if all(scripts.takes_no_room(c) for c in text):
        return ""
    return text


# The visible texts of a page, by where the editor finds them (in the admin's language),
# for the script check. Page fields first, then the body block by block.
FIELD_LABELS = {
    "title": gettext_lazy("title"),
    "summary": gettext_lazy("summary"),
    "author": gettext_lazy("author"),
    "reviewer": gettext_lazy("reviewing expert"),
    "transcript": gettext_lazy("transcript"),
}
IMAGE_FIELDS = {"lead_image": gettext_lazy("lead image"), "poster": gettext_lazy("poster")}
# Body blocks that quote someone: a Chinese page may quote a herder in Tibetan or
# Mongolian (the page as a whole must still be mostly Chinese).
QUOTATIONS = {"quote"}


@dataclass(frozen=True)
class Place:
    field: str | None  # the form field the editor corrects (None: the page as a whole)
    label: str  # for editors, in the admin's language: "正文第3块（段落）", "题图的替代文字"
    path: str  # for import reports: "block 3 (paragraph)", "lead_image alt_text"
    quotation: bool = False


@dataclass(frozen=True)
class Untranslated:
    place: Place
    script: str  # the script the text is still in
    expected: str  # the page's script

    @property
    def field(self):
        return self.place.field

    @property
    def message(self):
        found, wanted = scripts.name(self.script), scripts.name(self.expected)
        if self.place.field is None:
            return gettext(
                "%(place)s is mostly in %(found)s: a %(wanted)s page should be mainly in %(wanted)s"
            ) % {"place": self.place.label, "found": found, "wanted": wanted}
        return gettext("%(place)s is still in %(found)s, not yet translated into %(wanted)s") % {
            "place": self.place.label,
            "found": found,
            "wanted": wanted,
        }

    def __str__(self):
        return self.message


def untranslated_fields(page):
    """What on ``page`` is still not in its language's script, as ``Untranslated``
    (empty: nothing). For every publishing path: the editor's form, the importer, the
    publish gate. Drafts may be half translated; only publishing needs this empty."""
    values = {name: getattr(page, name, None) for name in (*FIELD_LABELS, *IMAGE_FIELDS)}
    values["body"] = getattr(page, "body", None)
    return untranslated_in(values, page.locale.language_code)


def untranslated_in(values, language_code):
    """``untranslated_fields`` for field values not (yet) on a page: a form's cleaned
    data, an import record. ``body`` is a StreamValue."""
    found, own, total = [], 0, 0
    for place, text in visible_texts(values, language_code):
        measure = scripts.measure(text, language_code)
        own, total = own + measure.own, total + measure.total
        if place.quotation and language_code == "zh-hans":
            continue
        script = scripts.in_other_script(text, language_code)
        if script:
            found.append(Untranslated(place, script, measure.expected))
    expected = scripts.SCRIPT_OF_LANGUAGE[language_code]
    if total and own * 2 < total and not found:
        whole = scripts.measure(
            " ".join(text for _, text in visible_texts(values, language_code)), language_code
        )
        whole_text = Place(None, gettext("The whole text"), "page")
        found.append(Untranslated(whole_text, whole.main_foreign, expected))
    return found


def visible_texts(values, language_code):
    """(Place, text) for every text a reader of the page sees, empty ones left out."""
    for name, label in FIELD_LABELS.items():
        text = visible_text(values.get(name) or "")
        if text:
            yield Place(name, label, name), text
    for name, label in IMAGE_FIELDS.items():
        image = values.get(name)
        if image is not None:
            yield from _image_texts(image, name, label, name, language_code)
    body = values.get("body")
    for position, child in enumerate(body or [], start=1):
        label = gettext("body block %(position)s (%(block)s)") % {
            "position": position,
            "block": child.block.label,
        }
        path = f"block {position} ({child.block.name})"
        quotation = child.block.name in QUOTATIONS
        for where, text in _block_texts(child.block, child.value, (label, path), language_code):
            text = visible_text(text)
            if text:
                yield Place("body", *where, quotation=quotation), text


def _image_texts(image, field, label, path, language_code):
    # What readers get in this language: Chinese when the translation is missing
    # (django-modeltranslation falls back), which is exactly what must be caught.
    with translation.override(language_code):
        alt_text, caption = getattr(image, "alt_text", ""), getattr(image, "caption", "")
    parts = ((gettext("alt text"), "alt_text", alt_text), (gettext("caption"), "caption", caption))
    for part, name, text in parts:
        if field == "body" and name == "caption":
            continue  # a body image shows the block's own caption
        text = visible_text(text or "")
        if text:
            yield Place(field, _part_of(label, part), f"{path} {name}"), text


def _part_of(place, part):
    """A part of a place: "alt text of lead image" (题图的替代文字)."""
    return gettext("%(part)s of %(place)s") % {"part": part, "place": place}


def _block_texts(block, value, where, language_code):
    """((label, path), text) of the texts inside one block's value. Lists and tables are
    measured whole (a source or a cell may be a name or a figure)."""
    label, path = where
    if value is None:
        return
    if isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            # An image block's picture is the block itself: "第2块（图片）的替代文字".
            child_where = where
            if not isinstance(child, ImageChooserBlock):
                child_where = (_part_of(label, child.label), f"{path} {name}")
            yield from _block_texts(child, value.get(name), child_where, language_code)
    elif isinstance(block, blocks.ListBlock):
        parts = [
            text
            for item in value
            for _, text in _block_texts(block.child_block, item, where, language_code)
        ]
        yield where, "\n".join(parts)
    elif isinstance(block, blocks.RichTextBlock):
        yield where, getattr(value, "source", value) or ""
    elif isinstance(block, TableBlock):
        rows = value.get("data") or [] if isinstance(value, dict) else []
        yield where, "\n".join(str(cell) for row in rows for cell in row or [] if cell)
    elif isinstance(block, ImageChooserBlock):
        for place, text in _image_texts(value, "body", label, path, language_code):
            yield (place.label, place.path), text
    elif isinstance(value, str):
        yield where, value
