from modeltranslation.translator import TranslationOptions, register

from content.models import GlossaryTerm, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(GlossaryTerm)
class GlossaryTermTranslation(TranslationOptions):
    fields = ("term",)
