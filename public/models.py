from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from figures.formatting import lowest_shown_as
from figures.publication import (
    Figure,
    career_figure,
    career_figure_is_shown,
    count_figure,
    judged_survey_figure,
    survey_figure_is_shown,
)
from programmes.models import (
    DataSource,
    Form,
    Funding,
    Institution,
    Language,
    Level,
    Municipality,
    Programme,
    Sector,
    Study,
    academic_year_label,
)
from surveys.models import Aspect


def _derived_link(model, verbose_name, *, on_delete=models.CASCADE):
    """A link of derived data to what it was derived from: optional, never
    edited, no reverse accessor on the model it points to."""
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        on_delete=on_delete,
        null=True,
        editable=False,
        related_name="+",
    )


def _source_field(verbose_name):
    """The source a stored figure cites; the figure stays if the source goes."""
    return _derived_link(DataSource, verbose_name, on_delete=models.SET_NULL)


def score_is_shown() -> Q:
    """Summaries whose survey score the publication rule shows, as set now."""
    return survey_figure_is_shown(
        mean="overall_score", respondents="overall_respondents", margin="overall_margin"
    )


def salary_is_shown() -> Q:
    """Summaries whose starting salary the publication rule shows, as set now."""
    return career_figure_is_shown(
        value="starting_salary", respondents="salary_respondents"
    )


def score_at_least(score) -> Q:
    """A shown survey score that the page prints as `score` or higher."""
    return score_is_shown() & Q(overall_score__gte=lowest_shown_as(score, "score"))


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
    institution = _derived_link(Institution, _("institution"))
    municipality = _derived_link(Municipality, _("teaching location"))
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
    # Figures of the latest year of each, as stored (not judged, not rounded):
    # the publication rule is applied when they are read (`score_is_shown`,
    # `salary_is_shown`, the `*_figure` properties), with the thresholds set
    # then, so that the listing cannot show what a page withholds.
    students = models.PositiveIntegerField(_("students"), null=True, editable=False)
    first_years = models.PositiveIntegerField(
        _("first-year students"), null=True, editable=False
    )
    students_year = models.PositiveSmallIntegerField(
        _("academic year of the student counts"), null=True, editable=False
    )
    students_source = _source_field(_("source of the student counts"))
    overall_score = models.DecimalField(
        _("overall survey score"),
        max_digits=3,
        decimal_places=2,
        null=True,
        editable=False,
    )
    overall_respondents = models.PositiveIntegerField(
        _("respondents to the overall survey question"), null=True, editable=False
    )
    overall_margin = models.FloatField(
        _("95% margin of the overall survey score"), null=True, editable=False
    )
    score_year = models.PositiveSmallIntegerField(
        _("survey year"), null=True, editable=False
    )
    score_source = _source_field(_("source of the survey score"))
    starting_salary = models.DecimalField(
        _("starting salary"), max_digits=8, decimal_places=2, null=True, editable=False
    )
    salary_respondents = models.PositiveIntegerField(
        _("respondents behind the starting salary"), null=True, editable=False
    )
    salary_year = models.PositiveSmallIntegerField(
        _("year of the starting salary"), null=True, editable=False
    )
    salary_source = _source_field(_("source of the starting salary"))
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
    # Tokens as public.search.index_text makes them: words folded, with their
    # Dutch and English stems, so every database matches them alike.
    search_text = models.TextField(
        _("search text"),
        blank=True,
        editable=False,
        help_text=_(
            "Names of the programme, its study, institution, place and "
            "specialisations in both languages: words without accents, with "
            "their stems."
        ),
    )
    name_text = models.TextField(
        _("name search text"),
        blank=True,
        editable=False,
        help_text=_(
            "The programme's and its study's names, as the search text: a "
            "match here ranks first."
        ),
    )

    # Which programme this is a variant of (public.variants.group_key): the
    # listing shows one result per group, with its forms, languages and places.
    group_key = models.CharField(
        _("variant group"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_(
            "The same for the programmes of one institution, study and name "
            "(full-time, part-time and dual, or in several places): the listing "
            "shows them as one result."
        ),
    )

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
            # The variants of a page's groups are read by their group.
            models.Index(fields=["group_key"], name="summary_group_idx"),
        ]

    def __str__(self):
        return str(self.programme_id)

    @property
    def students_figure(self) -> Figure:
        return self._count(self.students)

    @property
    def first_years_figure(self) -> Figure:
        return self._count(self.first_years)

    def _count(self, value) -> Figure:
        year = self.students_year
        return count_figure(
            value,
            year=academic_year_label(year) if year else None,
            source=self.students_source,
        )

    @property
    def score_figure(self) -> Figure:
        return judged_survey_figure(
            mean=self.overall_score,
            respondents=self.overall_respondents,
            margin=self.overall_margin,
            year=self.score_year,
            source=self.score_source,
        )

    @property
    def salary_figure(self) -> Figure:
        return career_figure(
            value=self.starting_salary,
            respondents=self.salary_respondents,
            year=self.salary_year,
            source=self.salary_source,
        )


def _sum_field(verbose_name):
    return models.PositiveIntegerField(verbose_name, null=True, editable=False)


def _counted_field(verbose_name):
    return models.PositiveIntegerField(verbose_name, default=0, editable=False)


class EnrolmentSum(models.Model):
    """One row of what a study's or an institution's "Over the years" section
    shows, summed over the enrolment records of its published programmes, so
    that the page reads one small set of rows instead of summing every record:

    - a year's sums: `academic_year` and each count's total and number of
      records counted, no source;
    - a year's records whose figure came from a source: `academic_year`,
      `figure`, `source` and `records`;
    - a source the records cite: `source` only (no year, no figure).

    Derived data only, never edited: `public.enrolment_sums` writes it with the
    queries of `programmes.trends.enrolment_trends`, grouped per study and
    institution, whenever an import, an edit, a publication or a move changes
    what a study or institution sums (`public.signals`).
    """

    institution = _derived_link(Institution, _("institution"))
    study = _derived_link(Study, _("study"))
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), default=0, editable=False
    )
    figure = models.CharField(_("figure"), max_length=20, blank=True, editable=False)
    # A source no figure cites can go; its rows go with it, as the records'
    # citations of it do.
    source = _derived_link(DataSource, _("source"))
    records = models.PositiveIntegerField(_("records"), default=0, editable=False)
    students_total = _sum_field(_("students"))
    students_counted = _counted_field(_("records with students"))
    first_years_total = _sum_field(_("first-year students"))
    first_years_counted = _counted_field(_("records with first-year students"))
    first_years_women_total = _sum_field(_("first-year women"))
    first_years_women_counted = _counted_field(_("records with first-year women"))
    first_years_men_total = _sum_field(_("first-year men"))
    first_years_men_counted = _counted_field(_("records with first-year men"))
    graduates_total = _sum_field(_("graduates"))
    graduates_counted = _counted_field(_("records with graduates"))

    class Meta:
        verbose_name = _("enrolment sum")
        verbose_name_plural = _("enrolment sums")
        constraints = [
            models.CheckConstraint(
                condition=Q(institution__isnull=True, study__isnull=False)
                | Q(institution__isnull=False, study__isnull=True),
                name="enrolment_sum_of_institution_or_study",
            )
        ]

    def __str__(self):
        return academic_year_label(self.academic_year)


def aspect_score_is_shown(relation: str = "") -> Q:
    """Aspect scores (through `relation`, a path to a ProgrammeAspectScore,
    when read from elsewhere) whose score the publication rule shows, as set
    now: the rule of `score_is_shown`."""
    prefix = f"{relation}__" if relation else ""
    return survey_figure_is_shown(
        mean=f"{prefix}score",
        respondents=f"{prefix}respondents",
        margin=f"{prefix}margin",
    )


class ProgrammeAspectScore(models.Model):
    """A programme's score on one NSE aspect in its latest survey round, beside
    its summary: what "rank by my criteria" weighs an aspect by, without
    reading every programme's survey scores (22 s at 206,747 programmes).

    Derived data only, never edited: `public.summaries.summaries_refresh`
    rewrites a programme's rows with its summary. Stored as the overall score
    is on the summary (mean, n and 95% margin, not judged): the publication
    rule is applied when they are read (`aspect_score_is_shown`). The overall
    score is not repeated here: it is the summary's `overall_score`.
    """

    summary = models.ForeignKey(
        ProgrammeSummary,
        verbose_name=_("programme summary"),
        on_delete=models.CASCADE,
        db_column="programme_id",
        editable=False,
        related_name="aspect_scores",
        db_index=False,  # the unique (summary, aspect) index leads with it
    )
    aspect = models.ForeignKey(
        Aspect,
        verbose_name=_("aspect"),
        on_delete=models.CASCADE,
        editable=False,
        related_name="+",
        db_index=False,  # the (aspect, summary) index leads with it
    )
    score = models.DecimalField(
        _("mean score"), max_digits=3, decimal_places=2, editable=False
    )
    respondents = models.PositiveIntegerField(_("respondents"), editable=False)
    margin = models.FloatField(_("95% margin of the score"), null=True, editable=False)
    year = models.PositiveSmallIntegerField(_("survey year"), editable=False)
    source = _source_field(_("source of the survey score"))

    class Meta:
        verbose_name = _("programme aspect score")
        verbose_name_plural = _("programme aspect scores")
        constraints = [
            models.UniqueConstraint(
                fields=("summary", "aspect"), name="aspect_score_unique_per_programme"
            )
        ]
        indexes = [
            # An aspect's scores over the catalogue: the ends of its scale.
            models.Index(fields=["aspect", "summary"], name="aspect_score_aspect_idx")
        ]

    def __str__(self):
        return f"{self.summary_id} {self.aspect_id}: {self.score}"

    @property
    def figure(self) -> Figure:
        return judged_survey_figure(
            mean=self.score,
            respondents=self.respondents,
            margin=self.margin,
            year=self.year,
            source=self.source,
        )


class CatalogueCounts(models.Model):
    """How many published programmes each listing filter option has in the whole
    catalogue: the facets of the unfiltered listing, the page most visitors see
    first, without counting every programme on each visit.

    Derived data in one row, never edited: `public.facets.catalogue_counts_refresh`
    rewrites it whenever summaries change (and after migrations). The words the
    search suggests other spellings from are kept here too
    (`public.suggestions`): reading them from 200,000 summaries' names took a
    misspelled search most of its time.
    """

    SINGLE = 1

    counts = models.JSONField(_("counts"), default=dict, editable=False)
    vocabulary = models.JSONField(
        _("search vocabulary"),
        default=dict,
        editable=False,
        help_text=_(
            "The words of the catalogue's names, with the number of names each "
            "occurs in: what “Did you mean …?” suggests from."
        ),
    )
    counted_at = models.DateTimeField(_("counted at"), auto_now=True)
    summaries_version = models.PositiveSmallIntegerField(
        _("version of the summaries"),
        default=0,
        editable=False,
        help_text=_(
            "The public.summaries.SUMMARIES_VERSION the summaries were last "
            "rebuilt by: a newer one rebuilds them after migrating."
        ),
    )
    enrolment_sums_version = models.PositiveSmallIntegerField(
        _("version of the enrolment sums"),
        default=0,
        editable=False,
        help_text=_(
            "The public.enrolment_sums.ENROLMENT_SUMS_VERSION the enrolment sums "
            "were last rebuilt by: a newer one rebuilds them after migrating."
        ),
    )

    class Meta:
        db_table = "programmes_cataloguecounts"
        verbose_name = _("catalogue counts")
        verbose_name_plural = _("catalogue counts")

    def __str__(self):
        return str(self.counted_at)

    @classmethod
    def rebuild_if_outdated(cls, version_field: str, version: int, rebuild) -> int:
        """Run `rebuild()` unless the derived data it writes was last built by
        this `version` (as recorded in `version_field`), then record this one:
        run after migrating, so a deploy never serves data derived the old way.
        What `rebuild()` returned, or 0 when up to date."""
        state = cls.objects.filter(pk=cls.SINGLE).first()
        if state is not None and getattr(state, version_field) == version:
            return 0
        done = rebuild()
        cls.objects.update_or_create(pk=cls.SINGLE, defaults={version_field: version})
        return done
