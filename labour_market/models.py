"""National labour-market figures of graduates from Statistics Netherlands (CBS).

One row per published cell of CBS's tables, exactly as CBS publishes it (counts
rounded to tens; a suppressed cell is stored as no value, never 0). They are
context per sector and level, never a programme's own figure: what a page shows
from them is computed in `selectors.py`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models.choices import Sector
from programmes.models.imports import import_run_field
from programmes.models.sources import source_field


class CbsLevel(models.TextChoices):
    """The levels CBS publishes (graduates with that diploma)."""

    HBO_BACHELOR = "hbo_bachelor", _("hbo bachelor")
    HBO_MASTER = "hbo_master", _("hbo master")
    WO_BACHELOR = "wo_bachelor", _("wo bachelor")
    WO_MASTER = "wo_master", _("wo master")


class Gender(models.TextChoices):
    TOTAL = "total", _("Men and women")
    MEN = "men", _("Men")
    WOMEN = "women", _("Women")


class Position(models.TextChoices):
    """Labour-market position; the five together are the whole cohort."""

    WORK = "work", _("With work, without benefits")
    WORK_AND_BENEFITS = "work_benefits", _("With work and benefits")
    BENEFITS = "benefits", _("Without work, with benefits")
    NEITHER = "neither", _("Without work or benefits")
    EDUCATION = "education", _("Back in education")


ALL_SECTORS = ""  # CBS's "Totaal" of the sectors


def sector_field():
    return models.CharField(
        _("sector"),
        max_length=40,
        choices=Sector.choices,
        blank=True,
        help_text=_("Empty: all sectors of the level together (CBS's total)."),
    )


class CbsCell(models.Model):
    """What a CBS row is about: a cohort, level, sector, gender and moment."""

    cohort = models.PositiveSmallIntegerField(
        _("cohort"),
        help_text=_(
            "The academic year the graduates left higher education in, by its first calendar year: 2015 is 2015/'16."
        ),
    )
    level = models.CharField(_("level"), max_length=12, choices=CbsLevel.choices)
    sector = sector_field()
    gender = models.CharField(_("gender"), max_length=5, choices=Gender.choices)
    years_after = models.PositiveSmallIntegerField(
        _("years after leaving"), help_text=_("0: directly after leaving.")
    )
    source = source_field()
    import_run = import_run_field()

    class Meta:
        abstract = True
        ordering = ("-cohort", "level", "sector", "gender", "years_after")


class PositionCount(CbsCell):
    """CBS 85776NED: graduates in one labour-market position (rounded to tens)."""

    position = models.CharField(_("position"), max_length=14, choices=Position.choices)
    graduates = models.PositiveIntegerField(
        _("graduates"),
        null=True,
        blank=True,
        help_text=_("Empty: CBS publishes no figure for this cell."),
    )

    class Meta(CbsCell.Meta):
        verbose_name = _("CBS labour-market position count")
        verbose_name_plural = _("CBS labour-market position counts")
        constraints = [
            models.UniqueConstraint(
                fields=(
                    "cohort",
                    "level",
                    "sector",
                    "gender",
                    "years_after",
                    "position",
                ),
                name="position_count_unique_cell",
            ),
        ]

    def __str__(self):
        return f"{self.cohort} {self.level} {self.sector or 'total'} {self.position} +{self.years_after}"


class HourlyWage(CbsCell):
    """CBS 83815NED: the mean hourly wage of graduates working as employees."""

    wage = models.DecimalField(
        _("hourly wage (EUR)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: CBS publishes no figure for this cell."),
    )

    class Meta(CbsCell.Meta):
        verbose_name = _("CBS hourly wage")
        verbose_name_plural = _("CBS hourly wages")
        constraints = [
            models.UniqueConstraint(
                fields=("cohort", "level", "sector", "gender", "years_after"),
                name="hourly_wage_unique_cell",
            ),
        ]

    def __str__(self):
        return f"{self.cohort} {self.level} {self.sector or 'total'} +{self.years_after}: {self.wage}"
