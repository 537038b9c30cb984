"""The rules of "rank by my criteria" (docs/FIGURES.md, "My criteria").

A criterion's figures are put on one scale from 0 (worst) to 1 (best) before
they are weighed: each figure's place between the low and high end of the
published figures of the whole catalogue, with the lowest and highest 5% cut
off so that one programme of 60,000 students or one private fee of €20,000 does
not squash everybody else into a corner (`trimmed_range`). A figure beyond an
end counts as that end.

A figure the publication rule withholds, or that does not exist, is unknown,
never 0: it counts as the middle of the scale (`UNKNOWN_COUNTS_AS`), so a
programme neither wins nor loses on what nobody knows, and one that is good
on every known criterion still comes before one that is good on the single
criterion known of it.

Plain Python: the public side turns these into SQL (`public.ranking`).
"""

import math
from dataclasses import dataclass

# Cut off at each end of a criterion's published figures before scaling.
TRIMMED_SHARE = 0.05
# Where an unknown figure sits on the 0 to 1 scale: the middle.
UNKNOWN_COUNTS_AS = 0.5
# What the weights are added up to: a ranking score is out of 100 points.
SCORE_SCALE = 100
WEIGHTS = (0, 1, 2, 3)


@dataclass(frozen=True)
class Range:
    """The low and high end a criterion's figures are scaled between."""

    low: float
    high: float

    def scaled(self, value: float, *, higher_is_better: bool) -> float:
        """The figure's place between the ends, 0 worst and 1 best; beyond an
        end, that end; no spread at all (every figure the same), the middle."""
        if self.high <= self.low:
            return UNKNOWN_COUNTS_AS
        place = min(max((value - self.low) / (self.high - self.low), 0.0), 1.0)
        return place if higher_is_better else 1.0 - place


def trimmed_positions(count: int) -> tuple[int, int]:
    """The positions (from 0, in ascending order) of the low and high end among
    `count` sorted figures: TRIMMED_SHARE cut off at each end, rounded down, so
    that fewer than 21 figures keep their lowest and highest."""
    cut = math.floor(TRIMMED_SHARE * (count - 1)) if count else 0
    return cut, max(count - 1 - cut, cut)


def share_of_score(weight: int, total_weight: int) -> float:
    """The points a criterion of this weight can add to a score out of
    SCORE_SCALE, when the weights chosen add up to `total_weight`."""
    return SCORE_SCALE * weight / total_weight if total_weight else 0.0


EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The distance in km between two (latitude, longitude) points as the crow
    flies (haversine): for "distance to a city" in a country 300 km across,
    the roads' detours matter less than the order they keep."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
