from django.db import models
from django.utils.translation import gettext_lazy as _

# The change reasons (django-simple-history's `history_change_reason`) the change
# log reads. The state an import left, kept as a version before the next save
# (programmes.history): compared with, never an entry (the import's own entry
# says what it changed). And the demo loader's saves: demo data, not the editors'.
IMPORTED_STATE = "imported state"
DEMO_CHANGE_REASON = "demo data"


class ChangelogVisibility(models.Model):
    """Added to a programme's versions (django-simple-history `bases`): whether
    an edit is left out of the programme's public change log (programmes.changelog)."""

    hidden_from_changelog = models.BooleanField(
        _("internal edit"),
        default=False,
        help_text=_("Left out of the programme's public change log."),
    )

    class Meta:
        abstract = True
