"""A city's programme count: what is counted, what it cites, what it costs."""

import pytest

from programmes.models import DataSource, Form, Funding, Level
from programmes.selectors import city_programme_count
from tests.programmes.factories import (
    DataSourceFactory,
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db


def test_a_city_without_funded_programmes_counts_none_and_cites_nothing():
    city = MunicipalityFactory()
    ProgrammeFactory(municipality=city, funding=Funding.PRIVATE)
    ProgrammeFactory(municipality=city, is_published=False)
    counted = city_programme_count(city)
    assert (counted.count, counted.sources) == (0, [])
    assert counted.figure.is_shown
    assert counted.figure.value == 0


def test_one_study_at_one_institution_is_one_programme_in_every_form_and_place():
    city = MunicipalityFactory()
    institution = InstitutionFactory(municipality=city)
    study = StudyFactory(level=Level.HBO_BA)
    for form, location in [
        (Form.FULL_TIME, "L00"),
        (Form.PART_TIME, "L00"),
        (Form.DUAL, "L00"),
        (Form.FULL_TIME, "L01"),
    ]:
        ProgrammeFactory(
            study=study,
            institution=institution,
            municipality=city,
            form=form,
            location_code=location,
        )
    assert city_programme_count(city).count == 1


def test_programmes_without_a_source_count_and_the_others_cite_theirs(
    django_assert_num_queries,
):
    city = MunicipalityFactory()
    duo = DataSourceFactory(name_nl="DUO", name_en="DUO", kind=DataSource.Kind.OFFICIAL)
    editors = DataSourceFactory(
        name_nl="Redactie", name_en="Editors", kind=DataSource.Kind.EDITORIAL
    )
    ProgrammeFactory.create_batch(3, municipality=city, source=duo)
    ProgrammeFactory(municipality=city, source=editors)
    ProgrammeFactory.create_batch(2, municipality=city, source=None)
    with django_assert_num_queries(1):
        counted = city_programme_count(city)
    assert counted.count == 6
    assert [source.name_en for source in counted.sources] == ["DUO", "Editors"]
