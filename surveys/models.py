from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from programmes.models.imports import import_run_field
from programmes.models.sources import source_field

SCORE_VALIDATORS = [MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(5))]


class SurveyRound(models.Model):
    """One yearly round of the National Student Survey (NSE)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. NSE 2024."))
    questionnaire_note = models.TextField(
        _("questionnaire notes"),
        blank=True,
        help_text=_(
            "What changed in the questionnaire this round (a reworded question, "
            "a new or dropped aspect), for those who compare rounds. Published "
            "in the open data API."
        ),
    )
    source = source_field(related_name="survey_rounds")

    class Meta:
        ordering = ("-year",)
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")

    def __str__(self):
        return self.name


class Aspect(models.Model):
    """A theme students rate, e.g. atmosphere or study facilities."""

    class Code(models.TextChoices):
        OVERALL = "overall", _("Overall")
        ATMOSPHERE = "atmosphere", _("Atmosphere")
        FACILITIES = "facilities", _("Study facilities")
        CHOOSE_AGAIN = "choose_again", _("Would choose the study again")
        CONTENT = "content", _("Content and structure")
        PRACTICE = "practice", _("Connection to professional practice")
        SUPPORT = "support", _("Support for students with a support need")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("position",)
        verbose_name = _("survey aspect")
        verbose_name_plural = _("survey aspects")

    def __str__(self):
        return self.name


class ProgrammeScore(models.Model):
    """A programme's mean score on one aspect in one round, with its sample."""

    survey_round = models.ForeignKey(
        SurveyRound,
        verbose_name=_("survey round"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="survey_scores",
    )
    aspect = models.ForeignKey(
        Aspect,
        verbose_name=_("aspect"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    mean = models.DecimalField(
        _("mean score"), max_digits=3, decimal_places=2, validators=SCORE_VALIDATORS
    )
    respondents = models.PositiveIntegerField(
        _("respondents"), help_text=_("Unweighted number of students who answered.")
    )
    std_dev = models.DecimalField(
        _("standard deviation"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Students who could respond (net population); empty if unknown."),
    )
    # The import that last added or changed the score: the programme's change log
    # cites it (surveys.changelog).
    import_run = import_run_field()

    class Meta:
        ordering = ("aspect__position",)
        verbose_name = _("survey score")
        verbose_name_plural = _("survey scores")
        constraints = [
            models.UniqueConstraint(
                fields=("survey_round", "programme", "aspect"),
                name="score_unique_per_round_programme_aspect",
            ),
            models.CheckConstraint(
                condition=Q(mean__gte=1, mean__lte=5),
                name="score_mean_between_1_and_5",
                violation_error_message=_("A score lies between 1 and 5."),
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True)
                | Q(population__gte=F("respondents")),
                name="score_respondents_within_population",
                violation_error_message=_(
                    "There cannot be more respondents than students who could respond."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.aspect}: {self.mean}"

    def clean(self):
        if (
            self.population is not None
            and self.respondents is not None
            and self.respondents > self.population
        ):
            raise ValidationError(
                {
                    "respondents": _(
                        "There cannot be more respondents than students who could "
                        "respond."
                    )
                }
            )
