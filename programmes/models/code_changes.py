from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .catalogue import Programme
from .statistics import academic_year_label

# The first academic year a code change may start: DUO's open data begins later;
# anything earlier is a typo.
EARLIEST_CHANGE_YEAR = 1990

croho_code_validator = RegexValidator(
    r"^\d{5}\Z", _("A CROHO code is five digits, e.g. 56604.")
)


def latest_change_year() -> int:
    """The latest first year a change may have: next academic year (a change
    announced for the coming year)."""
    return timezone.localdate().year + 1


SAME_YEAR_MESSAGE = _("This programme already has a code change in this year.")


class ProgrammeCodeChange(models.Model):
    """A programme's former CROHO code, recorded by staff: DUO gives every year
    under the current code and keeps no mapping, so only a record here tells
    the trends that the figures before `first_year` were counted under another
    code (a break in the series, docs/FIGURES.md)."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="code_changes",
    )
    former_code = models.CharField(
        _("former CROHO code"),
        max_length=5,
        validators=[croho_code_validator],
        help_text=_("The five-digit code the programme had before the change."),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first academic year under the new code"),
        validators=[MinValueValidator(EARLIEST_CHANGE_YEAR)],
        help_text=_(
            "The year the academic year starts in, e.g. 2018 for 2018–2019: the "
            "first year counted under the code that followed the former one."
        ),
    )
    notice = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where the change is announced (a link or a reference), for staff; "
            "not shown on the public page."
        ),
    )

    SAME_YEAR_MESSAGE = SAME_YEAR_MESSAGE

    class Meta:
        ordering = ("programme", "first_year")
        verbose_name = _("programme code change")
        verbose_name_plural = _("programme code changes")
        constraints = [
            models.UniqueConstraint(
                fields=("programme", "first_year"),
                name="programme_code_change_unique_year",
                violation_error_message=SAME_YEAR_MESSAGE,
            ),
            models.CheckConstraint(
                condition=models.Q(first_year__gte=EARLIEST_CHANGE_YEAR),
                name="programme_code_change_plausible_year",
            ),
        ]

    def __str__(self):
        return _("%(code)s, up to %(year)s") % {
            "code": self.former_code,
            "year": academic_year_label(self.first_year - 1),
        }

    def clean(self):
        super().clean()
        errors = {}
        if self.first_year is not None and self.first_year > latest_change_year():
            errors["first_year"] = _(
                "A code change starts at the latest in %(year)s."
            ) % {"year": latest_change_year()}
        current = self._current_code()
        if current and self.former_code == current:
            errors["former_code"] = _(
                "The former code must differ from the programme's current code "
                "(%(code)s)."
            ) % {"code": current}
        if errors:
            raise ValidationError(errors)

    def _current_code(self) -> str:
        """The programme's code, also of a programme being added with this
        change (the admin's inline); empty while it has no study yet."""
        try:
            programme = self.programme
        except ObjectDoesNotExist:
            return ""
        return programme.croho_code if programme.study_id else ""
