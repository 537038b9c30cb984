from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DataSource(models.Model):
    """Where figures come from: an official dataset, demo data or synthetic data.

    Every statistic points at its source so that a page can cite it and so that demo
    and synthetic figures are never mistaken for real ones.
    """

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Official open data")
        EDITORIAL = "editorial", _("Entered by the editors")
        DEMO = "demo", _("Demo data (not real)")
        SYNTHETIC = "synthetic", _("Synthetic data (not real)")

    key = models.SlugField(
        _("key"),
        max_length=120,
        unique=True,
        help_text=_("Stable identifier used by imports, e.g. duo-ingeschrevenen-hbo."),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("As cited on pages, e.g. DUO.")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OFFICIAL
    )
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    retrieved_on = models.DateField(_("retrieved on"), null=True, blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Licence, provenance and known quirks of the source."),
    )

    class Meta:
        ordering = ("name",)
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")

    def __str__(self):
        return self.name

    @property
    def is_real(self) -> bool:
        return self.kind in {self.Kind.OFFICIAL, self.Kind.EDITORIAL}

    @property
    def is_synthetic(self) -> bool:
        return self.kind == self.Kind.SYNTHETIC

    @property
    def not_real_label(self) -> str:
        """The short mark beside a figure that is not real, "Synthetic data" or
        "Demo data"; "" for a real source (pages and the admin alike)."""
        if self.is_real:
            return ""
        return gettext("Synthetic data") if self.is_synthetic else gettext("Demo data")


def source_field(*, optional: bool = False, related_name: str = "+", verbose_name=None):
    """The foreign key through which a record cites its DataSource."""
    return models.ForeignKey(
        "programmes.DataSource",
        verbose_name=verbose_name or _("source"),
        on_delete=models.PROTECT,
        null=optional,
        blank=optional,
        related_name=related_name,
    )
