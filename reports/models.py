from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionLiaison(models.Model):
    """A person at an institution who may see its reports and edit its texts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="liaisons",
    )
    institution = models.ForeignKey(
        "programmes.Institution",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="liaisons",
    )

    class Meta:
        verbose_name = _("institution liaison")
        verbose_name_plural = _("institution liaisons")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "institution"), name="liaison_unique_per_institution"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.institution}"


class ExportLog(models.Model):
    """Who exported which report about which institutions, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    institutions = models.ManyToManyField(
        "programmes.Institution", verbose_name=_("institutions"), related_name="+"
    )
    all_institutions = models.BooleanField(_("all institutions"), default=False)
    report = models.CharField(_("report"), max_length=30)
    file_format = models.CharField(_("format"), max_length=20)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    via_command = models.BooleanField(_("exported by command"), default=False)
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("export")
        verbose_name_plural = _("export log")

    def __str__(self):
        return f"{self.report} ({self.file_format}), {self.created_at:%Y-%m-%d %H:%M}"
