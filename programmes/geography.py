"""Where a municipality lies: the coordinates of the GeoNames place of its name.

The catalogue itself has no coordinates. `data/geonames-nl/places-nl.csv`
(GeoNames, CC BY 4.0; its PROVENANCE.md) lists every Dutch place of at least
1,000 inhabitants with its coordinates and other names. A municipality is
placed at the place that bears its name (its main town, which nearly always
gives the municipality its name), the most populous one when several do; a
municipality named after no place (Súdwest-Fryslân) has no coordinates, and a
page says its distance is unknown rather than guess one.
"""

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .importing.normalise import municipality_key
from .models import Municipality

PLACES_FILE = Path("geonames-nl") / "places-nl.csv"
# "Hengelo (O)": CBS tells two municipalities of one name apart by their
# province; GeoNames names the place "Hengelo".
PROVINCE_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    population: int

    @property
    def point(self) -> tuple[float, float]:
        return self.latitude, self.longitude


@functools.cache
def _places_by_key(path: Path) -> dict[str, Place]:
    """Each name's key (`municipality_key`) and the most populous place of it."""
    places: dict[str, Place] = {}
    with path.open(encoding="utf-8", newline="") as lines:
        for row in csv.DictReader(lines):
            place = Place(
                float(row["latitude"]), float(row["longitude"]), int(row["population"])
            )
            names = [row["name"], *filter(None, row["alternate_names"].split("|"))]
            for key in {municipality_key(name) for name in names}:
                known = places.get(key)
                if known is None or known.population < place.population:
                    places[key] = place
    return places


def places_file() -> Path:
    return Path(settings.OPENDATA_DIR) / PLACES_FILE


def municipality_place(name: str) -> Place | None:
    """The GeoNames place a municipality of this name lies at, if any."""
    places = _places_by_key(places_file())
    return places.get(municipality_key(name)) or places.get(
        municipality_key(PROVINCE_SUFFIX.sub("", name))
    )


def municipality_points(
    municipalities: "list[Municipality]",
) -> dict[int, tuple[float, float]]:
    """(latitude, longitude) of each of these municipalities that has them."""
    points = {}
    for municipality in municipalities:
        place = municipality_place(municipality.name_nl or municipality.name)
        if place is not None:
            points[municipality.pk] = place.point
    return points
