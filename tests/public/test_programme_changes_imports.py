"""A programme's public change log after an import of DUO's catalogue (it added
the programme, then changed its name and study load), an import of its survey
scores and of its study's career figures, and an editor's edit: each an entry
with its date and source, newest first, in English and Dutch. The demo loader's
saves cite demo data, not the editors."""

import pytest
from django.utils import translation

from careers.importing import career_outcomes_import
from demo.loader import demo_load
from programmes.importing.programme_details import programmes_enrich
from programmes.importing.programmes import programmes_import
from programmes.models import ImportRun, Language, Programme
from surveys.importing import survey_scores_import
from tests.programmes.factories import ProgrammeFactory
from tests.programmes.test_import_numbers import (
    CAREER_HEADER,
    ERKENNINGEN_HEADER,
    SURVEY_HEADER,
    SURVEY_ROW,
    csv_bytes,
    erkenning,
)
from tests.public.test_programme_changes import admin_edit, changes_url, entries

CATALOGUE = "ho_erkenningen_rio.csv"


def whats(response) -> list[str]:
    """Each entry without its date: what changed and its source."""
    return [entry.split(" — ", 1)[1] for entry in entries(response)]


@pytest.fixture
def imported(client):
    """Added by the catalogue as Biologie (120 ECTS); the next catalogue renames
    it and halves its load; then its NSE 2024 score and its study's 2023 career
    outcome are imported, and an editor rewrites its description."""
    programmes_import(
        data=csv_bytes(ERKENNINGEN_HEADER, erkenning()), file_name=CATALOGUE
    )
    renamed = erkenning(
        OPLEIDINGSEENHEID_NAAM="Moleculaire biologie",
        OPLEIDINGSEENHEID_INTERNATIONALE_NAAM="Molecular Biology",
        STUDIELAST="60",
    )
    programmes_import(data=csv_bytes(ERKENNINGEN_HEADER, renamed), file_name=CATALOGUE)
    survey_scores_import(data=csv_bytes(SURVEY_HEADER, SURVEY_ROW), file_name="nse.csv")
    career_outcomes_import(
        data=csv_bytes(
            CAREER_HEADER, ("66990", "WO-MA", "2023", "outcome", "", "", "150")
        ),
        file_name="careers.csv",
    )
    programme = Programme.objects.get()
    return programme


def catalogue_source() -> str:
    """DUO's dataset and the file; an uploaded file's dataset is named after the
    file, so its entry names the file alone (nse.csv, careers.csv)."""
    dataset = ImportRun.objects.filter(kind="programmes").first().dataset
    return f"{dataset} ({CATALOGUE})"


# Committed as in production: each import's and the edit's transaction ends.
@pytest.mark.django_db(transaction=True)
def test_the_log_lists_catalogue_survey_and_career_imports_and_the_edit(
    client, imported, django_user_model
):
    editor = django_user_model.objects.create_user(
        "editor", password="x", is_staff=True, is_superuser=True
    )
    client.force_login(editor)
    admin_edit(client, imported, description_nl="Nieuw", description_en="New")
    client.logout()
    catalogue = catalogue_source()
    with translation.override("en"):
        assert whats(client.get(changes_url(imported, "en"))) == [
            "Changed: description (source: Keuzewijzer editors)",
            "Career figures of the study imported: 2023 (source: careers.csv)",
            "Survey scores imported: NSE 2024 (source: nse.csv)",
            f"Changed by the catalogue: name, study load (ECTS) (source: {catalogue})",
            f"Programme added from the catalogue (source: {catalogue})",
        ]


@pytest.mark.django_db
def test_the_dutch_log_names_the_imports_in_dutch(client, imported):
    listed = whats(client.get(changes_url(imported, "nl")))
    assert listed[0].startswith("Loopbaancijfers van de studie geïmporteerd: 2023")
    assert listed[1].startswith("Enquêtescores geïmporteerd: NSE 2024")
    assert listed[2].startswith("Gewijzigd door de catalogus: naam, studielast (ECTS)")
    assert listed[3].startswith("Opleiding toegevoegd uit de catalogus")


@pytest.mark.django_db
def test_a_catalogue_that_changes_nothing_shown_adds_no_entry(client, imported):
    before = whats(client.get(changes_url(imported, "en")))
    # The same file again, and one that changes only the RIO code (bookkeeping).
    renamed = erkenning(
        OPLEIDINGSEENHEID_NAAM="Moleculaire biologie",
        OPLEIDINGSEENHEID_INTERNATIONALE_NAAM="Molecular Biology",
        STUDIELAST="60",
        OPLEIDINGSEENHEIDCODE="1009O9999",
    )
    programmes_import(data=csv_bytes(ERKENNINGEN_HEADER, renamed), file_name=CATALOGUE)
    assert whats(client.get(changes_url(imported, "en"))) == before


@pytest.mark.django_db
def test_a_survey_correction_is_its_own_entry_and_an_unchanged_file_none(
    client, imported
):
    corrected = (*SURVEY_ROW[:5], "4.1", *SURVEY_ROW[6:])
    survey_scores_import(data=csv_bytes(SURVEY_HEADER, corrected), file_name="fix.csv")
    survey_scores_import(
        data=csv_bytes(SURVEY_HEADER, corrected), file_name="again.csv"
    )
    listed = whats(client.get(changes_url(imported, "en")))
    scores = [entry for entry in listed if entry.startswith("Survey scores")]
    # The correction is the last writer of the score: the first run drops out,
    # and the file that changed nothing writes nothing.
    assert scores == ["Survey scores imported: NSE 2024 (source: fix.csv)"]


@pytest.mark.django_db
def test_the_demo_loaders_saves_cite_demo_data(client):
    reference = demo_load().reference_programme
    listed = whats(client.get(changes_url(reference, "en")))
    saved = [entry for entry in listed if "Keuzewijzer editors" in entry]
    assert saved == []
    assert "Programme added (source: demo data, not real)" in listed
    assert any(
        entry.startswith("Specialisation")
        and entry.endswith("(source: demo data, not real)")
        for entry in listed
    )


@pytest.mark.django_db
def test_a_career_file_changing_only_a_figure_cites_its_run(client, imported):
    hours = ("66990", "WO-MA", "2023", "figure", "weekly_hours", "38", "150")
    career_outcomes_import(data=csv_bytes(CAREER_HEADER, hours), file_name="hours.csv")
    listed = whats(client.get(changes_url(imported, "en")))
    careers = [entry for entry in listed if entry.startswith("Career figures")]
    # A file of one figure: the outcome's row is untouched, its new figure makes
    # hours.csv the outcome's last writer.
    assert careers == ["Career figures of the study imported: 2023 (source: hours.csv)"]


@pytest.mark.django_db
def test_the_programme_details_import_names_the_fields_it_changed(client):
    programme = ProgrammeFactory(rio_code="1009O1234", language=Language.ENGLISH)
    header = ("SOORT", "OPLEIDINGSEENHEIDCODE", "VARIANT_VAN", "INTERNATIONALE_NAAM")
    header += ("BEGINDATUM", "VORM", "VOERTAAL", "WEBSITE", "OMSCHRIJVING")
    row = ("OPLEIDING", "1009O1234", "", "", "", "", "NLD", "", "")
    programmes_enrich(
        data=csv_bytes(header, row), file_name="ho_opleidingsoverzicht.csv"
    )
    details = [
        w for w in whats(client.get(changes_url(programme, "en"))) if "catalogue" in w
    ]
    assert len(details) == 1
    assert details[0].startswith("Changed by the catalogue: language of instruction (")
    assert details[0].endswith("(ho_opleidingsoverzicht.csv))")
