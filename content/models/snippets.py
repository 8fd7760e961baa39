"""Records that exist once, with their names in all three languages (django-modeltranslation).

The translated fields (``name_zh_hans``, ``name_bo``, ``name_mn`` …) are added by
``content/translation.py``; reading ``topic.name`` gives the active language's value,
falling back to Chinese.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms import languages
from cms.translated_fields import column

COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


def language_panels(*fields):
    """One panel per language, each listing that language's version of ``fields``."""
    return [
        MultiFieldPanel(
            [FieldPanel(column(field, lang.code)) for field in fields],
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
    # Read by search (content/search_synonyms.py): a query for any of these names, or
    # for the term, finds pages that use another of them.
    synonyms = models.TextField(
        _("synonyms and abbreviations"),
        blank=True,
        help_text=_(
            "Other names readers search for, one per line: abbreviations (WHO), "
            "short or popular names (高反). Search finds pages using any of them."
        ),
    )
    note = models.TextField(_("note"), blank=True)

    panels = [FieldPanel("key"), *language_panels("term", "synonyms"), FieldPanel("note")]

    class Meta:
        ordering = ["key"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self):
        return f"{self.term} ({self.key})"


def clean_origins(text):
    """Origins, one per line, as browsers write them ("https://host[:port]"), or a
    ValidationError naming the first bad line."""
    from urllib.parse import urlsplit

    origins = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip().rstrip("/")
        if not line:
            continue
        parts = urlsplit(line)
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or parts.path
            or parts.query
            or parts.fragment
            or parts.username
            or any(c in line for c in " *;,'\"")
        ):
            raise ValidationError(
                _("Line %(number)s is not an origin like https://news.example.cn: %(line)s"),
                params={"number": number, "line": line[:80]},
            )
        origins.append(f"{parts.scheme}://{parts.netloc.lower()}")
    return origins


class Partner(models.Model):
    """A county media centre (or other site) allowed to embed our channels."""

    name = models.CharField(_("name"), max_length=200)
    origins = models.TextField(
        _("allowed origins"),
        help_text=_("One per line, e.g. https://www.example-county.gov.cn (no path)."),
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    panels = [
        *language_panels("name"),
        FieldPanel("origins"),
        FieldPanel("contact"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        try:
            self.origins = "\n".join(clean_origins(self.origins))
        except ValidationError as exc:
            raise ValidationError({"origins": exc.messages}) from exc

    def origin_list(self):
        return [line for line in self.origins.splitlines() if line.strip()]

    @classmethod
    def allowed_origins(cls):
        """Every active partner's origins, for frame-ancestors."""
        origins = []
        for partner in cls.objects.filter(active=True):
            origins.extend(o for o in partner.origin_list() if o not in origins)
        return origins
