"""A statistics row counts for the offering in its own municipality, or for none:
it is never added to an offering in another city (docs/IMPORT.md, "Location")."""

import json

import pytest
from django.utils.translation import gettext

from programmes.importing.statistics import enrolments_import
from programmes.models import Enrolment, Form, RejectedRow, Study
from tests.programmes.factories import (
    DataSourceFactory,
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db

HBO_HEADER = (
    "STUDIEJAAR,GEMEENTENUMMER,GEMEENTENAAM,INSTELLINGSCODE_ACTUEEL,"
    "OPLEIDINGSCODE_ACTUEEL,AANTAL_INGESCHREVENEN\n"
)
WO_HEADER = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;GESLACHT;2019\n"
)
ZWOLLE, ALMERE = "0193", "0034"


def hbo_file(*rows: str) -> bytes:
    return (HBO_HEADER + "".join(f"{row}\n" for row in rows)).encode()


def wo_file(*rows: str) -> bytes:
    return (WO_HEADER + "".join(f"{row}\n" for row in rows)).encode()


def offering(place: str | None, *, form=Form.FULL_TIME, croho="80173", location=""):
    """Windesheim's Sport (RIO lists it in Zwolle only; DUO counts Almere too)."""
    institution = InstitutionFactory(
        brin="01VU", municipality=MunicipalityFactory(code=ZWOLLE, name_nl="Zwolle")
    )
    municipality = None
    if place is not None:
        municipality = MunicipalityFactory(code=place, name_nl=f"Gemeente {place}")
    study = Study.objects.filter(croho_code=croho).first()
    return ProgrammeFactory(
        study=study or StudyFactory(croho_code=croho),
        institution=institution,
        municipality=municipality,
        form=form,
        location_code=location,
    )


def students(programme) -> dict[int, int | None]:
    return dict(
        Enrolment.objects.filter(programme=programme).values_list(
            "academic_year", "students"
        )
    )


def test_a_row_in_a_municipality_without_an_offering_is_rejected_with_its_code(
    english,
):
    """Almere's students of a programme RIO lists in Zwolle only are not Zwolle's."""
    zwolle = offering(ZWOLLE)
    result = enrolments_import(
        data=hbo_file(
            "2024,0193,Zwolle,01VU,80173,120", "2024,0034,Almere,01VU,80173,45"
        ),
        file_name="hbo.csv",
    )
    assert students(zwolle) == {2024: 120}
    assert result.rejected_rows == [
        (3, "no offering of this programme in this municipality")
    ]
    assert (result.created, result.rejected) == (1, 1)


def test_a_programme_whose_only_offering_is_elsewhere_gets_no_record(english):
    zwolle = offering(ZWOLLE)
    result = enrolments_import(
        data=hbo_file("2024,0034,Almere,01VU,80173,45"), file_name="hbo.csv"
    )
    assert students(zwolle) == {}
    assert dict(result.rejected_reasons) == {
        "no offering of this programme in this municipality": 1
    }


def test_a_wo_row_of_another_city_is_rejected_in_its_form_too(english):
    """The wo files have a form column: the place is checked after the form."""
    zwolle = offering(ZWOLLE)
    result = enrolments_import(
        data=wo_file(
            "0034;Almere;01VU;80173;voltijd onderwijs;man;7",
            "0193;Zwolle;01VU;80173;voltijd onderwijs;man;9",
        ),
        file_name="wo.csv",
    )
    enrolment = Enrolment.objects.get(programme=zwolle, academic_year=2019)
    assert enrolment.first_years_men == 9
    assert result.rejected_rows == [
        (2, "no offering of this programme in this municipality")
    ]


def test_the_full_time_offering_elsewhere_does_not_take_a_row_without_a_form(
    english,
):
    """The hbo file counts all forms together: its row goes to the full-time
    offering at its place, and a full-time offering in another city is no
    fallback."""
    offering(ZWOLLE, form=Form.FULL_TIME, location="01VU00")
    offering(ZWOLLE, form=Form.PART_TIME, location="01VU00")
    result = enrolments_import(
        data=hbo_file("2024,0034,Almere,01VU,80173,45"), file_name="hbo.csv"
    )
    assert not Enrolment.objects.exists()
    assert result.rejected_rows == [
        (2, "no offering of this programme in this municipality")
    ]


def test_a_row_goes_to_the_offering_at_its_place():
    zwolle = offering(ZWOLLE, location="01VU00")
    almere = offering(ALMERE, location="01VU01")
    result = enrolments_import(
        data=hbo_file(
            "2024,0193,Zwolle,01VU,80173,120", "2024,0034,Almere,01VU,80173,45"
        ),
        file_name="hbo.csv",
    )
    assert (students(zwolle), students(almere)) == ({2024: 120}, {2024: 45})
    assert result.rejected == 0


def test_an_offering_whose_municipality_is_unknown_takes_no_row(english):
    """RIO names no municipality (or one no file gives a code for): the row's
    place cannot be checked, so it is rejected, not guessed."""
    unknown = offering(None)
    result = enrolments_import(
        data=hbo_file("2024,0193,Zwolle,01VU,80173,120"), file_name="hbo.csv"
    )
    assert students(unknown) == {}
    assert result.rejected_rows == [
        (
            2,
            "no offering of this programme known in this municipality: the "
            "municipality of an offering is unknown",
        )
    ]


def test_a_row_without_a_municipality_code_is_rejected(english):
    offering(ZWOLLE)
    result = enrolments_import(
        data=hbo_file("2024,,Zwolle,01VU,80173,120"), file_name="hbo.csv"
    )
    assert not Enrolment.objects.exists()
    assert result.rejected_rows == [(2, "no municipality code")]
    assert result.rejections[0].column == "GEMEENTENUMMER"


def test_the_rejection_names_the_column_and_keeps_the_code_and_is_translated():
    """The reason is one for every municipality (so that the summary counts it
    once); the column and the row, with its CBS code, are kept with it."""
    offering(ZWOLLE)
    enrolments_import(
        data=hbo_file("2024,0034,Almere,01VU,80173,45"), file_name="hbo.csv"
    )
    rejected = RejectedRow.objects.get()
    assert (rejected.line, rejected.column) == (2, "GEMEENTENUMMER")
    assert json.loads(rejected.values)["GEMEENTENUMMER"] == "0034"
    assert gettext(rejected.reason) == (
        "geen vestiging van deze opleiding in deze gemeente"
    )


def test_a_figure_whose_row_now_counts_for_no_offering_is_withdrawn(english):
    """A figure written before the location rule (or from a row DUO has since
    moved to another city) is not left standing: the file still names the
    programme and year, but the row counts for no offering of it now."""
    zwolle = offering(ZWOLLE)
    enrolments_import(
        data=hbo_file(
            "2023,0193,Zwolle,01VU,80173,110", "2024,0193,Zwolle,01VU,80173,120"
        ),
        file_name="hbo.csv",
    )
    result = enrolments_import(
        data=hbo_file(
            "2023,0193,Zwolle,01VU,80173,110", "2024,0034,Almere,01VU,80173,45"
        ),
        file_name="hbo.csv",
    )
    assert (result.changed, result.unchanged, result.rejected) == (1, 1, 1)
    # The year left with no figure and no source is gone.
    assert students(zwolle) == {2023: 110}


def test_a_withdrawn_figure_leaves_the_other_figures_and_their_sources(english):
    zwolle = offering(ZWOLLE)
    enrolments_import(
        data=hbo_file("2024,0193,Zwolle,01VU,80173,120"), file_name="hbo.csv"
    )
    record = Enrolment.objects.get(programme=zwolle)
    record.graduates = 30
    record.save()
    demo = DataSourceFactory(key="demo-graduates")
    record.sources.add(demo)
    enrolments_import(
        data=hbo_file("2024,0034,Almere,01VU,80173,45"), file_name="hbo.csv"
    )
    record.refresh_from_db()
    assert (record.students, record.graduates) == (None, 30)
    assert not record.figure_sources.exists()
    assert list(record.sources.all()) == [demo]
