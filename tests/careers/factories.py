import factory

from careers.models import (
    CareerFigure,
    CareerMetric,
    CareerOutcome,
    GraduateJudgement,
    Occupation,
    OccupationShare,
)
from tests.programmes.factories import DataSourceFactory, StudyFactory


class CareerOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerOutcome

    study = factory.SubFactory(StudyFactory)
    year = 2023
    respondents = 150
    source = factory.SubFactory(DataSourceFactory)


class CareerFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerFigure

    outcome = factory.SubFactory(CareerOutcomeFactory)
    metric = CareerMetric.STARTING_SALARY
    value = 2909
    respondents = 100


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation

    name_nl = factory.Sequence(lambda n: f"Beroep {n}")
    name_en = factory.Sequence(lambda n: f"Occupation {n}")


class OccupationShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupationShare

    outcome = factory.SubFactory(CareerOutcomeFactory)
    occupation = factory.SubFactory(OccupationFactory)
    share = "48.0"


class GraduateJudgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraduateJudgement

    study = factory.SubFactory(StudyFactory)
    year = 2023
    good_basis = "60.0"
    would_choose_again = "79.0"
    respondents = 150
    source = factory.SubFactory(DataSourceFactory)
