from django.db import models
from django.utils.translation import gettext_lazy as _

from .addresses import AddressKind, LocalisedAddress, english_slug_field
from .choices import Form, Funding, Language, Level, Sector
from .images import validate_image_upload
from .places import Institution, Municipality
from .sources import source_field


class Study(LocalisedAddress, models.Model):
    """A CROHO programme code at a level, offered by one or more institutions.

    National averages and graduate careers belong to the study; each institution's
    offer of it is a Programme.
    """

    croho_code = models.CharField(
        _("CROHO code"),
        max_length=5,
        help_text=_("Five-digit code in the Central Register of Higher Education."),
    )
    level = models.CharField(_("level"), max_length=6, choices=Level.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    slug_en = english_slug_field(max_length=120)
    sector = models.CharField(
        _("sector"), max_length=40, choices=Sector.choices, blank=True
    )

    class Meta:
        ordering = ("name", "level")
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        constraints = [
            models.UniqueConstraint(
                fields=("croho_code", "level"), name="study_unique_croho_level"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_level_display()})"

    address_kind = AddressKind.STUDY
    url_name = "programmes:study_detail"


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_place(self):
        """Join what every listing shows next to a programme's name."""
        return self.select_related("study", "institution", "municipality", "source")


class Programme(LocalisedAddress, models.Model):
    """A study as offered by one institution, at one location, in one form."""

    study = models.ForeignKey(
        Study,
        verbose_name=_("study"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("teaching location"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
    )
    location_code = models.CharField(
        _("location code"),
        max_length=6,
        blank=True,
        help_text=_("DUO location code (BRIN + 2 digits), e.g. 21PB00."),
    )
    form = models.CharField(
        _("form"), max_length=10, choices=Form.choices, default=Form.FULL_TIME
    )
    rio_code = models.CharField(
        _("RIO code"),
        max_length=20,
        blank=True,
        help_text=_("Programme unit code in RIO (opleidingseenheidcode)."),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    slug_en = english_slug_field(max_length=160)
    degree = models.CharField(
        _("degree"),
        max_length=120,
        blank=True,
        help_text=_("The title on the diploma, e.g. Master of Science."),
    )
    ects = models.PositiveSmallIntegerField(
        _("study load (ECTS)"), null=True, blank=True
    )
    language = models.CharField(
        _("language of instruction"),
        max_length=5,
        choices=Language.choices,
        blank=True,
    )
    english_share = models.PositiveSmallIntegerField(
        _("share taught in English (%)"),
        null=True,
        blank=True,
        help_text=_("0 to 100; leave empty when unknown."),
    )
    funding = models.CharField(
        _("funding"),
        max_length=12,
        choices=Funding.choices,
        default=Funding.GOVERNMENT,
    )
    taught_by = models.CharField(
        _("taught by"),
        max_length=200,
        blank=True,
        help_text=_("A faculty or partner that teaches the programme, if not obvious."),
    )
    description = models.TextField(_("description"), blank=True)
    admission = models.TextField(
        _("admission requirements"),
        blank=True,
        help_text=_("Which prior education gives access to the programme."),
    )
    bridging = models.TextField(
        _("premaster or bridging programme"),
        blank=True,
        help_text=_("When a premaster or bridging programme is needed."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    image = models.ImageField(
        _("image"),
        upload_to="programmes/",
        blank=True,
        validators=[validate_image_upload],
        width_field="image_width",
        height_field="image_height",
        help_text=_("PNG, JPEG or WebP, at most 5 MB."),
    )
    # Required with an image (programmes.admin.programmes.ProgrammeAdminForm): an
    # editor chooses a photo for what it shows, so a reader who cannot see it
    # should be told.
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it, e.g. "
            '"Students at work in the biology lab". Required with an image.'
        ),
    )
    # Kept by the image field itself, so that the page can give the image its
    # size without opening the file.
    image_width = models.PositiveIntegerField(
        _("image width"), null=True, blank=True, editable=False
    )
    image_height = models.PositiveIntegerField(
        _("image height"), null=True, blank=True, editable=False
    )
    started_on = models.DateField(
        _("started on"),
        null=True,
        blank=True,
        help_text=_("First intake; a new programme has no survey figures yet."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublish instead of deleting: the page disappears, data stays."),
    )
    source = source_field(optional=True, related_name="programmes")
    edited_fields = models.JSONField(
        _("fields edited by staff"),
        default=list,
        blank=True,
        help_text=_("Names of fields changed in the admin; imports leave these alone."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ("name", "institution__name")
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        indexes = [
            # City and institution pages list their programmes by name, 50 to a
            # page: read in this order, not sorted (a city can have thousands).
            models.Index(
                fields=["municipality", "name_nl"], name="programme_city_name_nl_idx"
            ),
            models.Index(
                fields=["municipality", "name_en"], name="programme_city_name_en_idx"
            ),
            models.Index(
                fields=["institution", "name_nl"],
                name="programme_institution_nl_idx",
            ),
            models.Index(
                fields=["institution", "name_en"],
                name="programme_institution_en_idx",
            ),
            # A city's programme count (programmes.selectors) reads this index
            # only, never the wide rows: a city can have thousands of records.
            models.Index(
                fields=[
                    "municipality",
                    "funding",
                    "is_published",
                    "institution",
                    "study",
                    "source",
                ],
                name="programme_city_count_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=("institution", "study", "location_code", "form"),
                name="programme_unique_offer",
                violation_error_message=_(
                    "This institution already offers this study at this location "
                    "in this form."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(english_share__lte=100),
                name="programme_english_share_percentage",
                violation_error_message=_("A share is at most 100%%."),
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.institution}"

    address_kind = AddressKind.PROGRAMME
    url_name = "programmes:programme_detail"

    @property
    def croho_code(self) -> str:
        return self.study.croho_code

    @property
    def level(self) -> str:
        return self.study.level

    @property
    def is_demo(self) -> bool:
        """Demo or synthetic: figures that are not real."""
        return self.source is not None and not self.source.is_real

    @property
    def is_synthetic(self) -> bool:
        return self.source is not None and self.source.is_synthetic


class Specialisation(models.Model):
    """A variant or track of a programme, which may differ in language."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="specialisations",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language of instruction"),
        max_length=5,
        choices=Language.choices,
        blank=True,
        help_text=_("Only when it differs from the programme's."),
    )
    language_note = models.CharField(
        _("language note"),
        max_length=255,
        blank=True,
        help_text=_("E.g. partly taught in Dutch; fluency in Dutch is required."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("position", "name")
        verbose_name = _("specialisation")
        verbose_name_plural = _("specialisations")

    def __str__(self):
        return self.name


class HonoursProgramme(models.Model):
    """An honours programme open to the programme's students."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="honours_programmes",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("position", "name")
        verbose_name = _("honours programme")
        verbose_name_plural = _("honours programmes")

    def __str__(self):
        return self.name
