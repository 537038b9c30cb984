"""For every programme of a generated catalogue (missing years, withheld
scores, demo and official sources, unpublished peers), the API's figures are
those its page prints: both come from `public.presenters.programme_page`."""

from decimal import Decimal

import pytest

from tests.public import test_figures_agree
from tests.public.test_figures_agree import page_figures

# The generated catalogue of the pages' own agreement test.
catalogue = test_figures_agree.catalogue

pytestmark = pytest.mark.django_db


def as_printed(figure: dict | None) -> Decimal | None:
    """The API's figure as a number: None where withheld."""
    if figure is None or figure["value"] is None:
        return None
    return Decimal(str(figure["value"]))


def printed_numbers(figures: dict) -> dict:
    return {name: None if v is None else Decimal(v) for name, v in figures.items()}


def api_figures(client, programme) -> dict:
    detail = client.get(f"/api/v1/programmes/{programme.slug}/").json()
    figures = detail["figures"]
    aspects = {a["code"]: a for a in (detail["survey"] or {}).get("aspects", [])}
    overall = aspects.get("overall")
    return {
        "students": as_printed(figures["students"]),
        "score": as_printed(overall["own"]) if overall else None,
        "national": as_printed(overall["national_average"]) if overall else None,
        "salary": as_printed(figures.get("starting_salary")),
        "salary_average": as_printed(figures.get("starting_salary_level_average")),
    }


def test_every_programme_reads_the_same_in_the_api_and_on_its_page(client, catalogue):
    assert len(catalogue) > 10
    for programme in catalogue:
        page = printed_numbers(page_figures(client, programme))
        assert api_figures(client, programme) == page, programme.slug


def test_the_catalogue_has_withheld_and_shown_figures(client, catalogue):
    """The comparison above is not vacuous: both kinds occur."""
    reasons = set()
    for programme in catalogue:
        detail = client.get(f"/api/v1/programmes/{programme.slug}/").json()
        for aspect in (detail["survey"] or {}).get("aspects", []):
            reasons.add(aspect["own"]["reason"])
    assert {None, "too_few_respondents"} <= reasons
