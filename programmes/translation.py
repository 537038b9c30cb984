from modeltranslation.translator import TranslationOptions, register

from .models import (
    DataSource,
    HonoursProgramme,
    Institution,
    Municipality,
    Programme,
    Specialisation,
    Study,
)


@register(DataSource)
class DataSourceTranslation(TranslationOptions):
    fields = ("name", "note")


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("name",)


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name", "short_name")


@register(Study)
class StudyTranslation(TranslationOptions):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = (
        "name",
        "degree",
        "taught_by",
        "description",
        "admission",
        "bridging",
        "image_alt",
    )


@register(Specialisation)
class SpecialisationTranslation(TranslationOptions):
    fields = ("name", "description", "language_note")


@register(HonoursProgramme)
class HonoursProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")
