"""schema.org structured data on the programme page: valid JSON with the facts
the page shows, nothing withheld, no way out of its script element."""

import json

import pytest
from django.utils import translation

from programmes.models import DataSource, FeeKind, Form, Language
from public.structured_data import full_time_duration
from tests.programmes.factories import (
    DataSourceFactory,
    ProgrammeFactory,
    TuitionFeeFactory,
)
from tests.public.programme_pages import get_page

pytestmark = pytest.mark.django_db


def structured_data(client, programme, language="en") -> dict:
    soup = get_page(client, programme, language)
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    assert blocks[0].parent.name == "head"
    return json.loads(blocks[0].string)


def test_the_programme_as_an_educational_occupational_program(client, leiden):
    data = structured_data(client, leiden, "en")
    with translation.override("en"):
        page_url = f"http://testserver{leiden.get_absolute_url()}"
        provider_url = f"http://testserver{leiden.institution.get_absolute_url()}"
    assert data == {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": "Biomedical Sciences",
        "url": page_url,
        "provider": {
            "@type": "CollegeOrUniversity",
            "name": leiden.institution.name_en,
            "url": provider_url,
        },
        "educationalCredentialAwarded": "Master of Science",
        "educationalProgramMode": "full-time",
        "inLanguage": "en",
        "numberOfCredits": {
            "@type": "StructuredValue",
            "value": 120,
            "unitText": "ECTS",
        },
        "timeToComplete": "P2Y",
        "offers": [
            {
                "@type": "Offer",
                "name": "Statutory tuition fee",
                "category": "statutory",
                "price": "2601.00",
                "priceCurrency": "EUR",
                "description": "2025–2026",
            }
        ],
    }


def test_in_dutch_with_the_institutions_own_website(client, leiden):
    institution = leiden.institution
    institution.website = "https://www.universiteitleiden.nl/"
    institution.save()
    TuitionFeeFactory(
        programme=leiden, academic_year=2025, kind=FeeKind.INSTITUTIONAL, amount=22000
    )
    data = structured_data(client, leiden, "nl")
    assert data["provider"]["name"] == "Universiteit Leiden"
    assert data["provider"]["url"] == "https://www.universiteitleiden.nl/"
    assert [(o["name"], o["price"]) for o in data["offers"]] == [
        ("Wettelijk collegegeld", "2601.00"),
        ("Instellingscollegegeld", "22000.00"),
    ]


def test_no_missing_withheld_or_demo_figure_appears(client):
    """No ECTS, no language, part-time, a demo fee: those keys are left out, never
    written as empty or zero."""
    programme = ProgrammeFactory(
        ects=None, language="", form=Form.PART_TIME, degree_nl="", degree_en=""
    )
    TuitionFeeFactory(programme=programme, source=DataSourceFactory(kind="demo"))
    data = structured_data(client, programme, "en")
    for key in ("numberOfCredits", "timeToComplete", "inLanguage", "offers"):
        assert key not in data
    assert data["educationalProgramMode"] == "part-time"
    # Without a degree title, the level says what the programme leads to.
    assert data["educationalCredentialAwarded"] == "Master (research university)"
    assert None not in data.values()


def test_a_real_fee_goes_in_when_the_other_kind_is_unknown(client):
    programme = ProgrammeFactory(language=Language.DUTCH_AND_ENGLISH)
    official = DataSourceFactory(kind=DataSource.Kind.OFFICIAL)
    TuitionFeeFactory(
        programme=programme, kind=FeeKind.INSTITUTIONAL, amount=15000, source=official
    )
    data = structured_data(client, programme, "en")
    assert [offer["category"] for offer in data["offers"]] == ["institutional"]
    assert data["inLanguage"] == ["nl", "en"]


def test_text_cannot_close_the_script_element(client):
    hostile = '</script><script>alert(1)</script><!-- & "quotes"'
    programme = ProgrammeFactory(name_en=hostile)
    with translation.override("en"):
        html = client.get(programme.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert "<script>alert" not in head
    structured = head.split('<script type="application/ld+json">')[1]
    assert "<" not in structured.split("</script>")[0]
    assert structured_data(client, programme, "en")["name"] == hostile


@pytest.mark.parametrize(
    ("ects", "duration"), [(60, "P1Y"), (120, "P2Y"), (90, "P18M"), (240, "P4Y")]
)
def test_full_time_duration_follows_60_ects_a_year(ects, duration):
    assert full_time_duration(ects) == duration
