"""The one join of a study to CBS's labour-market figures: its sector and level.

CBS publishes per CROHO sector ("studierichting") and per level of diploma; a
study has both. A level CBS does not publish (associate degree, post-initial
master, undivided programme) or a study without a sector matches nothing, and
the reason says why.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from programmes.models.choices import Level, Sector

from .models import CbsLevel

CBS_LEVELS = {
    Level.HBO_BA: CbsLevel.HBO_BACHELOR,
    Level.HBO_MA: CbsLevel.HBO_MASTER,
    Level.WO_BA: CbsLevel.WO_BACHELOR,
    Level.WO_MA: CbsLevel.WO_MASTER,
}
POST_INITIAL = _("CBS publishes no labour-market figures for post-initial masters.")
UNDIVIDED = _(
    "CBS publishes labour-market figures for bachelors and masters only, not "
    "for undivided programmes."
)
NO_CBS_LEVEL = {
    Level.HBO_AD: _("CBS publishes no labour-market figures for associate degrees."),
    Level.HBO_PM: POST_INITIAL,
    Level.WO_PM: POST_INITIAL,
    Level.HBO_O: UNDIVIDED,
    Level.WO_O: UNDIVIDED,
}
NO_SECTOR = _("The study's CROHO sector is not known, so no CBS figures match it.")


@dataclass(frozen=True)
class CbsGroup:
    """Graduates of one level in one sector, as CBS counts them."""

    level: str  # CbsLevel
    sector: str  # Sector (CROHO)

    @property
    def level_label(self) -> str:
        return CbsLevel(self.level).label

    @property
    def sector_label(self) -> str:
        return Sector(self.sector).label


def cbs_group(*, level: str, sector: str) -> tuple[CbsGroup | None, str]:
    """The CBS group of a study's level and sector, or None and why not."""
    if level not in CBS_LEVELS:
        return None, str(NO_CBS_LEVEL.get(level, NO_SECTOR))
    if sector not in Sector.values:
        return None, str(NO_SECTOR)
    return CbsGroup(CBS_LEVELS[level], sector), ""
