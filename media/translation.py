from modeltranslation.translator import TranslationOptions, register

from media.models import KepuImage


@register(KepuImage)
class KepuImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")
