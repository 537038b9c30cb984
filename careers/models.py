from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programmes.models.imports import import_run_field
from programmes.models.sources import source_field
from programmes.models.statistics import PERCENTAGE_VALIDATORS, percentage_field


class Occupation(models.Model):
    """An occupation graduates work in (ISCO classification)."""

    name = models.CharField(_("name"), max_length=200)
    isco_code = models.CharField(
        _("ISCO code"),
        max_length=4,
        blank=True,
        help_text=_("International Standard Classification of Occupations."),
    )

    class Meta:
        ordering = ("name",)
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self):
        return self.name


class CareerOutcome(models.Model):
    """Graduates of a study about 1.5 years after graduation, in one survey year."""

    study = models.ForeignKey(
        "programmes.Study",
        verbose_name=_("study"),
        on_delete=models.CASCADE,
        related_name="career_outcomes",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    respondents = models.PositiveIntegerField(
        _("respondents"),
        help_text=_("Graduates who answered; the occupation shares rest on them."),
    )
    source = source_field()
    # The import that last added or changed it (for an outcome: also one of its
    # figures or occupations): the change log of the study's programmes cites it
    # (careers.changelog).
    import_run = import_run_field()

    class Meta:
        ordering = ("-year",)
        verbose_name = _("career outcome")
        verbose_name_plural = _("career outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=("study", "year"), name="career_outcome_unique_per_study_year"
            ),
        ]

    def __str__(self):
        return f"{self.study} {self.year}"


class CareerMetric(models.TextChoices):
    MONTHS_TO_JOB = "months_to_job", _("Months to find a substantial job")
    PERMANENT_CONTRACT = "permanent_contract", _("Permanent contract (%)")
    JOB_IN_FIELD = "job_in_field", _("Job within the field of the study (%)")
    JOB_AT_LEVEL = "job_at_level", _("Job at the level of the study (%)")
    STARTING_SALARY = "starting_salary", _("Starting salary (EUR per month)")
    WEEKLY_HOURS = "weekly_hours", _("Hours in an average working week")
    SELF_EMPLOYED = "self_employed", _("Self-employed (%)")
    JOB_SATISFACTION = "job_satisfaction", _("Satisfaction with current job")
    CAREER_PROSPECTS = "career_prospects", _("Satisfaction with career prospects")


PERCENT_METRICS = (
    CareerMetric.PERMANENT_CONTRACT,
    CareerMetric.JOB_IN_FIELD,
    CareerMetric.JOB_AT_LEVEL,
    CareerMetric.SELF_EMPLOYED,
)
SCORE_METRICS = (CareerMetric.JOB_SATISFACTION, CareerMetric.CAREER_PROSPECTS)


class CareerFigure(models.Model):
    """One labour-market figure of an outcome, with the respondents behind it."""

    Metric = CareerMetric

    outcome = models.ForeignKey(
        CareerOutcome,
        verbose_name=_("career outcome"),
        on_delete=models.CASCADE,
        related_name="figures",
    )
    metric = models.CharField(_("figure"), max_length=20, choices=CareerMetric.choices)
    value = models.DecimalField(
        _("value"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Percentages 0–100, scores 1–5, salary in euros per month."),
    )
    respondents = models.PositiveIntegerField(_("respondents"))

    class Meta:
        ordering = ("metric",)
        verbose_name = _("career figure")
        verbose_name_plural = _("career figures")
        constraints = [
            models.UniqueConstraint(
                fields=("outcome", "metric"), name="career_figure_unique_metric"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="career_figure_not_negative",
                violation_error_message=_("A figure cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(metric__in=PERCENT_METRICS) | Q(value__lte=100),
                name="career_figure_percentage_within_100",
                violation_error_message=_("A percentage lies between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=~Q(metric__in=SCORE_METRICS) | Q(value__gte=1, value__lte=5),
                name="career_figure_score_between_1_and_5",
                violation_error_message=_("A score lies between 1 and 5."),
            ),
            models.CheckConstraint(
                condition=~Q(metric="weekly_hours") | Q(value__lte=100),
                name="career_figure_weekly_hours_plausible",
                violation_error_message=_("A working week has at most 100 hours."),
            ),
        ]

    def __str__(self):
        return f"{self.get_metric_display()}: {self.value}"


class OccupationShare(models.Model):
    """The share of a study's graduates working in an occupation."""

    outcome = models.ForeignKey(
        CareerOutcome,
        verbose_name=_("career outcome"),
        on_delete=models.CASCADE,
        related_name="occupation_shares",
    )
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        related_name="shares",
    )
    share = models.DecimalField(
        _("share (%)"),
        max_digits=4,
        decimal_places=1,
        validators=PERCENTAGE_VALIDATORS,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("position", "-share")
        verbose_name = _("occupation share")
        verbose_name_plural = _("occupation shares")
        constraints = [
            models.UniqueConstraint(
                fields=("outcome", "occupation"), name="occupation_share_unique"
            ),
        ]

    def __str__(self):
        return f"{self.occupation} {self.share}%"


class GraduateJudgement(models.Model):
    """How graduates of a study judge it, about 1.5 years after graduating."""

    study = models.ForeignKey(
        "programmes.Study",
        verbose_name=_("study"),
        on_delete=models.CASCADE,
        related_name="graduate_judgements",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    good_basis = percentage_field(_("good basis for the labour market (%)"))
    would_choose_again = percentage_field(_("would choose the study again (%)"))
    respondents = models.PositiveIntegerField(_("respondents"))
    source = source_field()
    # The import that last added or changed it (for an outcome: also one of its
    # figures or occupations): the change log of the study's programmes cites it
    # (careers.changelog).
    import_run = import_run_field()

    class Meta:
        # Moved from the surveys app with its table (careers migration 0003).
        db_table = "surveys_graduatejudgement"
        ordering = ("-year",)
        verbose_name = _("graduates' judgement")
        verbose_name_plural = _("graduates' judgements")
        constraints = [
            models.UniqueConstraint(
                fields=("study", "year"), name="judgement_unique_per_study_year"
            ),
        ]

    def __str__(self):
        return f"{self.study} {self.year}"
