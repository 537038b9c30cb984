"""Versioned survey content (django-simple-history), like programmes.history.

Registered after modeltranslation has added the translated columns
(translation.py imports this module last). Bulk imports make no versions; their
ImportRun records what they changed.
"""

import simple_history

from .models import Aspect, GraduateJudgement, ProgrammeScore, SurveyRound

for model in (SurveyRound, Aspect, ProgrammeScore, GraduateJudgement):
    simple_history.register(model, app="surveys")
