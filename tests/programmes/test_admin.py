import io
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from programmes.images import thumbnail_name
from programmes.models import (
    DataSource,
    Enrolment,
    Programme,
    StudyProgress,
    TuitionFee,
)
from surveys.models import Aspect
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

CDN_PATTERN = re.compile(r"(?:https?:)?//(?:ajax\.googleapis|code\.jquery|cdn)", re.I)


@pytest.fixture(autouse=True)
def _english_admin():
    """The admin is checked in English so that assertions read like the source."""
    with translation.override("en"):
        yield


def admin_url(model, action, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=args)


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def form_data(response):
    """The values the browser would post for the admin change form on ``response``."""
    form = page(response).select_one("#content-main form[id$=_form]")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file"):
            continue
        if field.name == "select":
            selected = field.find_all("option", selected=True)
            values = [option.get("value", "") for option in selected]
            if field.has_attr("multiple"):
                data[name] = values
            else:
                data[name] = values[0] if values else ""
        elif field.name == "textarea":
            data[name] = field.text.strip("\n")
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def error_text(response):
    soup = page(response)
    return " ".join(
        node.get_text(" ", strip=True) for node in soup.select(".errorlist, .errornote")
    )


def assert_translated_inputs(response, *fields):
    soup = page(response)
    for field in fields:
        for language in ("nl", "en"):
            assert soup.find(attrs={"name": f"{field}_{language}"}), (
                f"{field}_{language} missing"
            )


def assert_pages_load(client, model, obj, translated=()):
    """Changelist, add page and change page of ``model`` render for a superuser."""
    changelist = client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    change_url = admin_url(model, "change", obj.pk)
    assert page(changelist).select_one(f'#result_list a[href="{change_url}"]')
    add = client.get(admin_url(model, "add"))
    assert add.status_code == 200
    change = client.get(change_url)
    assert change.status_code == 200
    for response in (add, change):
        assert_translated_inputs(response, *translated)
        assert not CDN_PATTERN.search(response.content.decode())
    return change


def png_bytes(size=(400, 300), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode != "1" else 1).save(buffer, format="PNG")
    return buffer.getvalue()


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


def post_change(client, obj, changes):
    url = admin_url(type(obj), "change", obj.pk)
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_negative_fee_is_refused_with_a_message(admin_client):
    fee = TuitionFeeFactory(amount=2601)
    response = post_change(admin_client, fee, {"amount": "-1"})
    assert response.status_code == 200
    assert "greater than or equal to 0" in error_text(response)
    fee.refresh_from_db()
    assert fee.amount == 2601


def test_negative_fee_in_programme_inline_is_not_saved(admin_client):
    fee = TuitionFeeFactory(amount=2601)
    response = post_change(admin_client, fee.programme, {"fees-0-amount": "-1"})
    assert response.status_code == 200
    assert "greater than or equal to 0" in error_text(response)
    fee.refresh_from_db()
    assert fee.amount == 2601


def test_more_first_year_men_and_women_than_first_years_is_refused(admin_client):
    enrolment = EnrolmentFactory(first_years=100, first_years_men=40)
    response = post_change(
        admin_client,
        enrolment.programme,
        {"enrolments-0-first_years_men": "60", "enrolments-0-first_years_women": "60"},
    )
    assert response.status_code == 200
    assert "cannot outnumber the first-year students" in error_text(response)
    enrolment.refresh_from_db()
    assert enrolment.first_years_men == 40


def test_new_enrolment_with_too_many_men_and_women_is_not_added(admin_client):
    programme = ProgrammeFactory()
    url = admin_url(Enrolment, "add")
    data = form_data(admin_client.get(url))
    data.update(
        programme=programme.pk,
        academic_year="2024",
        first_years="10",
        first_years_men="8",
        first_years_women="8",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "cannot outnumber the first-year students" in error_text(response)
    assert Enrolment.objects.count() == 0


def test_diploma_shares_above_100_are_refused(admin_client):
    progress = StudyProgress.objects.create(
        programme=ProgrammeFactory(), cohort_year=2019, diploma_this=50
    )
    response = post_change(
        admin_client, progress, {"diploma_this": "60", "diploma_other": "50"}
    )
    assert response.status_code == 200
    assert "diploma shares add up to more than 100%" in error_text(response)
    progress.refresh_from_db()
    assert progress.diploma_this == 50


def test_percentage_above_100_is_refused(admin_client):
    progress = StudyProgress.objects.create(
        programme=ProgrammeFactory(), cohort_year=2019, diploma_this=50
    )
    response = post_change(admin_client, progress, {"first_year_continued": "101"})
    assert response.status_code == 200
    assert "less than or equal to 100" in error_text(response)
    progress.refresh_from_db()
    assert progress.first_year_continued is None


def test_english_share_above_100_is_refused(admin_client):
    programme = ProgrammeFactory(english_share=50)
    response = post_change(admin_client, programme, {"english_share": "101"})
    assert response.status_code == 200
    assert "100" in error_text(response)
    programme.refresh_from_db()
    assert programme.english_share == 50


def upload(client, programme, content, name="photo.png"):
    url = admin_url(Programme, "change", programme.pk)
    data = form_data(client.get(url))
    data["image"] = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(url, data)


def test_uploaded_image_gets_a_small_thumbnail_in_the_changelist(admin_client):
    programme = ProgrammeFactory()
    response = upload(admin_client, programme, png_bytes((800, 400)))
    assert response.status_code == 302, error_text(response)
    programme.refresh_from_db()
    name = thumbnail_name(programme.image.name)
    assert default_storage.exists(name)
    with default_storage.open(name) as thumb, Image.open(thumb) as image:
        assert image.format == "WEBP"
        assert image.width <= 160 and image.height <= 160
        assert image.size == (160, 80)

    changelist = admin_client.get(admin_url(Programme, "changelist"))
    img = page(changelist).select_one("#result_list img.admin-thumbnail")
    assert img["src"] == default_storage.url(name)


def test_text_file_posing_as_png_is_refused_with_a_message(admin_client):
    programme = ProgrammeFactory()
    response = upload(admin_client, programme, b"just some text, not an image")
    assert response.status_code == 200
    assert page(response).select_one(".field-image .errorlist")
    programme.refresh_from_db()
    assert not programme.image


def test_image_with_too_many_pixels_is_refused_with_a_message(admin_client):
    programme = ProgrammeFactory()
    # A few kilobytes on disk, 36 million pixels once decoded.
    response = upload(admin_client, programme, png_bytes((6000, 6000), mode="1"))
    assert response.status_code == 200
    assert "too large" in page(response).select_one(".field-image .errorlist").text
    programme.refresh_from_db()
    assert not programme.image


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


def jpeg_with_gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 9.0, 0.0)}  # GPS IFD: latitude
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "red").save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def stored_image(programme):
    programme.refresh_from_db()
    with default_storage.open(programme.image.name) as file:
        return file.read()


def test_uploaded_photo_is_stored_without_its_exif_metadata(admin_client):
    programme = ProgrammeFactory()
    original = jpeg_with_gps_exif()
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif()  # the upload does carry metadata
    response = upload(admin_client, programme, original, name="holiday.jpg")
    assert response.status_code == 302, error_text(response)
    with Image.open(io.BytesIO(stored_image(programme))) as image:
        assert image.format == "JPEG"
        assert image.size == (320, 200)
        assert not image.getexif()
    assert b"SpyCam" not in stored_image(programme)


def test_renamed_image_is_stored_under_its_real_type_without_trailing_data(
    admin_client,
):
    programme = ProgrammeFactory()
    # A PNG named as a JPEG, carrying markup after its image data.
    content = png_bytes((50, 50)) + b"<script>alert(1)</script>"
    response = upload(admin_client, programme, content, name="photo.jpg")
    assert response.status_code == 302, error_text(response)
    programme.refresh_from_db()
    assert programme.image.name.endswith(".png")
    assert "photo" not in programme.image.name
    assert b"<script>" not in stored_image(programme)


def test_image_named_as_a_web_page_is_refused(admin_client):
    programme = ProgrammeFactory()
    response = upload(admin_client, programme, png_bytes((50, 50)), name="page.html")
    assert response.status_code == 200
    assert "html" in page(response).select_one(".field-image .errorlist").text
    programme.refresh_from_db()
    assert not programme.image


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
            "logo.svg",
        ),
        (b"<html><script>alert(1)</script></html>", "logo.png"),
        (b"GIF89a" + b"\x00" * 20, "logo.gif"),
    ],
)
def test_svg_html_and_unknown_formats_are_refused(admin_client, content, name):
    programme = ProgrammeFactory()
    response = upload(admin_client, programme, content, name=name)
    assert response.status_code == 200
    assert page(response).select_one(".field-image .errorlist")
    programme.refresh_from_db()
    assert not programme.image


def test_gif_image_is_refused_naming_the_allowed_formats(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="GIF")
    programme = ProgrammeFactory()
    response = upload(admin_client, programme, buffer.getvalue(), name="a.gif")
    error = page(response).select_one(".field-image .errorlist").text
    assert "JPEG, PNG, WEBP" in error
