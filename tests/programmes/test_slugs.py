"""A page's slug per language: filled by the imports, the admin and the data
migration, unique per language, and every slug given up kept as a former slug."""

import csv
import importlib
import io
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from programmes.importing.institutions import municipalities_import
from programmes.importing.programmes import programmes_import
from programmes.models import (
    AddressKind,
    FormerSlug,
    Institution,
    Municipality,
    Programme,
    Study,
)
from programmes.services import programme_restore_deleted
from tests.programmes.admin_pages import (
    _english_admin,  # noqa: F401  (autouse fixture)
    admin_url,
    error_text,
    form_data,
    page,
)
from tests.programmes.factories import (
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.programmes.test_import_numbers import ERKENNINGEN_HEADER, erkenning

pytestmark = pytest.mark.django_db


def csv_bytes(header, *rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def import_programmes(*rows):
    programmes_import(
        data=csv_bytes(ERKENNINGEN_HEADER, *rows), file_name="ho_erkenningen_rio.csv"
    )


def test_the_programmes_import_fills_both_slugs():
    InstitutionFactory(
        brin="21PB", name_nl="Universiteit Leiden", name_en="Leiden University"
    )
    import_programmes(
        erkenning(),
        erkenning(VORM="DEELTIJD"),
        erkenning(
            ERKENDEOPLEIDINGSCODE="60001",
            OPLEIDINGSEENHEID_NAAM="Scheikunde",
            OPLEIDINGSEENHEID_INTERNATIONALE_NAAM="",
        ),
    )
    slugs = set(Programme.objects.values_list("slug", "slug_en"))
    assert slugs == {
        (
            "biologie-master-universiteit-leiden",
            "biology-master-leiden-university",
        ),
        (
            "biologie-master-universiteit-leiden-deeltijd",
            "biology-master-leiden-university-part-time",
        ),
        # Without an English name, the English address is the Dutch one.
        (
            "scheikunde-master-universiteit-leiden",
            "scheikunde-master-universiteit-leiden",
        ),
    }
    study = Study.objects.get(croho_code="66990")
    assert (study.slug, study.slug_en) == ("biologie-wo-ma", "biology-wo-ma")


def test_institutions_and_studies_the_import_creates_have_both_slugs():
    import_programmes(erkenning(INSTELLINGSCODE="99XX", INSTELLINGSNAAM="Nieuw"))
    institution = Institution.objects.get(brin="99XX")
    assert (institution.slug, institution.slug_en) == ("nieuw", "nieuw")
    assert not Study.objects.filter(slug_en="").exists()


def test_an_import_keeps_the_slugs_an_editor_chose():
    InstitutionFactory(brin="21PB", name_nl="Universiteit Leiden")
    import_programmes(erkenning())
    programme = Programme.objects.get()
    programme.slug_en = "biology-in-leiden"
    programme.edited_fields = ["slug_en"]
    programme.save()
    import_programmes(erkenning(OPLEIDINGSEENHEID_INTERNATIONALE_NAAM="Biosciences"))
    programme.refresh_from_db()
    assert programme.name_en == "Biosciences"
    assert programme.slug_en == "biology-in-leiden"


def test_a_municipality_import_fills_both_slugs():
    data = csv_bytes(("GEMEENTENUMMER", "GEMEENTENAAM"), ("0546", "Leiden"))
    municipalities_import(data=data, file_name="gemeenten.csv")
    municipality = Municipality.objects.get(code="0546")
    assert (municipality.slug, municipality.slug_en) == ("leiden", "leiden")


def test_an_english_slug_nobody_chose_is_the_dutch_one():
    programme = ProgrammeFactory(slug="biologie-leiden")
    assert programme.slug_en == "biologie-leiden"


def test_each_language_slug_is_unique_in_its_language_only():
    ProgrammeFactory(slug="biologie", slug_en="biology")
    # Another page may have this page's English slug as its Dutch one.
    ProgrammeFactory(slug="biology", slug_en="biology-elsewhere")
    with transaction.atomic(), pytest.raises(IntegrityError):
        ProgrammeFactory(slug="biologie-2", slug_en="biology")


@pytest.mark.parametrize("model", [Programme, Study, Institution, Municipality])
def test_each_language_slug_has_a_unique_index(model):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, model._meta.db_table
        )
    unique = [c["columns"] for c in constraints.values() if c["unique"]]
    assert ["slug"] in unique
    assert ["slug_en"] in unique


def test_former_slugs_are_looked_up_by_a_unique_index():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, FormerSlug._meta.db_table
        )
    assert ["kind", "slug"] in [
        c["columns"] for c in constraints.values() if c["unique"]
    ]


def test_a_slug_given_up_is_kept_for_its_page():
    programme = ProgrammeFactory(slug="biologie", slug_en="biology")
    programme.slug = "biologie-leiden"
    programme.save()
    programme = Programme.objects.get(pk=programme.pk)
    programme.slug_en = "biology-leiden"
    programme.save()
    kept = set(FormerSlug.objects.values_list("kind", "slug", "object_id"))
    assert kept == {
        (AddressKind.PROGRAMME, "biologie", programme.pk),
        (AddressKind.PROGRAMME, "biology", programme.pk),
    }


def test_a_save_that_keeps_the_slugs_keeps_no_former_slug():
    study = StudyFactory(slug="biologie-wo-ma", slug_en="biology-wo-ma")
    study = Study.objects.get(pk=study.pk)
    study.name_en = "Biology"
    study.save()
    assert not FormerSlug.objects.exists()


def test_a_former_slug_taken_over_by_another_page_leads_there():
    first = MunicipalityFactory(slug="den-haag", slug_en="the-hague")
    first.slug_en = "hague"
    first.save()
    second = MunicipalityFactory(slug="s-gravenhage", slug_en="the-hague-region")
    second = Municipality.objects.get(pk=second.pk)
    second.slug_en = "the-hague"
    second.save()
    second.slug_en = "the-hague-2"
    second.save()
    former = FormerSlug.objects.get(kind=AddressKind.MUNICIPALITY, slug="the-hague")
    assert former.object_id == second.pk


def test_an_editor_renaming_a_programme_in_the_admin_leaves_a_redirect(
    admin_client, client
):
    programme = ProgrammeFactory(slug="biologie", slug_en="biology")
    url = admin_url(Programme, "change", programme.pk)
    data = form_data(admin_client.get(url))
    assert data["slug_en"] == "biology"
    data["slug_en"] = "biology-leiden"
    response = admin_client.post(url, data)
    assert response.status_code == 302, error_text(response)
    programme.refresh_from_db()
    assert programme.slug_en == "biology-leiden"
    assert "slug_en" in programme.edited_fields
    old = client.get("/en/programmes/biology/")
    assert old.status_code == 301
    assert old["Location"] == "/en/programmes/biology-leiden/"


@pytest.mark.parametrize("model", [Programme, Study, Institution, Municipality])
def test_the_admin_prepopulates_the_english_slug_from_the_english_name(
    admin_client, model
):
    soup = page(admin_client.get(admin_url(model, "add")))
    assert soup.find("input", attrs={"name": "slug_en"})
    constants = soup.find(id="django-admin-prepopulated-fields-constants")
    prepopulated = {
        field["name"]: field["dependency_list"]
        for field in json.loads(constants["data-prepopulated-fields"])
    }
    assert prepopulated == {"slug": ["name_nl"], "slug_en": ["name_en"]}


def test_the_migration_gives_existing_pages_english_slugs():
    """English name when there is one, else the Dutch slug; unique in English."""
    fill = importlib.import_module(
        "programmes.migrations.0017_english_slugs"
    ).fill_english_slugs
    institution = InstitutionFactory(
        name_nl="Universiteit Leiden", name_en="Leiden University", slug="ul"
    )
    named = ProgrammeFactory(
        name_nl="Biologie",
        name_en="Biology",
        institution=institution,
        study=StudyFactory(name_nl="Biologie", name_en="Biology", level="WO-MA"),
    )
    unnamed = ProgrammeFactory(name_en=None, slug="scheikunde-leiden", form="dual")
    for model in (Programme, Study, Institution, Municipality):
        # As before the migration: no English slug of their own (the column is
        # unique here, so each row a placeholder the migration replaces).
        model.objects.update(slug_en=Concat(Value("before-"), Cast("pk", CharField())))
    fill(apps, None)
    named.refresh_from_db()
    unnamed.refresh_from_db()
    institution.refresh_from_db()
    assert named.slug_en == "biology-master-leiden-university"
    assert unnamed.slug_en == "scheikunde-leiden"
    assert institution.slug_en == "leiden-university"
    assert named.study.__class__.objects.get(pk=named.study_id).slug_en == (
        "biology-wo-ma"
    )
    for model in (Programme, Study, Institution, Municipality):
        slugs = list(model.objects.values_list("slug_en", flat=True))
        assert not [slug for slug in slugs if slug.startswith("before-")]
        assert len(slugs) == len(set(slugs))


def test_a_deleted_programme_whose_english_slug_was_taken_cannot_come_back():
    programme = ProgrammeFactory(slug="biologie", slug_en="biology")
    programme_id = programme.pk
    programme.delete()
    newcomer = ProgrammeFactory(slug="biologie-nieuw", slug_en="biology")
    with pytest.raises(ValidationError) as refused:
        programme_restore_deleted(programme_id=programme_id)
    assert (
        f"“{newcomer}” now has its web address (biology)" in refused.value.messages[0]
    )
    assert not Programme.objects.filter(pk=programme_id).exists()
