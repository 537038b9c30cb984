"""The overview over a range of years marks what the pages' "Over the years"
marks: a year without figures between two rows, and a count that continues in
another series (another dataset), read back from the CSV in each dialect."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from programmes.models import DataSource, EnrolmentFigureSource
from tests.programmes.factories import DataSourceFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_series(users, two_institutions):
    """Leiden's BMW (2023 and 2024 from the shared fixture) also has 2018 and
    2019; its students come from the old file up to 2019 and from the new one
    from 2023 on, its graduates from one file throughout."""
    programme = two_institutions["A"]["programme"]
    old, new = (
        DataSourceFactory(key=key, name_nl=key, kind=DataSource.Kind.OFFICIAL)
        for key in ("duo-oud", "duo-nieuw")
    )
    for year in (2018, 2019):
        EnrolmentFactory(programme=programme, academic_year=year, graduates=50)
    for enrolment in programme.enrolments.all():
        enrolment.graduates = 50
        enrolment.save()
        EnrolmentFigureSource.objects.create(
            enrolment=enrolment,
            figure=EnrolmentFigureSource.Figure.STUDENTS,
            source=old if enrolment.academic_year < 2023 else new,
        )
        EnrolmentFigureSource.objects.create(
            enrolment=enrolment,
            figure=EnrolmentFigureSource.Figure.GRADUATES,
            source=old,
        )


EXPECTED = {
    "nl": [
        ("2018–2019", "", ""),
        ("2019–2020", "", ""),
        ("2023–2024", "2020–2021 tot en met 2022–2023",
         "Studenten: andere reeks dan in 2019–2020"),
        ("2024–2025", "", ""),
    ],
    "en": [
        ("2018–2019", "", ""),
        ("2019–2020", "", ""),
        ("2023–2024", "2020–2021 to 2022–2023",
         "Students: another series than in 2019–2020"),
        ("2024–2025", "", ""),
    ],
}  # fmt: skip
HEADINGS = {
    "nl": ("Studiejaar", "Jaren zonder cijfers vóór dit jaar", "Breuk in de reeks"),
    "en": ("Academic year", "Years without figures before this one", "Series break"),
}


@pytest.mark.parametrize(
    ("language", "file_format", "delimiter"),
    [("nl", "csv_semicolon", ";"), ("en", "csv", ",")],
)
@pytest.mark.parametrize("who", ["liaison_a", "editor"])
def test_the_overview_marks_gaps_and_series_breaks(
    client, users, broken_series, who, language, file_format, delimiter
):
    client.force_login(users[who])
    with translation.override(language):
        url = reverse("reports:reports")
    response = client.post(
        url,
        {
            "report": "overview",
            "file_format": file_format,
            "institution": "21PB" if who == "liaison_a" else "",
        },
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    year, gap, series_break = HEADINGS[language]
    leiden = [row for row in rows if next(iter(row.values())) == "21PB"]
    assert [(row[year], row[gap], row[series_break]) for row in leiden] == (
        EXPECTED[language]
    )
