import factory
from django.utils.text import slugify

from programmes.models import (
    DataSource,
    Enrolment,
    Form,
    HonoursProgramme,
    Institution,
    InstitutionKind,
    Language,
    Level,
    Municipality,
    Programme,
    Specialisation,
    Study,
    StudyProgress,
    TuitionFee,
)


class DataSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSource
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"test-source-{n}")
    name_nl = factory.Sequence(lambda n: f"Testbron {n}")
    name_en = factory.Sequence(lambda n: f"Test source {n}")
    kind = DataSource.Kind.DEMO


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{n % 10000:04d}")
    name_nl = factory.Sequence(lambda n: f"Gemeente {n}")
    name_en = factory.SelfAttribute("name_nl")
    slug = factory.LazyAttribute(lambda o: slugify(o.name_nl))
    province = "Zuid-Holland"


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("brin",)

    brin = factory.Sequence(lambda n: f"{n % 100:02d}XX")
    name_nl = factory.Sequence(lambda n: f"Universiteit {n}")
    name_en = factory.Sequence(lambda n: f"University {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name_nl))
    kind = InstitutionKind.WO
    municipality = factory.SubFactory(MunicipalityFactory)


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Study

    croho_code = factory.Sequence(lambda n: f"{60000 + n:05d}")
    level = Level.WO_MA
    name_nl = factory.Sequence(lambda n: f"Studie {n}")
    name_en = factory.Sequence(lambda n: f"Study {n}")
    slug = factory.LazyAttribute(lambda o: slugify(f"{o.name_nl}-{o.level}"))


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    study = factory.SubFactory(StudyFactory)
    institution = factory.SubFactory(InstitutionFactory)
    municipality = factory.SelfAttribute("institution.municipality")
    name_nl = factory.SelfAttribute("study.name_nl")
    name_en = factory.SelfAttribute("study.name_en")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    degree_nl = "Master of Science"
    degree_en = "Master of Science"
    ects = 120
    language = Language.ENGLISH
    form = Form.FULL_TIME


class SpecialisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialisation

    programme = factory.SubFactory(ProgrammeFactory)
    name_en = factory.Sequence(lambda n: f"Track {n}")
    name_nl = factory.Sequence(lambda n: f"Track {n}")


class HonoursProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HonoursProgramme

    programme = factory.SubFactory(ProgrammeFactory)
    name_nl = factory.Sequence(lambda n: f"Honoursprogramma {n}")
    name_en = factory.Sequence(lambda n: f"Honours programme {n}")


class TuitionFeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TuitionFee

    programme = factory.SubFactory(ProgrammeFactory)
    academic_year = 2025
    amount = 2601


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    programme = factory.SubFactory(ProgrammeFactory)
    academic_year = 2024
    students = 300
    first_years = 100
    first_years_men = 40
    first_years_women = 60


class StudyProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyProgress

    programme = factory.SubFactory(ProgrammeFactory)
    cohort_year = 2020
    cohort_size = 100
    first_year_continued = "80.0"
    diploma_this = "60.0"


def leiden_law_programme():
    """The full-time programme DUO's test rows name: BRIN 21PB, CROHO 50700, in
    Leiden (CBS code 0546)."""
    leiden = MunicipalityFactory(code="0546", name_nl="Leiden")
    return ProgrammeFactory(
        study=StudyFactory(croho_code="50700"),
        institution=InstitutionFactory(brin="21PB", municipality=leiden),
        municipality=leiden,
        form=Form.FULL_TIME,
    )
