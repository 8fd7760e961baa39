"""StreamField blocks of an article body. Each block renders with its own small template."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from content.text_checks import clean_rich_text

# Rich text stays simple: the text must survive translation, feeds and cheap phones.
RICH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CleanRichTextBlock(blocks.RichTextBlock):
    """Rich text that can carry nothing runnable, however it was stored (admin, import,
    API, a database edit): cleaned when read, so pages, feeds and the API only ever see
    clean HTML, and when saved."""

    def to_python(self, value):
        return super().to_python(clean_rich_text(value) if isinstance(value, str) else value)

    def get_prep_value(self, value):
        return clean_rich_text(super().get_prep_value(value))


class WebURLBlock(blocks.URLBlock):
    """An address of a web page: anything but http(s) (javascript:, data:) reads as
    empty, and the template then shows the source without a link."""

    def to_python(self, value):
        value = super().to_python(value)
        ok = isinstance(value, str) and value.lower().startswith(("http://", "https://"))
        return value if ok else ""


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = CleanRichTextBlock(label=_("text"), features=RICH_FEATURES)

    class Meta:
        icon = "help"
        label = _("fact box")
        template = "blocks/fact_box.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class RumourFactBlock(blocks.StructBlock):
    rumour = blocks.TextBlock(label=_("rumour"))
    fact = CleanRichTextBlock(label=_("fact"), features=RICH_FEATURES)

    class Meta:
        icon = "warning"
        label = _("rumour vs fact")
        template = "blocks/rumour_fact.html"


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=300)
    publisher = blocks.CharBlock(label=_("publisher"), required=False, max_length=200)
    url = WebURLBlock(label=_("address"), required=False)


class SourcesBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(SourceBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("sources")
        template = "blocks/sources.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("heading"), max_length=200, icon="title", template="blocks/heading.html"
    )
    paragraph = CleanRichTextBlock(
        label=_("paragraph"), features=RICH_FEATURES, template="blocks/paragraph.html"
    )
    image = ImageBlock(label=_("image"))
    fact_box = FactBoxBlock()
    quote = QuoteBlock(label=_("quote"))
    rumour_fact = RumourFactBlock()
    sources = SourcesBlock()
    # Figures (doses, rainfall, distances): cells are plain text, escaped when shown.
    table = TableBlock(
        label=_("table"),
        table_options={"contextMenu": ["row_above", "row_below", "remove_row",
                                       "col_left", "col_right", "remove_col", "undo", "redo"]},
    )  # fmt: skip
