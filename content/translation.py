from modeltranslation.translator import TranslationOptions, register

from content.models import GlossaryTerm, Partner, SiteIdentity, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(GlossaryTerm)
class GlossaryTermTranslation(TranslationOptions):
    fields = ("term", "synonyms")


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("name",)


@register(SiteIdentity)
class SiteIdentityTranslation(TranslationOptions):
    fields = ("sponsor", "organiser", "address")
    # A new site has none of them yet; the admin may save the filing numbers first.
    required_languages = ()
