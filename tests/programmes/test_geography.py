"""A municipality's coordinates: the GeoNames place of its name."""

import pytest

from programmes.geography import municipality_place


@pytest.mark.parametrize(
    ("name", "latitude", "longitude"),
    [
        ("Utrecht", 52.09083, 5.12222),
        # CBS's spelling of The Hague, as the importer writes it.
        ("’s-Gravenhage", 52.07667, 4.29861),
        ("'s-Hertogenbosch", 51.69917, 5.30417),
        # The Overijssel one (the most populous of the two Hengelos).
        ("Hengelo (O)", 52.26583, 6.79306),
    ],
)
def test_a_municipality_lies_at_the_place_of_its_name(name, latitude, longitude):
    place = municipality_place(name)
    assert place is not None
    assert (place.latitude, place.longitude) == (latitude, longitude)


def test_a_municipality_named_after_no_place_has_no_coordinates():
    assert municipality_place("Súdwest-Fryslân") is None
    assert municipality_place("Gemeente 12") is None
