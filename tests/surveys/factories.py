import factory

from surveys.models import Aspect, ProgrammeScore, SurveyRound
from tests.programmes.factories import DataSourceFactory, ProgrammeFactory


class SurveyRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyRound
        django_get_or_create = ("year",)

    year = 2024
    name_nl = factory.LazyAttribute(lambda o: f"NSE {o.year}")
    name_en = factory.LazyAttribute(lambda o: f"NSE {o.year}")
    source = factory.SubFactory(DataSourceFactory)


class AspectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aspect
        django_get_or_create = ("code",)

    code = Aspect.Code.OVERALL
    name_nl = factory.LazyAttribute(lambda o: str(o.code))
    name_en = factory.LazyAttribute(lambda o: str(o.code))


class ProgrammeScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeScore

    survey_round = factory.SubFactory(SurveyRoundFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    aspect = factory.SubFactory(AspectFactory)
    mean = "3.90"
    respondents = 100
    std_dev = "0.80"
    population = 300
