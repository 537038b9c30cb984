"""What the programmes app tells the apps above it, without importing them.

Imports write in bulk (bulk_create, update), which sends no model signals: after
a run the importer sends `records_imported` once, and whoever keeps data derived
from the catalogue (the public listing's summaries) brings it up to date.
"""

from django.dispatch import Signal

# Sent after an import wrote records in bulk. Arguments: `programme_ids`, the
# programmes concerned (None, or left out, when any programme may have changed).
records_imported = Signal()
