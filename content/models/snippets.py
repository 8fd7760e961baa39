"""Records that exist once, with their names in all three languages (django-modeltranslation).

The translated fields (``name_zh_hans``, ``name_bo``, ``name_mn`` …) are added by
``content/translation.py``; reading ``topic.name`` gives the active language's value,
falling back to Chinese.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


def language_panels(*fields):
    """One panel per language, each listing that language's version of ``fields``."""
    from cms import languages

    return [
        MultiFieldPanel(
            [FieldPanel(f"{field}_{lang.code.replace('-', '_')}") for field in fields],
            heading=f"{lang.name_local} · {lang.name_en}",
        )
        for lang in languages.LANGUAGES
    ]


class Topic(models.Model):
    """A channel of the site: ecology, health, emergency response, national defence, …"""

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("Used in addresses, e.g. /bo/health/.")
    )
    colour = models.CharField(_("colour"), max_length=7, default="#2f6f4e", validators=[COLOUR])
    icon = models.CharField(
        _("icon"), max_length=30, blank=True, help_text=_("Name of an icon in the site's sprite.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        *language_panels("name", "description"),
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("colour"),
                FieldPanel("icon"),
                FieldPanel("sort_order"),
            ],
            heading=_("Channel"),
        ),
    ]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name or self.slug


class GlossaryTerm(models.Model):
    """One term of the controlled vocabulary that translators follow."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    term = models.CharField(_("term"), max_length=200)
    note = models.TextField(_("note"), blank=True)

    panels = [FieldPanel("key"), *language_panels("term"), FieldPanel("note")]

    class Meta:
        ordering = ["key"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self):
        return f"{self.term} ({self.key})"
