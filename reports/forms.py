from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from programmes.models import Level

from .access import institutions_for, is_report_admin
from .builders import GUIDES, REPORTS, ReportFilters
from .selectors import recent_exports, years_held

# The years a report may be asked for (the page's fields and export_report).
FIRST_YEAR, LAST_YEAR = 1990, 2100

FORMAT_CHOICES = [
    ("xlsx", _("Excel (XLSX)")),
    ("csv", _("CSV, comma-separated (decimal point)")),
    ("csv_semicolon", _("CSV for Dutch Excel (semicolons, decimal comma)")),
]


class ReportForm(forms.Form):
    report = forms.ChoiceField(
        label=_("Report"),
        choices=[(key, label) for key, (label, _b) in REPORTS.items()],
    )
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=None, required=False, to_field_name="brin"
    )
    year_from = forms.IntegerField(
        label=_("From year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    year_to = forms.IntegerField(
        label=_("To year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), *Level.choices],
    )
    file_format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["institution"]
        field.queryset = institutions_for(user).order_by("name")
        if is_report_admin(user):
            field.empty_label = _("All institutions")
            field.help_text = _("Leave empty to report on every institution.")
        else:
            field.required = True
            field.empty_label = None
        if not self.is_bound:  # a download needs no hint
            held = self.years_held.values()
            self._offer_years(sorted({year for years in held for year in years}))

    @cached_property
    def years_held(self) -> dict[str, list[int]]:
        return years_held(self.fields["institution"].queryset)

    def _offer_years(self, years: list[int]):
        """Pre-fill the widest range held, so the first download loses no year,
        and say which years there are."""
        if not years:
            return
        first, last = years[0], years[-1]
        self.fields["year_from"].initial = first
        self.fields["year_to"].initial = last
        self.fields["year_from"].help_text = gettext(
            "Figures are held from %(first)s to %(last)s; each report lists its "
            "years below."
        ) % {"first": first, "last": last}

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The first year comes after the last year."))
        return data

    def filters(self, language: str) -> ReportFilters:
        institution = self.cleaned_data.get("institution")
        return ReportFilters(
            institution_ids=[institution.pk] if institution else None,
            year_from=self.cleaned_data.get("year_from"),
            year_to=self.cleaned_data.get("year_to"),
            level=self.cleaned_data.get("level") or "",
            language=language,
        )

    def guides(self) -> list[dict]:
        """Each report as the page describes it: name, what a row is, its
        columns and the years it holds for this user."""
        return [
            {
                "key": key,
                "title": REPORTS[key][0],
                "description": description,
                "columns": [str(column.label) for column in columns],
                "years": self.years_held.get(key, []),
            }
            for key, (description, columns) in GUIDES.items()
        ]


def export_lines(user) -> list[dict]:
    """The user's last exports as the page lists them: when, which report,
    about which institutions and years, in which format, how many rows."""
    formats = dict(FORMAT_CHOICES)
    lines = []
    for log in recent_exports(user):
        filters = log.filters or {}
        start, end = filters.get("year_from"), filters.get("year_to")
        lines.append(
            {
                "created_at": log.created_at,
                "report": REPORTS[log.report][0]
                if log.report in REPORTS
                else log.report,
                "institutions": (
                    gettext("all institutions")
                    if log.all_institutions
                    else ", ".join(i.name for i in log.institutions.all())
                ),
                "years": f"{start or '…'}–{end or '…'}"
                if start or end
                else gettext("all"),
                "format": formats.get(log.file_format, log.file_format),
                "rows": log.row_count,
            }
        )
    return lines
