"""Versioned career content (django-simple-history), like programmes.history.

Registered after modeltranslation has added the translated columns
(the app's ready() imports this module, and modeltranslation's ready()
runs first). Bulk imports make no versions; their
ImportRun records what they changed.
"""

import simple_history

from .models import (
    CareerFigure,
    CareerOutcome,
    GraduateJudgement,
    Occupation,
    OccupationShare,
)

for model in (Occupation, CareerOutcome, CareerFigure, OccupationShare):
    simple_history.register(model, app="careers")

# Moved from the surveys app with its tables (careers migration 0003).
simple_history.register(
    GraduateJudgement,
    app="careers",
    table_name="surveys_historicalgraduatejudgement",
)
