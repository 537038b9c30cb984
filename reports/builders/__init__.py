"""The reports, one module each; REPORTS names them for the form, views and
the export command."""

from django.utils.translation import gettext_lazy as _

from .base import Column, Report, ReportFilters
from .careers import careers_report
from .overview import overview_report
from .survey import survey_report

REPORTS = {
    "overview": (_("Programme overview"), overview_report),
    "survey": (_("Survey benchmark"), survey_report),
    "careers": (_("Career outcomes"), careers_report),
}

__all__ = ["REPORTS", "Column", "Report", "ReportFilters"]
