"""How many programmes a city offers: one definition, on the programme page and
the city page, credited to the catalogue it is counted from."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from programmes.models import DataSource, Form, Funding, Level
from tests.programmes.factories import (
    DataSourceFactory,
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.programme_pages import get_page, text_of

pytestmark = pytest.mark.django_db

DEFINITION = {
    "nl": "Elke door de overheid bekostigde opleiding telt één keer per instelling, "
    "in welke vorm ook (voltijd, deeltijd, duaal).",
    "en": "Each government-funded programme is counted once per institution, "
    "whatever its form (full-time, part-time, dual).",
}
DEMO_SOURCE = {"nl": "Demogegevens studenten", "en": "Demo student data"}
DEMO_LABEL = {
    "nl": "Demogegevens — geen echte cijfers",
    "en": "Demo data — not real figures",
}


@pytest.fixture
def leiden():
    """Three programmes in Leiden, offered as seven published records.

    The master is taught full-time, part-time and dual, and full-time at a second
    location in the city: one programme. The bachelor is a second programme, and
    the same bachelor at another institution a third. A privately funded and an
    unpublished programme are not counted, nor one in another city. The catalogue
    is real (DUO); the city's student count is demo data.
    """
    duo = DataSourceFactory(
        key="duo-rio-ho-erkenningen",
        name_nl="DUO/RIO, overzicht erkenningen ho",
        name_en="DUO/RIO, overzicht erkenningen ho",
        kind=DataSource.Kind.OFFICIAL,
    )
    demo = DataSourceFactory(
        key="demo-students",
        name_nl=DEMO_SOURCE["nl"],
        name_en=DEMO_SOURCE["en"],
        kind=DataSource.Kind.DEMO,
    )
    city = MunicipalityFactory(
        code="0546",
        name_nl="Leiden",
        name_en="Leiden",
        slug="leiden",
        students=37553,
        students_year=2024,
        students_source=demo,
    )
    university = InstitutionFactory(name_nl="Universiteit Leiden", municipality=city)
    college = InstitutionFactory(name_nl="Hogeschool Leiden", municipality=city)
    master = StudyFactory(level=Level.WO_MA)
    bachelor = StudyFactory(level=Level.WO_BA)

    def offer(study, institution, **fields):
        return ProgrammeFactory(
            study=study,
            institution=institution,
            municipality=city,
            source=duo,
            **{"location_code": "L00", **fields},
        )

    reference = offer(master, university, form=Form.FULL_TIME)
    offer(master, university, form=Form.PART_TIME)
    offer(master, university, form=Form.DUAL)
    offer(master, university, form=Form.FULL_TIME, location_code="L01")
    offer(bachelor, university)
    offer(bachelor, college)
    offer(StudyFactory(), college, funding=Funding.PRIVATE)
    offer(StudyFactory(), university, is_published=False)
    ProgrammeFactory(source=duo)
    return reference


@pytest.mark.parametrize(
    ("language", "label"),
    [("nl", "Opleidingen in Leiden"), ("en", "Programmes in Leiden")],
)
def test_programme_page_counts_each_programme_once_whatever_its_forms(
    client, leiden, language, label
):
    section = get_page(client, leiden, language).find(id="students")
    count = section.find(attrs={"data-figure": "city-programmes"})
    assert text_of(count) == "3"
    assert text_of(count.find_previous_sibling("dt")) == label
    assert DEFINITION[language] in text_of(section)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_city_page_shows_the_same_count_and_what_it_counts(client, leiden, language):
    with translation.override(language):
        url = leiden.municipality.get_absolute_url()
    page = BeautifulSoup(client.get(url).content, "html.parser")
    count = page.find(attrs={"data-figure": "city-programmes"})
    assert text_of(count) == "3"
    assert DEFINITION[language] in text_of(page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_city_count_cites_the_catalogue_not_the_demo_student_count(
    client, leiden, language
):
    section = get_page(client, leiden, language).find(id="students")
    note = text_of(section.find(attrs={"data-note": "city-programmes"}))
    assert "DUO/RIO, overzicht erkenningen ho" in note
    assert "Demo" not in note
    assert DEMO_LABEL[language] not in note
    # The student count keeps its own source, labelled as demo data.
    students_note = text_of(section.find(attrs={"data-note": "city-students"}))
    assert DEMO_SOURCE[language] in students_note
    assert DEMO_LABEL[language] in students_note
