"""1. Programme overview: facts, students and fees per programme and year."""

from django.utils.translation import gettext_lazy as _

from programmes.models import Enrolment, Form, Language, Programme

from .base import CHUNK, Column, Report, ReportFilters, name_in


def overview_report(filters: ReportFilters) -> Report:
    """Each programme's facts with its enrolment, first-years and graduates per year."""
    programmes = Programme.objects.filter(filters.institutions("institution_id"))
    if filters.level:
        programmes = programmes.filter(study__level=filters.level)
    enrolments = Enrolment.objects.filter(
        filters.years("academic_year"), programme__in=programmes
    )

    def rows():
        yearly = enrolments.order_by(
            "programme__institution__brin", "programme_id", "academic_year"
        ).values_list(
            "programme__institution__brin",
            "programme__institution__name_nl",
            "programme__institution__name_en",
            "programme__name_nl",
            "programme__name_en",
            "programme__study__croho_code",
            "programme__study__level",
            "programme__form",
            "programme__municipality__name_nl",
            "programme__language",
            "programme__ects",
            "academic_year",
            "students",
            "first_years",
            "first_years_men",
            "first_years_women",
            "graduates",
        )
        forms, languages = dict(Form.choices), dict(Language.choices)
        for row in yearly.iterator(chunk_size=CHUNK):
            brin, inst_nl, inst_en, name_nl, name_en, croho, level, form = row[:8]
            city, language, ects, year = row[8:12]
            yield (
                brin,
                name_in(inst_nl, inst_en, filters.language),
                name_in(name_nl, name_en, filters.language),
                croho,
                level,
                str(forms.get(form, form)),
                city,
                str(languages.get(language, language or "")),
                ects,
                f"{year}–{year + 1}",
                *row[12:],
            )

    return Report(
        key="overview",
        title=str(_("Programme overview")),
        columns=[
            Column(_("BRIN code")),
            Column(_("Institution")),
            Column(_("Programme")),
            Column(_("CROHO code")),
            Column(_("Level")),
            Column(_("Form")),
            Column(_("City")),
            Column(_("Language of instruction")),
            Column(_("ECTS"), "int"),
            Column(_("Academic year")),
            Column(_("Students"), "int"),
            Column(_("First-year students"), "int"),
            Column(_("First-year men"), "int"),
            Column(_("First-year women"), "int"),
            Column(_("Graduates"), "int"),
        ],
        rows=rows(),
    )
