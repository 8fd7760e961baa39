"""StreamField blocks of an article body. Each block renders with its own small template."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from content.text_checks import clean_rich_text, visible_text

# Rich text stays simple: the text must survive translation, feeds and cheap phones.
RICH_FEATURES = ["bold", "italic", "link", "ol", "ul"]

LOOKS_EMPTY = _(
    "There are only spaces, empty lines or invisible characters here: readers would see nothing. Fill it in, or delete this block."
)


class VisibleTextMixin:
    """A text block whose value must show something when it is required. Text that is
    only spaces, NBSP, zero-width characters or empty paragraphs (<p></p>, <p><br/></p>)
    looks filled in the editor and is empty to readers: it is refused on every clean,
    draft saves included (Wagtail lets a draft leave a block empty, not fill it with
    nothing), and an optional block stores it as empty."""

    def clean(self, value):
        source = getattr(value, "source", value)
        if isinstance(source, str) and source and not visible_text(source):
            required = getattr(self, "_original_required", None)
            if self.required or (self.is_deferred_validation and required):
                raise ValidationError(LOOKS_EMPTY, code="looks_empty")
            value = self.to_python("")
        return super().clean(value)


class TextCharBlock(VisibleTextMixin, blocks.CharBlock):
    pass


class TextTextBlock(VisibleTextMixin, blocks.TextBlock):
    pass


class CleanRichTextBlock(VisibleTextMixin, blocks.RichTextBlock):
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
    caption = TextCharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class FactBoxBlock(blocks.StructBlock):
    title = TextCharBlock(label=_("title"), max_length=120)
    text = CleanRichTextBlock(label=_("text"), features=RICH_FEATURES)

    class Meta:
        icon = "help"
        label = _("fact box")
        template = "blocks/fact_box.html"


class QuoteBlock(blocks.StructBlock):
    text = TextTextBlock(label=_("quotation"))
    attribution = TextCharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class RumourFactBlock(blocks.StructBlock):
    rumour = TextTextBlock(label=_("rumour"))
    fact = CleanRichTextBlock(label=_("fact"), features=RICH_FEATURES)

    class Meta:
        icon = "warning"
        label = _("rumour vs fact")
        template = "blocks/rumour_fact.html"


class SourceBlock(blocks.StructBlock):
    title = TextCharBlock(label=_("title"), max_length=300)
    publisher = TextCharBlock(label=_("publisher"), required=False, max_length=200)
    url = WebURLBlock(label=_("address"), required=False)


class SourcesBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(SourceBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("sources")
        template = "blocks/sources.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = TextCharBlock(
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
