"""A small institution catalogue with enrolment figures summed by hand in its
tests: shared by the institution page's tests and its browser test."""

from programmes.models import (
    DataSource,
    EnrolmentFigureSource,
    Form,
    Funding,
    Language,
    Level,
)
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    MunicipalityFactory,
    StudyFactory,
)
from tests.public.catalogue_builders import leiden_university, programme_offered


def enrol(programme, year, students, first_years, source):
    enrolment = EnrolmentFactory(
        programme=programme,
        academic_year=year,
        students=students,
        first_years=first_years,
        first_years_men=None,
        first_years_women=None,
    )
    # Each count cited by its dataset, published or suppressed, as an import
    # cites it: how "Over the years" knows a sum leaves a programme out.
    for figure in (
        EnrolmentFigureSource.Figure.STUDENTS,
        EnrolmentFigureSource.Figure.FIRST_YEARS,
    ):
        EnrolmentFigureSource.objects.create(
            enrolment=enrolment, figure=figure, source=source
        )
    enrolment.sources.add(source)


def leiden_university_with_enrolments():
    """Leiden University with five published programme records and one
    unpublished, and demo enrolment figures for 2021–2024.

    Biology (bachelor) full-time and part-time; Law (bachelor) full-time in The
    Hague; Biology (master) government-funded and a privately funded master.
    2021 is complete; in 2022 the part-time student count and two first-year
    counts are suppressed; in 2023 every count is suppressed (a gap); in 2024
    only the full-time bachelor is registered.
    """
    institution = leiden_university()
    the_hague = MunicipalityFactory(
        name_nl="’s-Gravenhage", name_en="The Hague", slug="den-haag"
    )
    demo = DataSourceFactory(
        key="demo-enrolments",
        name_nl="Demo inschrijvingen",
        name_en="Demo enrolments",
        kind=DataSource.Kind.DEMO,
    )
    biology = StudyFactory(name_nl="Biologie", name_en="Biology", level=Level.WO_BA)
    law = StudyFactory(name_nl="Rechten", name_en="Law", level=Level.WO_BA)
    master = StudyFactory(name_nl="Biologie", name_en="Biology", level=Level.WO_MA)
    private = StudyFactory(
        name_nl="Data Science", name_en="Data Science", level=Level.WO_MA
    )

    def offer(study, **fields):
        return programme_offered(institution, study, **fields)

    full_time = offer(biology, slug="biologie-voltijd")
    part_time = offer(biology, form=Form.PART_TIME, slug="biologie-deeltijd")
    law_hague = offer(
        law, municipality=the_hague, language=Language.ENGLISH, slug="rechten-den-haag"
    )
    bio_master = offer(
        master, language=Language.ENGLISH, ects=120, slug="biologie-master"
    )
    paid = offer(
        private,
        language=Language.ENGLISH,
        ects=60,
        funding=Funding.PRIVATE,
        slug="data-science",
    )
    hidden = offer(law, form=Form.DUAL, is_published=False, slug="rechten-duaal")

    for year, figures in {
        2021: [(full_time, 300, 100), (part_time, 40, 10), (law_hague, 200, 80),
               (bio_master, 50, 20), (paid, 7, 7)],
        2022: [(full_time, 310, 105), (part_time, None, None), (law_hague, 210, 85),
               (bio_master, 55, None), (paid, 8, 8)],
        2023: [(full_time, None, None), (law_hague, None, None)],
        2024: [(full_time, 330, 120)],
    }.items():  # fmt: skip
        for programme, students, first_years in figures:
            enrol(programme, year, students, first_years, demo)
    enrol(hidden, 2021, 1000, 500, demo)  # unpublished: never summed
    return institution
