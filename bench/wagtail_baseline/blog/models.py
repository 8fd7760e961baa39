"""A home page and a blog page shaped like Wagtail's bakerydemo BlogPage: a title, an
introduction, a header image and a StreamField body of headings, rich text, images
and block quotes."""

from django.db import models

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page


class BlockQuote(blocks.StructBlock):
    text = blocks.TextBlock()
    attribute_name = blocks.CharBlock(required=False)

    class Meta:
        template = "blog/block_quote.html"


class BodyImage(ImageChooserBlock):
    class Meta:
        template = "blog/body_image.html"


class HomePage(Page):
    pass


class BlogPage(Page):
    introduction = models.TextField(blank=True)
    header_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(
        [
            ("heading", blocks.CharBlock(template="blog/heading.html")),
            ("paragraph", blocks.RichTextBlock()),
            ("image", BodyImage()),
            ("block_quote", BlockQuote()),
        ],
        blank=True,
    )
    date_published = models.DateField(null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("header_image"),
        FieldPanel("body"),
        FieldPanel("date_published"),
    ]
