from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models import (
    Form,
    Funding,
    Institution,
    Language,
    Level,
    Municipality,
    Programme,
    Sector,
)


class ProgrammeSummaryQuerySet(models.QuerySet):
    def listed(self):
        """The summaries of published programmes: what the listing shows."""
        return self.filter(is_published=True)


class ProgrammeSummary(models.Model):
    """What listings filter, sort and search on, kept in one row per programme.

    The listing filters, counts its facets, searches and sorts on this one table,
    without joining the programme, its study or its place: at 200,000 programmes
    those joins cost more than the counting itself. So the programme's filterable
    facts are copied here too (its publication, level, sector, province, ...).

    Derived data only, never edited: `public.summaries.summaries_refresh`
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
    # Copies of the programme's own facts and of its study's and place's.
    is_published = models.BooleanField(_("published"), default=False, editable=False)
    level = models.CharField(
        _("level"), max_length=6, choices=Level.choices, blank=True, editable=False
    )
    sector = models.CharField(
        _("sector"), max_length=40, choices=Sector.choices, blank=True, editable=False
    )
    province = models.CharField(
        _("province"), max_length=50, blank=True, editable=False
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        null=True,
        editable=False,
        related_name="+",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("teaching location"),
        on_delete=models.CASCADE,
        null=True,
        editable=False,
        related_name="+",
    )
    language = models.CharField(
        _("language of instruction"),
        max_length=5,
        choices=Language.choices,
        blank=True,
        editable=False,
    )
    form = models.CharField(
        _("form"), max_length=10, choices=Form.choices, blank=True, editable=False
    )
    funding = models.CharField(
        _("funding"), max_length=12, choices=Funding.choices, blank=True, editable=False
    )
    ects = models.PositiveSmallIntegerField(
        _("study load (ECTS)"), null=True, editable=False
    )
    # Figures, the latest year of each.
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

    objects = ProgrammeSummaryQuerySet.as_manager()

    class Meta:
        # Moved from the programmes app with its table (public migration 0001).
        db_table = "programmes_programmesummary"
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
            # The filters that narrow the catalogue most: with a few of them
            # selected, PostgreSQL combines these (a bitmap AND) rather than
            # reading every summary to count the facets.
            models.Index(fields=["level"], name="summary_level_idx"),
            models.Index(fields=["sector"], name="summary_sector_idx"),
            models.Index(fields=["language"], name="summary_language_idx"),
            models.Index(fields=["province"], name="summary_province_idx"),
            models.Index(fields=["overall_score"], name="summary_score_idx"),
            models.Index(fields=["students"], name="summary_students_idx"),
            models.Index(fields=["starting_salary"], name="summary_salary_idx"),
        ]

    def __str__(self):
        return str(self.programme_id)


class CatalogueCounts(models.Model):
    """How many published programmes each listing filter option has in the whole
    catalogue: the facets of the unfiltered listing, the page most visitors see
    first, without counting every programme on each visit.

    Derived data in one row, never edited: `public.facets.catalogue_counts_refresh`
    rewrites it whenever summaries change (and after migrations).
    """

    SINGLE = 1

    counts = models.JSONField(_("counts"), default=dict, editable=False)
    counted_at = models.DateTimeField(_("counted at"), auto_now=True)

    class Meta:
        db_table = "programmes_cataloguecounts"
        verbose_name = _("catalogue counts")
        verbose_name_plural = _("catalogue counts")

    def __str__(self):
        return str(self.counted_at)
