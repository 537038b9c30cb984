"""The programmes admin: every page loads, badges, inlines and query counts."""

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from programmes.models import (
    DataSource,
    Enrolment,
    Programme,
    StudyProgress,
    TuitionFee,
)
from surveys.models import Aspect
from tests.programmes.admin_pages import (
    _english_admin,  # noqa: F401  (autouse fixture)
    admin_url,
    assert_pages_load,
    error_text,
    form_data,
    page,
)
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    HonoursProgrammeFactory,
    InstitutionFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "translated"),
    [
        (DataSourceFactory, ("name", "note")),
        (InstitutionFactory, ("name", "short_name")),
        (lambda: InstitutionFactory().municipality, ("name",)),
        (lambda: ProgrammeFactory().study, ("name",)),
        (ProgrammeFactory, ("name", "degree", "description", "admission")),
        (SpecialisationFactory, ("name", "description", "language_note")),
        (HonoursProgrammeFactory, ("name", "description")),
        (TuitionFeeFactory, ()),
        (EnrolmentFactory, ()),
        (
            lambda: StudyProgress.objects.create(
                programme=ProgrammeFactory(), cohort_year=2020, diploma_this=50
            ),
            (),
        ),
    ],
)
def test_every_programmes_admin_page_loads(admin_client, factory, translated):
    obj = factory()
    assert_pages_load(admin_client, type(obj), obj, translated)


def test_programme_change_page_has_every_inline_with_tabs_for_translations(
    admin_client,
):
    programme = ProgrammeFactory()
    SpecialisationFactory(programme=programme, name_en="Data science track")
    HonoursProgrammeFactory(programme=programme)
    TuitionFeeFactory(programme=programme)
    EnrolmentFactory(programme=programme)
    ProgrammeScoreFactory(programme=programme)
    response = admin_client.get(admin_url(Programme, "change", programme.pk))
    soup = page(response)
    for prefix in (
        "specialisations",
        "honours_programmes",
        "fees",
        "enrolments",
        "progress",
        "survey_scores",
    ):
        assert soup.find("input", attrs={"name": f"{prefix}-TOTAL_FORMS"}), prefix
    assert soup.find("input", attrs={"name": "specialisations-0-name_en"})["value"] == (
        "Data science track"
    )
    assert soup.find("input", attrs={"name": "specialisations-0-name_nl"})


def test_tabbed_translation_scripts_are_served_locally(admin_client):
    programme = ProgrammeFactory()
    response = admin_client.get(admin_url(Programme, "change", programme.pk))
    scripts = [tag["src"] for tag in page(response).find_all("script", src=True)]
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in scripts
    assert all(src.startswith("/") and not src.startswith("//") for src in scripts)


def test_vendored_jquery_ui_is_present_with_its_licence():
    assert finders.find("vendor/jquery-ui/jquery-ui.min.js")
    assert finders.find("vendor/jquery-ui/LICENSE.txt")


def test_demo_programme_carries_a_badge_and_a_warning(admin_client):
    demo = ProgrammeFactory(
        name_en="Demo Physics", source=DataSourceFactory(kind=DataSource.Kind.DEMO)
    )
    real = ProgrammeFactory(
        name_en="Real Physics",
        source=DataSourceFactory(kind=DataSource.Kind.OFFICIAL),
    )
    response = admin_client.get(admin_url(Programme, "changelist"))
    rows = page(response).select("#result_list tbody tr")
    demo_row = next(row for row in rows if "Demo Physics" in row.get_text())
    real_row = next(row for row in rows if "Real Physics" in row.get_text())
    assert demo_row.select_one(".data-badge").get_text() == "Demo data"
    assert real_row.select_one(".data-badge") is None

    change = admin_client.get(admin_url(Programme, "change", demo.pk))
    warning = page(change).select_one(".field-data_status")
    assert "Demo data" in warning.get_text()
    assert "not real" in warning.get_text()
    change = admin_client.get(admin_url(Programme, "change", real.pk))
    assert "not real" not in page(change).select_one(".field-data_status").get_text()


def test_synthetic_source_is_badged_and_filterable(admin_client):
    ProgrammeFactory(source=DataSourceFactory(kind=DataSource.Kind.SYNTHETIC))
    ProgrammeFactory(source=DataSourceFactory(kind=DataSource.Kind.OFFICIAL))
    response = admin_client.get(
        admin_url(Programme, "changelist"), {"source__kind__exact": "synthetic"}
    )
    badges = page(response).select("#result_list .data-badge")
    assert [badge.get_text() for badge in badges] == ["Synthetic data"]


@pytest.mark.parametrize("rows", [3, 30])
def test_programme_changelist_query_count_does_not_grow(
    admin_client, django_assert_max_num_queries, rows
):
    source = DataSourceFactory()
    for _ in range(rows):
        ProgrammeFactory(source=source)
    with django_assert_max_num_queries(12):
        response = admin_client.get(admin_url(Programme, "changelist"))
    assert len(page(response).select("#result_list tbody tr")) == rows


@pytest.mark.parametrize(
    ("model", "factory"),
    [(TuitionFee, TuitionFeeFactory), (Enrolment, EnrolmentFactory)],
)
@pytest.mark.parametrize("rows", [3, 30])
def test_figure_changelists_query_count_does_not_grow(
    admin_client, django_assert_max_num_queries, model, factory, rows
):
    for year in range(rows):
        factory(academic_year=2000 + year)
    with django_assert_max_num_queries(10):
        response = admin_client.get(admin_url(model, "changelist"))
    assert len(page(response).select("#result_list tbody tr")) == rows


@pytest.mark.parametrize("aspects", [1, 7])
def test_programme_change_page_query_count_does_not_grow_with_scores(
    admin_client, django_assert_max_num_queries, aspects
):
    programme = ProgrammeFactory()
    for year in (2022, 2023, 2024):
        survey_round = SurveyRoundFactory(year=year)
        for code in list(Aspect.Code)[:aspects]:
            ProgrammeScoreFactory(
                programme=programme,
                survey_round=survey_round,
                aspect=AspectFactory(code=code),
            )
    with django_assert_max_num_queries(20):
        response = admin_client.get(admin_url(Programme, "change", programme.pk))
    rows = page(response).select("#survey_scores-group tr.form-row.has_original")
    assert len(rows) == 3 * aspects


def test_dutch_admin_shows_the_programme_page_with_both_language_tabs(admin_client):
    programme = ProgrammeFactory(name_nl="Natuurkunde", name_en="Physics")
    with translation.override("nl"):
        url = admin_url(Programme, "change", programme.pk)
    assert url.startswith("/nl/")
    soup = page(admin_client.get(url))
    assert soup.find("input", attrs={"name": "name_nl"})["value"] == "Natuurkunde"
    assert soup.find("input", attrs={"name": "name_en"})["value"] == "Physics"
    assert soup.find("html")["lang"] == "nl"


def test_staff_edit_of_a_programme_is_recorded_so_imports_keep_it(admin_client):
    programme = ProgrammeFactory(description_nl="Oude tekst")
    url = admin_url(Programme, "change", programme.pk)
    data = form_data(admin_client.get(url))
    data["description_nl"] = "Door de redactie herschreven"
    response = admin_client.post(url, data)
    assert response.status_code == 302, error_text(response)
    programme.refresh_from_db()
    assert programme.description_nl == "Door de redactie herschreven"
    assert "description_nl" in programme.edited_fields
    assert "name_nl" not in programme.edited_fields
