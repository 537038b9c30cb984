from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalogue import Programme


class ProgrammeSummary(models.Model):
    """What listings filter, sort and search on, kept in one row per programme.

    Derived data only, never edited: `programmes.summaries.summaries_refresh`
    recomputes it from the programme's own records (imports call it after a run,
    admin edits through signals). Figures that the publication rule withholds are
    stored as empty, so a listing can never sort or filter on a hidden figure.
    """

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="summary",
    )
    students = models.PositiveIntegerField(_("students"), null=True, editable=False)
    first_years = models.PositiveIntegerField(
        _("first-year students"), null=True, editable=False
    )
    overall_score = models.DecimalField(
        _("overall survey score"),
        max_digits=2,
        decimal_places=1,
        null=True,
        editable=False,
    )
    starting_salary = models.PositiveIntegerField(
        _("starting salary"), null=True, editable=False
    )
    statutory_fee = models.DecimalField(
        _("statutory tuition fee"),
        max_digits=8,
        decimal_places=2,
        null=True,
        editable=False,
    )
    specialisation_count = models.PositiveSmallIntegerField(
        _("specialisations"), default=0, editable=False
    )
    honours_count = models.PositiveSmallIntegerField(
        _("honours programmes"), default=0, editable=False
    )
    # Names folded like search text, so that sorting by name is the same on every
    # database and "Économie" sorts with the E's.
    sort_name_nl = models.CharField(
        _("sort name (Dutch)"), max_length=200, blank=True, editable=False
    )
    sort_name_en = models.CharField(
        _("sort name (English)"), max_length=200, blank=True, editable=False
    )
    search_text = models.TextField(
        _("search text"),
        blank=True,
        editable=False,
        help_text=_("Names in both languages, lower case and without accents."),
    )
    # PostgreSQL only (Dutch and English full-text); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("programme summary")
        verbose_name_plural = _("programme summaries")
        indexes = [
            # Name, then id: the listing's default order, walked in index order
            # so that a page of 20 needs no sort of the whole catalogue.
            models.Index(
                fields=["sort_name_nl", "programme"], name="summary_name_nl_id_idx"
            ),
            models.Index(
                fields=["sort_name_en", "programme"], name="summary_name_en_id_idx"
            ),
            models.Index(fields=["overall_score"], name="summary_score_idx"),
            models.Index(fields=["students"], name="summary_students_idx"),
            models.Index(fields=["starting_salary"], name="summary_salary_idx"),
        ]

    def __str__(self):
        return str(self.programme_id)
