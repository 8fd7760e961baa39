"""Who runs the site, and how to reach them: the footer of every page.

Chinese government and public-interest sites name their sponsor (主办单位) and operator
(承办单位), give a contact, link an about page and a privacy notice, and show their ICP
filing number (linked to the MIIT's filing system) and public-security filing number
(linked to the Ministry of Public Security's). ``SiteIdentity`` holds these per site,
editable under 设置 → 网站标识与备案 in the admin. Names and the address are translated
by django-modeltranslation (content/translation.py): ``sponsor_zh_hans``, ``sponsor_bo``,
``sponsor_mn`` …; reading ``identity.sponsor`` gives the active language's, falling back
to Chinese. Filing numbers are shown as registered, in every language (docs/operators.md).

``InfoPage``: the about page and the privacy notice, one page per language under each
home, translated like every other page (docs/adr/0001-page-localisation.md).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import scripts
from content import chrome
from content.blocks import RICH_FEATURES, CleanRichTextBlock, TextCharBlock
from content.publish_gate import GatedPublishing
from content.slug_forms import readable_slugs
from content.slugs import ReadableSlugPage

from .pages import CachedServe
from .snippets import language_panels

MIIT_FILING_SITE = "https://beian.miit.gov.cn/"
POLICE_FILING_SITE = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode="
# 青ICP备2026000000号-1: a province's one-character name, the number, the site's index.
ICP_NUMBER = re.compile(r"^[\u4e00-\u9fff]ICP[备证]\d{6,12}号(-\d{1,3})?$")
# 青公网安备 63010202000000号: the record code is the 14 digits.
POLICE_NUMBER = re.compile(r"^[\u4e00-\u9fff]公网安备\s?(\d{14})号$")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    sponsor = models.CharField(
        _("sponsor"),
        max_length=100,
        blank=True,
        help_text=_(
            "The body with overall responsibility for the site, e.g. “青海省科学技术协会”. Fill it in for "
            "all three languages; where the Tibetan or Mongolian is empty, the Chinese is shown."
        ),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=100,
        blank=True,
        help_text=_("The body that runs the site day to day, e.g. “青海省科普信息中心”."),
    )
    address = models.CharField(
        _("postal address"),
        max_length=200,
        blank=True,
        help_text=_("Where readers can write to, with the postcode."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("E.g. “0971-1234567”; the same on the pages of every language."),
    )
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("The address for readers' feedback and privacy questions."),
    )
    icp_number = models.CharField(
        _("ICP filing number"),
        max_length=40,
        blank=True,
        help_text=_(
            "The filing number issued by the Ministry of Industry and Information Technology,"
            " exactly as filed, e.g. “青ICP备2026000000号-1”. The numbers in the demo data are"
            " placeholders: replace them with the real filing numbers before going live. The"
            " footer shows the number and links it to beian.miit.gov.cn."
        ),
    )
    police_number = models.CharField(
        _("public security filing number"),
        max_length=40,
        blank=True,
        help_text=_(
            "The network filing number issued by the public security authorities, exactly as"
            " filed, e.g. “青公网安备 63010202000000号”. The numbers in the demo data are"
            " placeholders: replace them with the real filing numbers before going live. The"
            " footer shows the number and links it to the national internet security service"
            " platform."
        ),
    )
    about_page = models.ForeignKey(
        "content.InfoPage",
        verbose_name=_("“About us” page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Choose the Chinese “site information page”: the Tibetan and Mongolian footers link to its published translations automatically."
        ),
    )
    privacy_page = models.ForeignKey(
        "content.InfoPage",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Choose the Chinese “site information page”: the Tibetan and Mongolian footers link to its published translations automatically."
        ),
    )

    panels = [
        *language_panels("sponsor", "organiser", "address"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact (the same in every language)"),
        ),
        MultiFieldPanel(
            [FieldPanel("icp_number"), FieldPanel("police_number")],
            heading=_("Filing numbers (the same in every language, shown exactly as filed)"),
        ),
        MultiFieldPanel(
            [FieldPanel("about_page"), FieldPanel("privacy_page")],
            heading=_("Footer links"),
        ),
    ]

    class Meta:
        verbose_name = _("site identity and filings")
        verbose_name_plural = _("site identity and filings")

    def clean(self):
        super().clean()
        errors = {}
        self.icp_number = " ".join(self.icp_number.split())
        self.police_number = " ".join(self.police_number.split())
        if self.icp_number and not ICP_NUMBER.match(self.icp_number):
            errors["icp_number"] = _("Write it exactly as filed, e.g. “青ICP备2026000000号-1”.")
        if self.police_number and not POLICE_NUMBER.match(self.police_number):
            errors["police_number"] = _(
                "Write it exactly as filed, e.g. “青公网安备 63010202000000号” (14 digits)."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def police_record_code(self):
        """The 14 digits the filing site looks the record up by ('' when not set)."""
        match = POLICE_NUMBER.match(self.police_number or "")
        return match.group(1) if match else ""

    @property
    def police_url(self):
        code = self.police_record_code
        return POLICE_FILING_SITE + code if code else ""

    @property
    def icp_url(self):
        return MIIT_FILING_SITE if self.icp_number else ""

    @property
    def phone_uri(self):
        """tel: with the digits only (a leading + kept): what phones dial."""
        phone = (self.phone or "").strip()
        digits = re.sub(r"\D", "", phone)
        return f"tel:{'+' if phone.startswith('+') else ''}{digits}" if digits else ""

    @property
    def has_contact(self):
        return bool(self.address or self.phone or self.email)


# The footer's rendered identity is kept in each process (content/chrome.py) under a
# generation that changes with the identity and with any publish, unpublish, move or
# delete of an about page or privacy notice.
def footer_changed(sender=None, **kwargs):
    transaction.on_commit(chrome.changed)


# The cached pages showing the footer are purged by content/publishing.py.
post_save.connect(footer_changed, sender=SiteIdentity, dispatch_uid="kepu_footer_identity")
post_delete.connect(footer_changed, sender=SiteIdentity, dispatch_uid="kepu_footer_d_identity")


class InfoBodyBlock(blocks.StreamBlock):
    """Headings and paragraphs: what an about page or a privacy notice needs."""

    heading = TextCharBlock(
        label=_("heading"), max_length=200, icon="title", template="blocks/heading.html"
    )
    paragraph = CleanRichTextBlock(
        label=_("paragraph"), features=RICH_FEATURES, template="blocks/paragraph.html"
    )


class InfoPage(GatedPublishing, ReadableSlugPage, CachedServe, Page):
    """A page about the site itself under a language's home: about us, privacy notice."""

    body = StreamField(InfoBodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["content.HomePage"]
    subpage_types = []
    base_form_class = readable_slugs(WagtailAdminPageForm)
    copy_form_class = readable_slugs(GatedPublishing.copy_form_class)

    class Meta:
        verbose_name = _("site information page")

    def clean(self):
        super().clean()
        code = self.locale.language_code if self.locale_id else None
        problem = scripts.admin_problem(self.title, code)
        if problem:
            raise ValidationError({"title": problem})
        self.title = scripts.normalise(self.title)


# The pages' own purges (content/publishing.py) reach every page of every language:
# they sit just under the homes, in every footer.
for _name, _signal in (
    ("published", page_published),
    ("unpublished", page_unpublished),
    ("moved", post_page_move),
    ("deleted", post_delete),
):
    _signal.connect(footer_changed, sender=InfoPage, dispatch_uid=f"kepu_footer_{_name}")
