from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .addresses import AddressKind, LocalisedAddress, english_slug_field
from .choices import InstitutionKind
from .images import validate_image_upload
from .sources import source_field

# The names people use for municipalities whose official name they seldom type,
# by CBS code: the listing's search finds a programme by them too.
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "0518": ("Den Haag", "The Hague"),  # ’s-Gravenhage
    "0796": ("Den Bosch",),  # ’s-Hertogenbosch
}


class Municipality(LocalisedAddress, models.Model):
    """A municipality (gemeente) where institutions teach."""

    code = models.CharField(
        _("CBS code"),
        max_length=4,
        unique=True,
        help_text=_(
            "Four-digit municipality code of Statistics Netherlands, e.g. 0546."
        ),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    slug_en = english_slug_field(max_length=100)
    province = models.CharField(_("province"), max_length=50, blank=True)
    students = models.PositiveIntegerField(
        _("students in the municipality"),
        null=True,
        blank=True,
        help_text=_("Students enrolled at all institutions in the municipality."),
    )
    students_year = models.PositiveSmallIntegerField(
        _("year of the student count"), null=True, blank=True
    )
    students_source = source_field(
        optional=True, verbose_name=_("source of the student count")
    )

    class Meta:
        ordering = ("name",)
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(students__isnull=True)
                | models.Q(students_year__isnull=False),
                name="municipality_students_have_a_year",
                violation_error_message=_("A student count needs its year."),
            ),
        ]

    def __str__(self):
        return self.name

    address_kind = AddressKind.MUNICIPALITY
    url_name = "programmes:municipality_detail"

    @staticmethod
    def common_names(code: str) -> tuple[str, ...]:
        """The everyday names of the municipality with this CBS code, if any."""
        return COMMON_NAMES.get(code, ())


class Institution(LocalisedAddress, models.Model):
    """A university or university of applied sciences, identified by its BRIN code."""

    brin = models.CharField(
        _("BRIN code"),
        max_length=4,
        unique=True,
        help_text=_("Four-character institution code of DUO, e.g. 21PB."),
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    slug_en = english_slug_field(max_length=100)
    kind = models.CharField(_("kind"), max_length=3, choices=InstitutionKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="institutions/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("PNG, JPEG or WebP, at most 5 MB."),
    )

    class Meta:
        ordering = ("name",)
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.name

    address_kind = AddressKind.INSTITUTION
    url_name = "programmes:institution_detail"

    @property
    def display_name(self) -> str:
        """The short name in the active language, else the full name in it, else
        either in the other language: a Dutch page says "Universiteit Leiden",
        not the English short name "Leiden University"."""
        language = get_language() or settings.LANGUAGE_CODE
        for field in ("short_name", "name"):
            if value := getattr(self, f"{field}_{language}", ""):
                return value
        return self.short_name or self.name
