"""Every report's rows read back as a policy officer opens them: who and what
each row is about (labels, not codes), the figure, why it is withheld, its n,
year, source, publication status and whether it is demo data, in each file
format and language, for a liaison (their institution) and an editor (all).

Expected values are typed by hand from the fixture below."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from careers.models import CareerMetric
from programmes.models import DataSource, Form, Level
from reports.builders import labour_market
from surveys.models import Aspect
from tests.careers.factories import CareerFigureFactory
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db

CBS = len(labour_market.COLUMNS)  # the context columns last in every report


@pytest.fixture
def psychology(users):
    """Leiden teaches psychology part-time (a demo enrolment file), Groningen
    full-time; both answered the NSE 2025 (an official file)."""
    official = DataSourceFactory(
        name_nl="NSE-bestand", name_en="NSE file", kind=DataSource.Kind.OFFICIAL
    )
    demo = DataSourceFactory(
        name_nl="Demobestand", name_en="Demo file", kind=DataSource.Kind.DEMO
    )
    study = StudyFactory(
        croho_code="56604",
        level=Level.WO_BA,
        name_nl="Psychologie",
        name_en="Psychology",
    )
    # A round of its own: the shared fixture's 2024 round is a demo one.
    survey_round = SurveyRoundFactory(year=2025, source=official)
    overall = Aspect.objects.get(code=Aspect.Code.OVERALL)
    overall.name_en = "Overall"
    overall.save()
    atmosphere = AspectFactory(
        code="atmosphere", name_nl="Sfeer", name_en="Atmosphere", position=2
    )
    made = {}
    for key, brin, name_nl, name_en, city, form, mean in (
        ("A", "21PB", "Universiteit Leiden", "Leiden University", "Leiden",
         Form.PART_TIME, "3.90"),
        ("B", "21PC", "Rijksuniversiteit Groningen", "University of Groningen",
         "Groningen", Form.FULL_TIME, "4.10"),
    ):  # fmt: skip
        institution = InstitutionFactory._meta.model.objects.get(brin=brin)
        institution.name_nl, institution.name_en = name_nl, name_en
        institution.save()
        programme = ProgrammeFactory(
            study=study,
            institution=institution,
            name_nl=f"Psychologie {city}",
            name_en=f"Psychology {city}",
            municipality=MunicipalityFactory(name_nl=city, name_en=city),
            form=form,
            slug=f"psy-{brin.lower()}",
        )
        ProgrammeScoreFactory(
            programme=programme, aspect=overall, mean=mean, survey_round=survey_round
        )
        made[key] = programme
    ProgrammeScoreFactory(
        programme=made["A"],
        aspect=atmosphere,
        mean="4.80",
        respondents=3,
        survey_round=survey_round,
    )
    enrolment = EnrolmentFactory(
        programme=made["A"],
        academic_year=2024,
        students=1234,
        first_years=300,
        first_years_men=100,
        first_years_women=200,
        graduates=None,
    )
    enrolment.sources.set([demo])
    CareerFigureFactory(
        outcome__study=study,
        outcome__year=2023,
        outcome__source=official,
        metric=CareerMetric.STARTING_SALARY,
        value=2909,
        respondents=100,
    )
    return made


def reports_url(language):
    with translation.override(language):
        return reverse("reports:reports")


def export(client, language, report, file_format, institution="21PB"):
    return client.post(
        reports_url(language),
        {"report": report, "file_format": file_format, "institution": institution},
    )


def csv_table(response, delimiter):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    return header[:-CBS], [row[:-CBS] for row in rows]


def psychology_rows(rows):
    """The fixture's rows (the shared fixture adds others)."""
    return [row for row in rows if row[2].startswith("Psycholog")]


# --- Survey benchmark -----------------------------------------------------------

SURVEY_HEADER = {
    "nl": [
        "BRIN-code", "Instelling", "Opleiding", "CROHO-code", "Niveau", "Vorm",
        "Stad", "Enquêtejaar", "Aspect", "Oordeel", "Niet gepubliceerd omdat",
        "Respondenten", "Foutmarge (95%)", "Respons (%)", "Publicatiestatus",
        "Landelijk gemiddelde van de studie",
        "Opleidingen achter het landelijk gemiddelde",
        "Respondenten achter het landelijk gemiddelde",
        "Verschil met het landelijk gemiddelde", "Meer dan toeval (landelijk)",
        "Gemiddelde van de instelling",
        "Opleidingen achter het instellingsgemiddelde",
        "Respondenten achter het instellingsgemiddelde",
        "Verschil met het instellingsgemiddelde", "Meer dan toeval (instelling)",
        "Bron", "Demogegevens (geen echte cijfers)",
    ],
    "en": [
        "BRIN code", "Institution", "Programme", "CROHO code", "Level", "Form",
        "City", "Survey year", "Aspect", "Score", "Withheld because",
        "Respondents", "Margin of error (95%)", "Response rate (%)",
        "Publication status", "National average of the study",
        "Programmes behind the national average",
        "Respondents behind the national average",
        "Difference from the national average", "Beyond sampling noise (national)",
        "Average of the institution",
        "Programmes behind the institution's average",
        "Respondents behind the institution's average",
        "Difference from the institution's average",
        "Beyond sampling noise (institution)",
        "Source", "Demo data (not real figures)",
    ],
}  # fmt: skip

# Every score: SD 0.8, n = 100 of N = 300 (the factory's), so its margin is
# 1.96 × 0.8 / √100 × √(200 / 299) = 0.128 → 0.13 and its response rate 33.3%.
# Leiden: own 3.90 against the study's pool of Leiden 3.90 and Groningen 4.10
# (2 programmes, n = 200) = 4.0, difference -0.1; the difference's margin
# √(0.128² + 0.091²) = 0.157 includes 0: comparable. Leiden's own average in
# 2025 is its one programme (3.9, n = 100): difference 0.0, comparable. The
# atmosphere score rests on 3 respondents (1.0% of 300): withheld, and with it
# both averages that pool only it.
SURVEY_LEIDEN = {
    ("nl", ";"): [
        ["21PB", "Universiteit Leiden", "Psychologie Leiden", "56604",
         "Bachelor (wo)", "Deeltijd", "Leiden", "2025", "Algemeen oordeel", "3,9",
         "", "100", "0,13", "33,3", "gepubliceerd",
         "4,0", "2", "200", "-0,1", "vergelijkbaar",
         "3,9", "1", "100", "0,0", "vergelijkbaar", "NSE-bestand", "nee"],
        ["21PB", "Universiteit Leiden", "Psychologie Leiden", "56604",
         "Bachelor (wo)", "Deeltijd", "Leiden", "2025", "Sfeer", "",
         "Te weinig mensen hebben gereageerd.", "3", "", "1,0", "niet gepubliceerd",
         "", "", "", "", "", "", "", "", "", "", "NSE-bestand", "nee"],
    ],
    ("en", ","): [
        ["21PB", "Leiden University", "Psychology Leiden", "56604",
         "Bachelor (research university)", "Part-time", "Leiden", "2025",
         "Overall", "3.9", "", "100", "0.13", "33.3", "published",
         "4.0", "2", "200", "-0.1", "comparable",
         "3.9", "1", "100", "0.0", "comparable", "NSE file", "no"],
        ["21PB", "Leiden University", "Psychology Leiden", "56604",
         "Bachelor (research university)", "Part-time", "Leiden", "2025",
         "Atmosphere", "", "Too few people responded.", "3", "", "1.0", "withheld",
         "", "", "", "", "", "", "", "", "", "", "NSE file", "no"],
    ],
}  # fmt: skip
SURVEY_GRONINGEN = {
    ("nl", ";"): ["21PC", "Rijksuniversiteit Groningen", "Psychologie Groningen",
                  "56604", "Bachelor (wo)", "Voltijd", "Groningen", "2025",
                  "Algemeen oordeel", "4,1", "", "100", "0,13", "33,3",
                  "gepubliceerd", "4,0", "2", "200", "0,1", "vergelijkbaar",
                  "4,1", "1", "100", "0,0", "vergelijkbaar", "NSE-bestand", "nee"],
    ("en", ","): ["21PC", "University of Groningen", "Psychology Groningen",
                  "56604", "Bachelor (research university)", "Full-time",
                  "Groningen", "2025", "Overall", "4.1", "", "100", "0.13", "33.3",
                  "published", "4.0", "2", "200", "0.1", "comparable",
                  "4.1", "1", "100", "0.0", "comparable", "NSE file", "no"],
}  # fmt: skip
DIALECTS = [("nl", "csv_semicolon", ";"), ("en", "csv", ",")]


@pytest.mark.parametrize(("language", "file_format", "delimiter"), DIALECTS)
def test_survey_rows_for_a_liaison(
    client, users, psychology, language, file_format, delimiter
):
    client.force_login(users["liaison_a"])
    header, rows = csv_table(export(client, language, "survey", file_format), delimiter)
    assert header == SURVEY_HEADER[language]
    assert psychology_rows(rows) == SURVEY_LEIDEN[language, delimiter]
    assert {row[0] for row in rows} == {"21PB"}


@pytest.mark.parametrize(("language", "file_format", "delimiter"), DIALECTS)
def test_survey_rows_for_an_editor_of_all_institutions(
    client, users, psychology, language, file_format, delimiter
):
    client.force_login(users["editor"])
    header, rows = csv_table(
        export(client, language, "survey", file_format, institution=""), delimiter
    )
    assert header == SURVEY_HEADER[language]
    assert psychology_rows(rows) == [
        *SURVEY_LEIDEN[language, delimiter],
        SURVEY_GRONINGEN[language, delimiter],
    ]


# --- Programme overview ------------------------------------------------------------

# Leiden's 2024 counts come from a demo file: the row says so twice (source
# and demo flag); the missing graduates count is empty with its reason next.
OVERVIEW_LEIDEN = {
    "nl": {
        "Instelling": "Universiteit Leiden",
        "Niveau": "Bachelor (wo)",
        "Vorm": "Deeltijd",
        "Stad": "Leiden",
        "Studiejaar": "2024–2025",
        "Studenten": "1234",
        "Studenten: niet gepubliceerd omdat": "",
        "Afgestudeerden": "",
        "Afgestudeerden: niet gepubliceerd omdat": "Er zijn geen cijfers beschikbaar.",
        "Publicatiestatus": "deels niet gepubliceerd",
        "Demogegevens (geen echte cijfers)": "ja",
    },
    "en": {
        "Institution": "Leiden University",
        "Level": "Bachelor (research university)",
        "Form": "Part-time",
        "City": "Leiden",
        "Academic year": "2024–2025",
        "Students": "1234",
        "Students: withheld because": "",
        "Graduates": "",
        "Graduates: withheld because": "No figures are available.",
        "Publication status": "partly withheld",
        "Demo data (not real figures)": "yes",
    },
}
OVERVIEW_SOURCE = {
    "nl": "Demobestand (demogegevens, geen echte cijfers)",
    "en": "Demo file (demo data, not real figures)",
}


@pytest.mark.parametrize(("language", "file_format", "delimiter"), DIALECTS)
@pytest.mark.parametrize("who", ["liaison_a", "editor"])
def test_overview_rows_state_labels_reasons_and_demo(
    client, users, psychology, who, language, file_format, delimiter
):
    client.force_login(users[who])
    institution = "21PB" if who == "liaison_a" else ""
    header, rows = csv_table(
        export(client, language, "overview", file_format, institution), delimiter
    )
    psy = [row for row in rows if row[2].startswith("Psycholog")]
    assert len(psy) == 1
    row = dict(zip(header, psy[0], strict=True))
    assert {name: row[name] for name in OVERVIEW_LEIDEN[language]} == (
        OVERVIEW_LEIDEN[language]
    )
    source = row["Bron" if language == "nl" else "Source"]
    assert source == OVERVIEW_SOURCE[language]
    if who == "liaison_a":
        assert {row[0] for row in rows} == {"21PB"}


# --- Career outcomes ---------------------------------------------------------------


@pytest.mark.parametrize(("language", "file_format", "delimiter"), DIALECTS)
def test_careers_rows_name_each_programme_of_the_study(
    client, users, psychology, language, file_format, delimiter
):
    """The study's starting salary (2909, n=100) is shown for each programme
    of it the editor reports on, with the institution, form and city."""
    client.force_login(users["editor"])
    header, rows = csv_table(
        export(client, language, "careers", file_format, ""), delimiter
    )
    psy = [row[:13] for row in rows if row[2].startswith("Psycholog")]
    expected = {
        "nl": [
            ["21PB", "Universiteit Leiden", "Psychologie Leiden", "56604",
             "Bachelor (wo)", "Deeltijd", "Leiden", "2023", "Startsalaris (euro per maand)",
             "2909", "", "100", "gepubliceerd"],
            ["21PC", "Rijksuniversiteit Groningen", "Psychologie Groningen",
             "56604", "Bachelor (wo)", "Voltijd", "Groningen", "2023",
             "Startsalaris (euro per maand)", "2909", "", "100", "gepubliceerd"],
        ],
        "en": [
            ["21PB", "Leiden University", "Psychology Leiden", "56604",
             "Bachelor (research university)", "Part-time", "Leiden", "2023",
             "Starting salary (EUR per month)", "2909", "", "100", "published"],
            ["21PC", "University of Groningen", "Psychology Groningen", "56604",
             "Bachelor (research university)", "Full-time", "Groningen", "2023",
             "Starting salary (EUR per month)", "2909", "", "100", "published"],
        ],
    }  # fmt: skip
    assert psy == expected[language]
    by_name = [dict(zip(header, row, strict=True)) for row in rows]
    sources = {row["Bron" if language == "nl" else "Source"] for row in by_name}
    assert sources >= {"NSE-bestand" if language == "nl" else "NSE file"}


# --- XLSX ----------------------------------------------------------------------------


def xlsx_sheet(response, tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    return load_workbook(path).worksheets[0]


def sheet_rows(sheet):
    """{programme name: [(value, number format), ...]} up to the CBS context."""
    rows = {}
    for row in sheet.iter_rows(min_row=2):
        cells = [(cell.value, cell.number_format) for cell in row[:-CBS]]
        rows.setdefault(cells[2][0], []).append(cells)
    return rows


@pytest.mark.parametrize("language", ["nl", "en"])
def test_survey_xlsx_has_numbers_formats_filter_and_frozen_header(
    client, users, psychology, language, tmp_path
):
    client.force_login(users["liaison_a"])
    sheet = xlsx_sheet(export(client, language, "survey", "xlsx"), tmp_path)
    header = [cell.value for cell in sheet[1]]
    assert header[:-CBS] == SURVEY_HEADER[language]
    assert sheet.freeze_panes == "A2"
    # The shared fixture's programme has one row, the psychology fixture two.
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}4"
    assert sheet.column_dimensions["C"].width == 36  # programme names
    assert sheet["A1"].font.bold
    leiden = sheet_rows(sheet)[f"Psycholog{'ie' if language == 'nl' else 'y'} Leiden"]
    overall, atmosphere = leiden
    text = "General"
    assert overall[7:] == [
        (2025, "0"),
        ("Algemeen oordeel" if language == "nl" else "Overall", text),
        (3.9, "0.0"),
        (None, text),
        (100, "#,##0"),
        (0.13, "0.00"),
        (33.3, '0.0"%"'),
        ("gepubliceerd" if language == "nl" else "published", text),
        (4.0, "0.0"),
        (2, "#,##0"),
        (200, "#,##0"),
        (-0.1, "0.0"),
        ("vergelijkbaar" if language == "nl" else "comparable", text),
        (3.9, "0.0"),
        (1, "#,##0"),
        (100, "#,##0"),
        (0.0, "0.0"),
        ("vergelijkbaar" if language == "nl" else "comparable", text),
        ("NSE-bestand" if language == "nl" else "NSE file", text),
        ("nee" if language == "nl" else "no", text),
    ]
    assert atmosphere[9:15] == [
        (None, text),  # never the unreliable 4.8
        (
            "Te weinig mensen hebben gereageerd."
            if language == "nl"
            else "Too few people responded.",
            text,
        ),
        (3, "#,##0"),
        (None, text),  # no margin of a withheld score
        (1.0, '0.0"%"'),
        ("niet gepubliceerd" if language == "nl" else "withheld", text),
    ]


def test_careers_xlsx_formats_each_figure_as_its_kind(
    client, users, psychology, tmp_path
):
    """A salary in whole euros; the CBS shares as percentages, its wage in euros."""
    client.force_login(users["editor"])
    sheet = xlsx_sheet(export(client, "en", "careers", "xlsx", ""), tmp_path)
    header = [cell.value for cell in sheet[1]]
    value, average = header.index("Value"), header.index("Average of the level")
    rows = [row for row in sheet.iter_rows(min_row=2) if row[2].value.startswith("Psy")]
    assert [(row[0].value, row[value].value) for row in rows] == [
        ("21PB", 2909),
        ("21PC", 2909),
    ]
    assert {row[value].number_format for row in rows} == {'"€ "#,##0'}
    assert {row[average].number_format for row in rows} == {'"€ "#,##0'}
    share = header.index("CBS national context: share with work 1 year after (%)")
    assert sheet.column_dimensions[get_column_letter(share + 1)].width == 40
    # Both institutions' psychology and the shared fixture's two programmes.
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}5"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_overview_xlsx_counts_are_whole_numbers_with_the_demo_flag(
    client, users, psychology, language, tmp_path
):
    client.force_login(users["liaison_a"])
    sheet = xlsx_sheet(export(client, language, "overview", "xlsx"), tmp_path)
    header = [cell.value for cell in sheet[1]]
    (leiden,) = sheet_rows(sheet)[
        f"Psycholog{'ie' if language == 'nl' else 'y'} Leiden"
    ]
    row = dict(zip(header, leiden, strict=False))
    students = "Studenten" if language == "nl" else "Students"
    assert row[students] == (1234, "#,##0")
    demo = OVERVIEW_LEIDEN[language]
    flag = next(name for name in demo if name.startswith("Demo"))
    assert row[flag][0] == demo[flag]


def test_the_about_sheet_names_the_level_filter_as_a_word(
    client, users, psychology, tmp_path
):
    client.force_login(users["liaison_a"])
    response = client.post(
        reports_url("nl"),
        {
            "report": "survey",
            "file_format": "xlsx",
            "institution": "21PB",
            "level": "WO-BA",
        },
    )
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    about = {row[0].value: row[1].value for row in load_workbook(path).worksheets[-1]}
    assert about["Niveau"] == "Bachelor (wo)"
