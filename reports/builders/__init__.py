"""The reports, one module each; REPORTS names them for the form, views and
the export command."""

from django.utils.translation import gettext_lazy as _

from . import careers, overview, survey
from .base import Column, Report, ReportFilters
from .careers import careers_report
from .overview import overview_report
from .survey import survey_report

REPORTS = {
    "overview": (_("Programme overview"), overview_report),
    "survey": (_("Survey benchmark"), survey_report),
    "careers": (_("Career outcomes"), careers_report),
}

# What the reports page says about each report: what a row is, and its columns
# (the builders' own declarations, so the page cannot list a column the file
# lacks).
GUIDES = {
    "overview": (
        _(
            "One row per programme and academic year: students, first-year "
            "students and graduates, with the programme's facts; years without "
            "figures and breaks in a series are marked."
        ),
        overview.COLUMNS,
    ),
    "survey": (
        _(
            "One row per programme, survey year and aspect of the National "
            "Student Survey: the score with its margin and response rate, against "
            "the national average of the study and the institution's own average, "
            "and whether each difference is beyond sampling noise."
        ),
        survey.COLUMNS,
    ),
    "careers": (
        _(
            "One row per programme, year and figure: the career outcomes of the "
            "programme's study against the average of its level, and whether "
            "the difference is beyond sampling noise."
        ),
        careers.COLUMNS,
    ),
}

__all__ = ["GUIDES", "REPORTS", "Column", "Report", "ReportFilters"]
