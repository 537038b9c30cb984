"""Shared fixtures: the listing's catalogue and the Leiden reference programme."""

import pytest

from careers.models import CareerMetric
from programmes.models import DataSource, Form, Funding, Language, Level, Sector
from surveys.models import Aspect
from tests.careers.factories import (
    CareerFigureFactory,
    CareerOutcomeFactory,
    OccupationShareFactory,
)
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    HonoursProgrammeFactory,
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    StudyFactory,
    TuitionFeeFactory,
)
from tests.public.catalogue_builders import leiden_university, programme_offered
from tests.surveys.factories import AspectFactory, ProgrammeScoreFactory


@pytest.fixture
def catalogue():
    university = leiden_university()
    groningen = MunicipalityFactory(
        name_nl="Groningen", slug="groningen", province="Groningen"
    )
    hanze = InstitutionFactory(
        name_nl="Hanzehogeschool Groningen",
        name_en="Hanze University of Applied Sciences",
        slug="hanzehogeschool",
        municipality=groningen,
    )
    medicine = programme_offered(
        university,
        StudyFactory(
            name_nl="Geneeskunde",
            name_en="Medicine",
            level=Level.WO_BA,
            sector=Sector.HEALTH_CARE,
        ),
        slug="geneeskunde-leiden",
    )
    biomedical = programme_offered(
        university,
        StudyFactory(
            name_nl="Biomedical Sciences",
            name_en="Biomedical Sciences",
            level=Level.WO_MA,
            sector=Sector.HEALTH_CARE,
        ),
        slug="biomedical-sciences-leiden",
        language=Language.ENGLISH,
        ects=120,
    )
    economics = programme_offered(
        hanze,
        StudyFactory(
            name_nl="Économie en Bedrijf",
            name_en="Economics and Business",
            level=Level.HBO_BA,
            sector=Sector.ECONOMY,
        ),
        slug="economie-hanze",
        form=Form.PART_TIME,
        funding=Funding.GOVERNMENT,
        ects=240,
    )
    private = programme_offered(
        hanze,
        StudyFactory(
            name_nl="Bedrijfskunde",
            name_en="Business Administration",
            level=Level.HBO_MA,
        ),
        slug="bedrijfskunde-hanze",
        language=Language.DUTCH_AND_ENGLISH,
        funding=Funding.PRIVATE,
        ects=60,
    )
    ProgrammeFactory(slug="hidden", name_nl="Verborgen opleiding", is_published=False)
    SpecialisationFactory(
        programme=biomedical, name_nl="Neurowetenschap", name_en="Neuroscience"
    )
    HonoursProgrammeFactory(programme=medicine)
    TuitionFeeFactory(programme=biomedical, amount=2601)
    TuitionFeeFactory(programme=private, amount=9000)
    EnrolmentFactory(programme=medicine, students=2100)
    EnrolmentFactory(programme=biomedical, students=312)
    EnrolmentFactory(programme=economics, students=800)
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    ProgrammeScoreFactory(programme=medicine, aspect=overall, mean="4.20")
    ProgrammeScoreFactory(programme=biomedical, aspect=overall, mean="3.90")
    # Too few respondents: the score is withheld, so it can't be filtered on.
    ProgrammeScoreFactory(
        programme=economics, aspect=overall, mean="4.90", respondents=3
    )
    CareerFigureFactory(outcome__study=economics.study, value=2500)
    CareerFigureFactory(outcome__study=biomedical.study, value=2909)
    return {
        "medicine": medicine,
        "biomedical": biomedical,
        "economics": economics,
        "private": private,
    }


@pytest.fixture
def leiden():
    """The reference programme, reduced to the facts the page must show."""
    real = DataSourceFactory(key="duo", kind=DataSource.Kind.OFFICIAL)
    city = MunicipalityFactory(
        code="0546",
        name_nl="Leiden",
        name_en="Leiden",
        slug="leiden",
        students=37553,
        students_year=2024,
        students_source=real,
    )
    study = StudyFactory(name_nl="Biomedical Sciences", name_en="Biomedical Sciences")
    programme = ProgrammeFactory(
        study=study,
        institution__name_nl="Universiteit Leiden",
        institution__name_en="Leiden University",
        institution__municipality=city,
        slug="biomedical-sciences-leiden",
        taught_by_en="Leiden University Medical Center (LUMC)",
        description_en="In this master programme you learn interdisciplinary approaches.",
        admission_en="A bachelor's degree is required.",
        admission_nl="Je hebt een bachelordiploma nodig.",
        bridging_en="You may need a premaster.",
        english_share=100,
        source=real,
    )
    SpecialisationFactory(
        programme=programme,
        name_en="Education",
        name_nl="Education",
        description_en="Teaching biology.",
        language=Language.DUTCH_AND_ENGLISH,
        language_note_en="Partly taught in Dutch; fluency in Dutch is required.",
    )
    HonoursProgrammeFactory(
        programme=programme,
        name_nl="Leiden Leadership Programme",
        name_en="",
        description_nl="Heb jij interesse in leiderschap?",
    )
    TuitionFeeFactory(programme=programme, academic_year=2025, amount=2601)
    TuitionFeeFactory(programme=programme, academic_year=2024, amount=2530)
    EnrolmentFactory(
        programme=programme,
        students=312,
        first_years=95,
        first_years_men=25,
        first_years_women=70,
    )
    ProgrammeFactory.create_batch(2, municipality=city, institution__municipality=city)
    ProgrammeFactory(municipality=city, is_published=False)
    return programme


@pytest.fixture
def careers(leiden):
    outcome = CareerOutcomeFactory(study=leiden.study, year=2023, respondents=150)
    values = {
        CareerMetric.MONTHS_TO_JOB: 7,
        CareerMetric.PERMANENT_CONTRACT: 25,
        CareerMetric.JOB_IN_FIELD: 84,
        CareerMetric.JOB_AT_LEVEL: 72,
        CareerMetric.STARTING_SALARY: 2909,
        CareerMetric.WEEKLY_HOURS: 37,
        CareerMetric.JOB_SATISFACTION: "4.0",
        CareerMetric.CAREER_PROSPECTS: "3.9",
    }
    for metric, value in values.items():
        CareerFigureFactory(outcome=outcome, metric=metric, value=value)
    CareerFigureFactory(
        outcome=outcome, metric=CareerMetric.SELF_EMPLOYED, value=3, respondents=5
    )
    OccupationShareFactory(
        outcome=outcome,
        occupation__name_en="Professors",
        occupation__name_nl="Professoren",
        share="48.0",
    )
    other = CareerOutcomeFactory(
        study=StudyFactory(level=leiden.study.level), year=2023
    )
    CareerFigureFactory(outcome=other, value=2989, respondents=100)
    return leiden
