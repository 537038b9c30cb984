from modeltranslation.translator import TranslationOptions, register

from .models import Aspect, SurveyRound


@register(SurveyRound)
class SurveyRoundTranslation(TranslationOptions):
    fields = ("name", "questionnaire_note")


@register(Aspect)
class AspectTranslation(TranslationOptions):
    fields = ("name", "description")
