"""The studies' and institutions' stored "Over the years" (public.EnrolmentSum)
is what summing their published programmes' records live gives
(`programmes.trends.enrolment_trends`), after an import and after every kind of
change an editor or an import makes: a count, a record's sources, publishing,
a programme or record moving, a deletion. Each change commits (signals)."""

import pytest
from django.db import transaction

from demo.synthetic.generator import synthetic_generate
from demo.synthetic.markers import synthetic_studies
from demo.synthetic.removal import synthetic_remove
from programmes.importing.uploads import import_apply
from programmes.models import (
    DataSource,
    Enrolment,
    Form,
    Institution,
    Programme,
    Study,
)
from programmes.services import programme_restore_deleted, programmes_set_published
from programmes.trends import institution_enrolment_trends, study_enrolment_trends
from public.enrolment_sums import (
    enrolment_sums_rebuild_if_outdated,
    institution_trends,
    study_trends,
)
from public.models import CatalogueCounts, EnrolmentSum
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.test_place_trends import first_years, trends_section

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;GESLACHT;2018;2019\n"
)
# DUO's first-years of three programmes by gender: law at 21PB and at 21PC,
# medicine at 21PB (suppressed women in 2019: that year's sum is incomplete).
FIRST_YEARS = (
    HEADER
    + "0546;Leiden;21PB;50700;voltijd onderwijs;man;30;31\n"
    + "0546;Leiden;21PB;50700;voltijd onderwijs;vrouw;4;3\n"
    + "0546;Leiden;21PC;50700;voltijd onderwijs;man;10;12\n"
    + "0546;Leiden;21PC;50700;voltijd onderwijs;vrouw;5;6\n"
    + "0546;Leiden;21PB;56551;voltijd onderwijs;man;40;41\n"
    + "0546;Leiden;21PB;56551;voltijd onderwijs;vrouw;50;-1\n"
).encode()


def assert_stored_sums_are_the_live_sums():
    """Every study and institution: the section from the table is the section
    from the records, and at least one of them has something to show."""
    shown = 0
    for study in Study.objects.all():
        stored, live = study_trends(study), study_enrolment_trends(study)
        assert stored == live, study
        shown += live.is_shown
    for institution in Institution.objects.all():
        stored = institution_trends(institution)
        live = institution_enrolment_trends(institution)
        assert stored == live, institution
        shown += live.is_shown
    assert shown


@pytest.fixture
def catalogue():
    """Law at two institutions in Leiden, medicine at the first; a third,
    unpublished programme of law; all imported from DUO's file."""
    leiden = MunicipalityFactory(code="0546", name_nl="Leiden")
    law, medicine = StudyFactory(croho_code="50700"), StudyFactory(croho_code="56551")
    first = InstitutionFactory(brin="21PB", municipality=leiden)
    second = InstitutionFactory(brin="21PC", municipality=leiden)
    programmes = {
        "law": ProgrammeFactory(
            study=law, institution=first, municipality=leiden, form=Form.FULL_TIME
        ),
        "law elsewhere": ProgrammeFactory(
            study=law, institution=second, municipality=leiden, form=Form.FULL_TIME
        ),
        "medicine": ProgrammeFactory(
            study=medicine, institution=first, municipality=leiden, form=Form.FULL_TIME
        ),
        "hidden": ProgrammeFactory(
            study=law, institution=first, form=Form.PART_TIME, is_published=False
        ),
    }
    EnrolmentFactory(programme=programmes["hidden"], academic_year=2019)
    result = import_apply(
        kind="statistics", data=FIRST_YEARS, file_name="wo_inscriptions_2019.csv"
    )
    imported = Enrolment.objects.exclude(programme=programmes["hidden"])
    assert imported.count() == 6, result.rejected_rows
    return programmes


def test_an_import_writes_the_sums_of_its_studies_and_institutions(catalogue):
    assert_stored_sums_are_the_live_sums()
    law = study_trends(catalogue["law"].study)
    # 31 + 3 and 12 + 6 in 2019; the unpublished programme's 100 not counted.
    assert [p.value for p in law.trends["first_years"].points] == [49, 52]
    medicine = institution_trends(catalogue["medicine"].institution)
    assert medicine.incomplete == {("first_years", 2019): (1, 2)}


def test_an_imported_database_rebuilds_its_sums_after_migrating(catalogue):
    EnrolmentSum.objects.all().delete()
    CatalogueCounts.objects.update(enrolment_sums_version=0)
    assert not study_trends(catalogue["law"].study).is_shown
    enrolment_sums_rebuild_if_outdated()
    assert_stored_sums_are_the_live_sums()
    # Up to date now: a second call rewrites nothing.
    assert enrolment_sums_rebuild_if_outdated() == 0


def test_an_edited_count_and_a_new_record_change_the_sums(catalogue):
    enrolment = Enrolment.objects.get(programme=catalogue["law"], academic_year=2019)
    enrolment.students, enrolment.graduates = 250, 40
    enrolment.save()
    EnrolmentFactory(
        programme=catalogue["law elsewhere"], academic_year=2020, graduates=None
    )
    assert_stored_sums_are_the_live_sums()
    law = study_trends(catalogue["law"].study)
    assert [p.value for p in law.trends["graduates"].points] == [None, 40, None]


def test_a_records_sources_change_the_cited_sources(catalogue):
    enrolment = Enrolment.objects.get(programme=catalogue["law"], academic_year=2018)
    editorial = DataSourceFactory(kind=DataSource.Kind.DEMO)
    enrolment.sources.add(editorial)
    assert_stored_sums_are_the_live_sums()
    assert study_trends(catalogue["law"].study).is_demo
    enrolment.sources.remove(editorial)
    assert_stored_sums_are_the_live_sums()
    assert not study_trends(catalogue["law"].study).is_demo
    figure = enrolment.figure_sources.get()
    figure.source = editorial
    figure.save()
    assert_stored_sums_are_the_live_sums()
    figure.delete()
    assert_stored_sums_are_the_live_sums()


def test_publishing_and_unpublishing_change_the_sums(catalogue):
    programmes_set_published(
        programmes=Programme.objects.filter(pk=catalogue["hidden"].pk),
        is_published=True,
    )
    assert_stored_sums_are_the_live_sums()
    # 34 + 18 imported, and the newly published programme's 100.
    law = study_trends(catalogue["law"].study)
    assert law.trends["first_years"].points[-1].value == 152
    programmes_set_published(
        programmes=Programme.objects.filter(pk=catalogue["law"].pk),
        is_published=False,
    )
    assert_stored_sums_are_the_live_sums()


def test_a_programme_moving_to_another_institution_or_study_moves_its_counts(
    catalogue,
):
    moving = catalogue["law elsewhere"]
    moving.institution = catalogue["law"].institution
    moving.location_code = "moved"
    moving.save()
    assert_stored_sums_are_the_live_sums()
    # Its old institution has nothing left to sum.
    assert not institution_trends(Institution.objects.get(brin="21PC")).is_shown
    moving.study = catalogue["medicine"].study
    moving.save()
    assert_stored_sums_are_the_live_sums()


def test_a_record_moving_to_another_programme_moves_its_counts(catalogue):
    enrolment = Enrolment.objects.get(
        programme=catalogue["law elsewhere"], academic_year=2019
    )
    Enrolment.objects.filter(
        programme=catalogue["medicine"], academic_year=2019
    ).delete()
    enrolment.programme = catalogue["medicine"]
    enrolment.save()
    assert_stored_sums_are_the_live_sums()


def test_deleting_a_record_or_a_programme_takes_it_out_of_the_sums(catalogue):
    Enrolment.objects.filter(programme=catalogue["law"], academic_year=2018).delete()
    assert_stored_sums_are_the_live_sums()
    catalogue["medicine"].delete()
    assert_stored_sums_are_the_live_sums()
    assert not study_trends(catalogue["medicine"].study).is_shown


def test_a_change_rolled_back_leaves_the_sums_as_they_were(catalogue):
    before = study_trends(catalogue["law"].study)
    with pytest.raises(RuntimeError), transaction.atomic():
        Enrolment.objects.filter(programme=catalogue["law"]).delete()
        raise RuntimeError
    assert study_trends(catalogue["law"].study) == before
    assert_stored_sums_are_the_live_sums()


def test_the_study_page_shows_an_edit_at_once(client, catalogue):
    enrolment = Enrolment.objects.get(programme=catalogue["law"], academic_year=2019)
    enrolment.first_years, enrolment.first_years_men = 1234, 1231
    enrolment.save()
    section = trends_section(client, catalogue["law"].study, "en")
    # 1,234 + 18 first-years summed over law's two published programmes.
    assert first_years(section)["2019"] == "1,252"


def test_a_synthetic_set_generated_and_removed_keeps_the_sums_live(catalogue):
    synthetic_generate(programmes=8, seed=7)
    assert_stored_sums_are_the_live_sums()
    assert EnrolmentSum.objects.filter(study__in=synthetic_studies()).exists()
    synthetic_remove()
    assert_stored_sums_are_the_live_sums()


def test_a_deleted_programme_restored_counts_again(catalogue):
    medicine = catalogue["medicine"]
    EnrolmentFactory(
        programme=medicine,
        academic_year=2020,
        first_years=7,
        first_years_men=3,
        first_years_women=4,
    )
    pk = medicine.pk
    medicine.delete()
    assert not study_trends(medicine.study).is_shown
    programme_restore_deleted(programme_id=pk)
    assert_stored_sums_are_the_live_sums()
    points = study_trends(medicine.study).trends["first_years"].points
    # Its imported records came back with it (40 + 50; 2019 suppressed).
    assert [(p.year, p.value) for p in points] == [(2018, 90), (2019, None), (2020, 7)]
