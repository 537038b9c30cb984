from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from .catalogue import Programme
from .choices import FeeKind
from .imports import import_run_field
from .sources import source_field

PERCENTAGE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def academic_year_label(start_year: int) -> str:
    """2025 → '2025–2026', the way Dutch institutions name a year."""
    return f"{start_year}–{start_year + 1}"


def percentage_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENTAGE_VALIDATORS,
        **kwargs,
    )


class TuitionFee(models.Model):
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="fees",
    )
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"),
        help_text=_("The year the academic year starts, e.g. 2025 for 2025–2026."),
    )
    kind = models.CharField(
        _("kind"), max_length=15, choices=FeeKind.choices, default=FeeKind.STATUTORY
    )
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    source = source_field(optional=True)

    class Meta:
        ordering = ("-academic_year", "kind")
        verbose_name = _("tuition fee")
        verbose_name_plural = _("tuition fees")
        constraints = [
            models.UniqueConstraint(
                fields=("programme", "academic_year", "kind"),
                name="fee_unique_per_year_and_kind",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="fee_not_negative",
                violation_error_message=_("A fee cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.academic_year_label}"

    @property
    def academic_year_label(self) -> str:
        return academic_year_label(self.academic_year)


class Enrolment(models.Model):
    """Registered students of a programme in one academic year (count date 1 October)."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    academic_year = models.PositiveSmallIntegerField(_("academic year"))
    students = models.PositiveIntegerField(_("students"), null=True, blank=True)
    first_years = models.PositiveIntegerField(
        _("first-year students"), null=True, blank=True
    )
    first_years_men = models.PositiveIntegerField(
        _("first-year men"), null=True, blank=True
    )
    first_years_women = models.PositiveIntegerField(
        _("first-year women"), null=True, blank=True
    )
    graduates = models.PositiveIntegerField(_("graduates"), null=True, blank=True)
    sources = models.ManyToManyField(
        "programmes.DataSource",
        verbose_name=_("sources"),
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ("-academic_year",)
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=("programme", "academic_year"),
                name="enrolment_unique_per_year",
            ),
            models.CheckConstraint(
                condition=Q(first_years__isnull=True)
                | LessThanOrEqual(
                    Coalesce(F("first_years_men"), 0)
                    + Coalesce(F("first_years_women"), 0),
                    F("first_years"),
                ),
                name="enrolment_gender_within_first_years",
                violation_error_message=_(
                    "First-year men and women together cannot outnumber "
                    "the first-year students."
                ),
            ),
        ]

    def __str__(self):
        return academic_year_label(self.academic_year)

    def clean(self):
        if (
            self.first_years is not None
            and self.students is not None
            and self.first_years > self.students
        ):
            raise ValidationError(
                {"first_years": _("First-year students are part of all students.")}
            )


class EnrolmentFigureSource(models.Model):
    """Where one figure of an enrolment year came from: the dataset (its file and
    series), the import run that wrote it. One per figure: when two series cover
    the same year, the one that wins is the one cited (docs/IMPORT.md)."""

    class Figure(models.TextChoices):
        STUDENTS = "students", _("students")
        FIRST_YEARS = "first_years", _("first-year students")
        GRADUATES = "graduates", _("graduates")

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="figure_sources",
    )
    figure = models.CharField(_("figure"), max_length=20, choices=Figure.choices)
    source = models.ForeignKey(
        "programmes.DataSource",
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    import_run = import_run_field()

    class Meta:
        verbose_name = _("figure source")
        verbose_name_plural = _("figure sources")
        constraints = [
            models.UniqueConstraint(
                fields=("enrolment", "figure"), name="enrolment_figure_one_source"
            )
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.get_figure_display()}"


class StudyProgress(models.Model):
    """How a cohort of first-years fares: after one year, and after N years."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="progress",
    )
    cohort_year = models.PositiveSmallIntegerField(
        _("cohort"), help_text=_("The year the cohort started.")
    )
    cohort_size = models.PositiveIntegerField(_("cohort size"), null=True, blank=True)
    first_year_continued = percentage_field(_("continued after year one (%)"))
    first_year_switched = percentage_field(_("switched programme (%)"))
    first_year_dropped_out = percentage_field(_("left higher education (%)"))
    diploma_years = models.PositiveSmallIntegerField(
        _("diploma within (years)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    diploma_this = percentage_field(_("diploma of this programme (%)"))
    diploma_other = percentage_field(_("another diploma at the same level (%)"))
    diploma_none = percentage_field(_("no diploma (%)"))
    source = source_field(optional=True)

    class Meta:
        ordering = ("-cohort_year",)
        verbose_name = _("study progress")
        verbose_name_plural = _("study progress")
        constraints = [
            models.UniqueConstraint(
                fields=("programme", "cohort_year"), name="progress_unique_cohort"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    Coalesce(F("first_year_continued"), Decimal(0))
                    + Coalesce(F("first_year_switched"), Decimal(0))
                    + Coalesce(F("first_year_dropped_out"), Decimal(0)),
                    Decimal(100),
                ),
                name="progress_first_year_shares_within_100",
                violation_error_message=_(
                    "The first-year shares add up to more than 100%%."
                ),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    Coalesce(F("diploma_this"), Decimal(0))
                    + Coalesce(F("diploma_other"), Decimal(0))
                    + Coalesce(F("diploma_none"), Decimal(0)),
                    Decimal(100),
                ),
                name="progress_diploma_shares_within_100",
                violation_error_message=_(
                    "The diploma shares add up to more than 100%%."
                ),
            ),
        ]

    def __str__(self):
        return _("Cohort %(year)s") % {"year": self.cohort_year}
