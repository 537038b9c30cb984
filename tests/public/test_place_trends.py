"""The "Over the years" section on the institution and study pages: each count
summed over the published programmes per year (by hand here), a suppressed count
marked incomplete, a year without any published count "not published", DUO's
switch of first-year series a numbered break."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from programmes.models import DataSource, EnrolmentFigureSource, Form
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.programme_pages import text_of

pytestmark = pytest.mark.django_db


def enrol(programme, year, first_years, source):
    enrolment = EnrolmentFactory(
        programme=programme,
        academic_year=year,
        students=None,
        first_years=first_years,
        first_years_men=None,
        first_years_women=None,
    )
    EnrolmentFigureSource.objects.create(
        enrolment=enrolment,
        figure=EnrolmentFigureSource.Figure.FIRST_YEARS,
        source=source,
    )
    enrolment.sources.add(source)


@pytest.fixture
def catalogue():
    """One study at two institutions. At the first: two published programmes
    and an unpublished one; first-years 2014 from the older series, from 2015
    the newer; in 2016 one count is suppressed, in 2017 the only one is."""
    old, new = (
        DataSourceFactory(
            key=key, name_en=name, name_nl=name, kind=DataSource.Kind.OFFICIAL
        )
        for key, name in (("duo-old", "DUO, old series"), ("duo-new", "DUO, new"))
    )
    study = StudyFactory()
    institution = InstitutionFactory()
    full_time = ProgrammeFactory(study=study, institution=institution)
    part_time = ProgrammeFactory(
        study=study, institution=institution, form=Form.PART_TIME
    )
    hidden = ProgrammeFactory(
        study=study, institution=institution, form=Form.DUAL, is_published=False
    )
    elsewhere = ProgrammeFactory(study=study)
    for programme, counts in (
        (full_time, {2014: (10, old), 2015: (20, new), 2016: (None, new)}),
        (part_time, {2014: (5, old), 2015: (7, new), 2016: (8, new)}),
        (hidden, {2015: (1000, new)}),
        (elsewhere, {2015: (3, new), 2017: (None, new)}),
    ):
        for year, (first_years, source) in counts.items():
            enrol(programme, year, first_years, source)
    return institution, study


def trends_section(client, page, language):
    with translation.override(language):
        url = page.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(id="trends")


def first_years(section) -> dict[str, str]:
    return {
        row["data-year"]: text_of(row.find("td", attrs={"data-figure": "first_years"}))
        for row in section.find_all("tr", attrs={"data-year": True})
    }


def test_institution_sums_its_published_programmes_with_gap_and_break(
    client, catalogue
):
    institution, _study = catalogue
    section = trends_section(client, institution, "en")
    assert text_of(section.find("h2")) == "Over the years"
    assert first_years(section) == {
        "2014": "15",
        "2015": "27",  # 20 + 7; the unpublished 1,000 is not counted
        "2016": "8 Incomplete: 1 of 2 programmes has no published count.",
    }
    notes = section.find(attrs={"data-notes": "breaks"}).find_all("li")
    assert [note["data-break"] for note in notes] == ["2014-2015"]
    assert "Up to 2014–2015: DUO, old series." in text_of(notes[0])


def test_study_sums_its_programmes_across_the_country(client, catalogue):
    _institution, study = catalogue
    section = trends_section(client, study, "en")
    years = first_years(section)
    assert years["2015"] == "30"  # 20 + 7 + 3 elsewhere
    # 2017: the only count is suppressed: a gap, never 0.
    assert years["2017"] == "– not published"
    assert "across the country" in text_of(section)
