"""Versioned content (django-simple-history): every save keeps a dated copy with its author.

Registered here, after modeltranslation has added the ``name_nl``/``name_en``
columns (translation.py imports this module last), so that the historical tables
keep both languages. Bulk imports (bulk_create/bulk_update) make no versions:
each ImportRun records what an import changed (docs/IMPORT.md).
"""

import simple_history

from .models import (
    DataSource,
    Enrolment,
    HonoursProgramme,
    Institution,
    Municipality,
    Programme,
    Specialisation,
    Study,
    StudyProgress,
    TuitionFee,
)

for model in (
    DataSource,
    Municipality,
    Institution,
    Study,
    Programme,
    Specialisation,
    HonoursProgramme,
    TuitionFee,
    StudyProgress,
):
    simple_history.register(model, app="programmes")

simple_history.register(Enrolment, app="programmes", m2m_fields=["sources"])
