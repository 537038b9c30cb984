from modeltranslation.translator import TranslationOptions, register

from .models import Aspect, SurveyRound


@register(SurveyRound)
class SurveyRoundTranslation(TranslationOptions):
    fields = ("name",)


@register(Aspect)
class AspectTranslation(TranslationOptions):
    fields = ("name", "description")


# Versioning needs the translated columns, so it is set up once they exist.
from . import history  # noqa: E402, F401
