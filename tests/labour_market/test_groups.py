"""Every level a study can have joins CBS's figures by its sector, or says why
it cannot."""

import pytest

from labour_market.groups import CbsGroup, cbs_group
from labour_market.models import CbsLevel
from programmes.models.choices import Level, Sector

NO_SECTOR = "The study's CROHO sector is not known, so no CBS figures match it."
UNDIVIDED = (
    "CBS publishes labour-market figures for bachelors and masters only, not for "
    "undivided programmes."
)
POST_INITIAL = "CBS publishes no labour-market figures for post-initial masters."

EXPECTED = {
    Level.HBO_AD: "CBS publishes no labour-market figures for associate degrees.",
    Level.HBO_BA: CbsLevel.HBO_BACHELOR,
    Level.HBO_MA: CbsLevel.HBO_MASTER,
    Level.HBO_PM: POST_INITIAL,
    Level.HBO_O: UNDIVIDED,
    Level.WO_BA: CbsLevel.WO_BACHELOR,
    Level.WO_MA: CbsLevel.WO_MASTER,
    Level.WO_PM: POST_INITIAL,
    Level.WO_O: UNDIVIDED,
}


def test_every_level_of_a_study_is_accounted_for():
    assert set(EXPECTED) == set(Level)


@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize("sector", list(Sector))
def test_a_level_maps_to_a_cbs_group_or_says_why_not(level, sector, english):
    group, reason = cbs_group(level=level, sector=sector)

    expected = EXPECTED[level]
    if expected in CbsLevel.values:
        assert (group, reason) == (CbsGroup(expected, sector), "")
        assert group.sector_label == Sector(sector).label
        assert group.level_label == CbsLevel(expected).label
    else:
        assert (group, reason) == (None, expected)


@pytest.mark.parametrize("sector", ["", "SPORT", None])
@pytest.mark.parametrize("level", [Level.HBO_BA, Level.WO_MA])
def test_a_study_without_a_known_sector_matches_nothing(level, sector, english):
    assert cbs_group(level=level, sector=sector) == (None, NO_SECTOR)


def test_the_reasons_are_translated():
    assert (
        cbs_group(level=Level.HBO_AD, sector=Sector.ECONOMY)[1]
        != (EXPECTED[Level.HBO_AD])
    )
    assert cbs_group(level=Level.WO_BA, sector="")[1] != NO_SECTOR


def test_the_group_names_level_and_sector_in_english(english):
    group, _reason = cbs_group(level=Level.WO_MA, sector=Sector.HEALTH_CARE)
    assert (group.level_label, group.sector_label) == (
        "research-university master",
        "Health care",
    )
