"""Versioned survey content (django-simple-history), like programmes.history.

Registered after modeltranslation has added the translated columns
(the app's ready() imports this module, and modeltranslation's ready()
runs first). Bulk imports make no versions; their
ImportRun records what they changed.
"""

import simple_history

from .models import Aspect, ProgrammeScore, SurveyRound

for model in (SurveyRound, Aspect, ProgrammeScore):
    simple_history.register(model, app="surveys")
