from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One import of one data file: what came in, and what it changed."""

    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(
        _("checksum (SHA-256)"), max_length=64, help_text=_("Of the file's bytes.")
    )
    dataset = models.ForeignKey(
        "programmes.DataSource",
        verbose_name=_("dataset"),
        on_delete=models.PROTECT,
        related_name="import_runs",
        null=True,
        blank=True,
        help_text=_(
            "The source the imported records cite; empty when every row of a survey "
            "or career file was rejected."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=40,
        help_text=_("What was imported: institutions, programmes, statistics …"),
    )
    created = models.PositiveIntegerField(_("new"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rows = models.PositiveIntegerField(
        _("rows read"),
        default=0,
        help_text=_("Data rows in the file: each was imported or rejected."),
    )
    rejected = models.PositiveIntegerField(
        _("rejected"),
        default=0,
        help_text=_("Rows that could not be mapped to a record."),
    )
    skipped_lines = models.PositiveIntegerField(
        _("skipped lines"),
        default=0,
        help_text=_("Blank, artefact and totals lines."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))

    class Meta:
        ordering = ("-started_at",)
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self):
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"


class RejectedRow(models.Model):
    """A row of an imported file that wrote nothing, with where and why."""

    import_run = models.ForeignKey(
        ImportRun,
        verbose_name=_("import run"),
        on_delete=models.CASCADE,
        related_name="rejected_rows",
    )
    line = models.PositiveIntegerField(_("line"))
    column = models.CharField(_("column"), max_length=100, blank=True)
    reason = models.CharField(_("reason"), max_length=255)
    values = models.TextField(
        _("row"), blank=True, help_text=_("The row as it was in the file.")
    )

    class Meta:
        ordering = ("import_run", "line")
        verbose_name = _("rejected row")
        verbose_name_plural = _("rejected rows")

    def __str__(self):
        return f"{self.import_run.file_name}:{self.line}"


def import_run_field():
    """The foreign key through which a record cites the run that last wrote it
    (kept when the run's log entry is deleted: the record stays, uncited)."""
    return models.ForeignKey(
        "programmes.ImportRun",
        verbose_name=_("import run"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class ProgrammeImportChange(models.Model):
    """What one import of DUO's catalogue did to one programme's page: added it,
    or changed fields a student sees (the programme's public change log,
    programmes.changelog). The imports write in bulk, so without it no version
    would say so."""

    import_run = models.ForeignKey(
        ImportRun,
        verbose_name=_("import run"),
        on_delete=models.CASCADE,
        related_name="programme_changes",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="import_changes",
    )
    created = models.BooleanField(_("added"), default=False)
    fields = models.JSONField(
        _("fields changed"),
        default=list,
        blank=True,
        help_text=_("The columns the import changed, e.g. name_nl, ects."),
    )

    class Meta:
        verbose_name = _("programme change by an import")
        verbose_name_plural = _("programme changes by imports")

    def __str__(self):
        return f"{self.programme_id} ← {self.import_run}"


class PendingUpload(models.Model):
    """An uploaded file between its preview and its confirmation.

    In the database, not on an app server's disk: the confirmation may reach
    another server than the preview did. Removed when confirmed or discarded,
    and when older than an hour (programmes.importing.uploads).
    """

    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64, unique=True)
    data = models.BinaryField(_("file contents"))
    uploaded_at = models.DateTimeField(_("uploaded at"), db_index=True)

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")

    def __str__(self):
        return self.checksum
