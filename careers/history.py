"""Versioned career content (django-simple-history), like programmes.history.

Registered after modeltranslation has added the translated columns
(translation.py imports this module last). Bulk imports make no versions; their
ImportRun records what they changed.
"""

import simple_history

from .models import CareerFigure, CareerOutcome, Occupation, OccupationShare

for model in (Occupation, CareerOutcome, CareerFigure, OccupationShare):
    simple_history.register(model, app="careers")
