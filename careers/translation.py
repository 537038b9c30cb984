from modeltranslation.translator import TranslationOptions, register

from .models import Occupation


@register(Occupation)
class OccupationTranslation(TranslationOptions):
    fields = ("name",)


# Versioning needs the translated columns, so it is set up once they exist.
from . import history  # noqa: E402, F401
