"""1. Programme overview: facts, students and fees per programme and year."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from programmes.models import DataSource, Enrolment, Form, Language, Programme

from . import labour_market
from .base import CHUNK, Column, Report, ReportFilters, name_in, source_name


def _sources_of(enrolments, language: str) -> dict[int, str]:
    """{enrolment id: its sources' names}, in two queries."""
    links = Enrolment.sources.through.objects.filter(
        enrolment__in=enrolments
    ).values_list("enrolment_id", "datasource_id")
    names = {
        source.pk: source_name(source, language) for source in DataSource.objects.all()
    }
    sources = defaultdict(list)
    for enrolment_id, source_id in links.iterator(chunk_size=CHUNK):
        sources[enrolment_id].append(names[source_id])
    return {pk: "; ".join(sorted(found)) for pk, found in sources.items()}


def overview_report(filters: ReportFilters) -> Report:
    """Each programme's facts with its enrolment, first-years and graduates per
    year, and CBS's national labour-market context of its study's sector and level."""
    programmes = Programme.objects.filter(filters.institutions("institution_id"))
    if filters.level:
        programmes = programmes.filter(study__level=filters.level)
    enrolments = Enrolment.objects.filter(
        filters.years("academic_year"), programme__in=programmes
    )

    def rows():
        sources = _sources_of(enrolments, filters.language)
        contexts = labour_market.study_contexts(programmes.values("study_id"))
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
            "programme__study_id",
            "pk",
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
                *row[12:-2],
                sources.get(row[-1], ""),
                *labour_market.context_cells(contexts.get(row[-2]), filters.language),
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
            Column(_("Source")),
            *labour_market.COLUMNS,
        ],
        rows=rows(),
        notes=[labour_market.note()],
    )
