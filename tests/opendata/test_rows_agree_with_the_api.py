"""For every programme of a generated catalogue (missing years, withheld
scores, demo and official sources, unpublished programmes), programmes.csv
holds the figures the API gives: value, n, year, source, status, reason, demo."""

from decimal import Decimal

import pytest

from opendata.columns import FIGURES
from tests.public import test_figures_agree

# The generated catalogue of the pages' own agreement test.
catalogue = test_figures_agree.catalogue

pytestmark = pytest.mark.django_db


def api_cells(figure: dict | None) -> dict:
    """An API figure as the CSV should write it; a figure the API leaves out is
    missing: withheld for want of data."""
    if figure is None:
        return {
            "value": "",
            "n": "",
            "year": "",
            "source": "",
            "status": "withheld",
            "reason": "no_data",
            "demo": "false",
        }

    def text(value):
        return "" if value is None else str(value)

    return {
        "value": text(figure["value"]),
        "n": text(figure["n"]),
        "year": text(figure["year"]),
        "source": figure["source"]["key"] if figure["source"] else "",
        "status": figure["status"],
        "reason": text(figure["reason"]),
        "demo": "true" if figure["demo"] else "false",
    }


def csv_cells(row: dict, key: str) -> dict:
    parts = ("value", "n", "year", "source", "status", "reason", "demo")
    return {part: row[f"{key}_{part}"] for part in parts}


def test_every_published_programme_has_the_apis_figures(client, catalogue, exported):
    rows = exported()
    assert set(rows) == {programme.slug for programme in catalogue}
    compared = withheld = 0
    for programme in catalogue:
        detail = client.get(f"/api/v1/programmes/{programme.slug}/").json()
        row = rows[programme.slug]
        assert row["demo"] == ("true" if detail["demo"] else "false")
        assert (row["brin"], row["croho_code"]) == (
            programme.institution.brin,
            programme.study.croho_code,
        )
        for figure in FIGURES:
            expected = api_cells(detail["figures"].get(figure.key))
            assert csv_cells(row, figure.key) == expected, (programme.slug, figure.key)
            compared += 1
            withheld += expected["status"] == "withheld"
            if expected["value"]:
                Decimal(row[f"{figure.key}_value"])  # a plain number
    # Not vacuous: both published and withheld figures were compared.
    assert 0 < withheld < compared
