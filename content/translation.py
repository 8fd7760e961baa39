from modeltranslation.translator import TranslationOptions, register

from content.models import GlossaryTerm, Partner, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(GlossaryTerm)
class GlossaryTermTranslation(TranslationOptions):
    fields = ("term",)


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("name",)
