"""StreamField blocks of an article body. Each block renders with its own small template."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# Rich text stays simple: the text must survive translation, feeds and cheap phones.
RICH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_FEATURES)

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
    fact = blocks.RichTextBlock(label=_("fact"), features=RICH_FEATURES)

    class Meta:
        icon = "warning"
        label = _("rumour vs fact")
        template = "blocks/rumour_fact.html"


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=300)
    publisher = blocks.CharBlock(label=_("publisher"), required=False, max_length=200)
    url = blocks.URLBlock(label=_("address"), required=False)


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
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=RICH_FEATURES, template="blocks/paragraph.html"
    )
    image = ImageBlock(label=_("image"))
    fact_box = FactBoxBlock()
    quote = QuoteBlock(label=_("quote"))
    rumour_fact = RumourFactBlock()
    sources = SourcesBlock()
