"""The programme listing's filters (django-filter), forgiving of bad input.

It filters ProgrammeSummary, which holds a copy of every filtered fact (see
there why). Every filter here is also a facet: `public.facets` counts, per
option, how many programmes it would give with the other active filters. Unknown
values in a query string are dropped one by one (and reported), never a reason to
fail.
"""

from decimal import Decimal

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import (
    Form,
    Funding,
    Institution,
    Language,
    Level,
    Municipality,
    Sector,
)
from public.models import score_at_least

PROVINCES = [
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]
# Study loads offered as options; other loads are rare (62, 63, 70 ECTS, …).
ECTS_OPTIONS = [30, 60, 90, 120, 180, 240, 300, 360]
MAX_FEE_OPTIONS = [1000, 2601, 5000, 10000, 20000]
MIN_SCORE_OPTIONS = ["3.0", "3.5", "4.0", "4.5"]
YES = "yes"


class ForgivingMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known values of a multi-value parameter and remembers the rest."""

    def clean(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        known = [v for v in values if self.valid_value(v)]
        self.ignored = [v for v in values if not self.valid_value(v)]
        return list(dict.fromkeys(known))


class ForgivingChoiceField(forms.ChoiceField):
    def clean(self, value):
        self.ignored = [value] if value and not self.valid_value(value) else []
        return value if value and not self.ignored else ""


class ForgivingSlugsField(forms.Field):
    """Slugs of existing objects; the lookup happens in the filter, not here."""

    def clean(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        self.ignored = []
        return list(dict.fromkeys(v for v in values if v))[:50]


class MultipleChoices(django_filters.MultipleChoiceFilter):
    """Any of the chosen values. Every filtered field is on the summary itself,
    so rows never repeat: no SELECT DISTINCT (a full sort)."""

    field_class = ForgivingMultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class Choice(django_filters.ChoiceFilter):
    field_class = ForgivingChoiceField


class Slugs(django_filters.Filter):
    """Objects by slug, any of them (institution=a&institution=b)."""

    field_class = ForgivingSlugsField

    def __init__(self, *args, model, **kwargs):
        self.related_model = model
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        chosen = self.related_model.objects.filter(slug__in=value).values("pk")
        return qs.filter(**{f"{self.field_name}__in": chosen})


def choices_of(values, label=str):
    return [(str(value), label(value)) for value in values]


class ProgrammeFilter(django_filters.FilterSet):
    level = MultipleChoices(field_name="level", label=_("Level"), choices=Level.choices)
    sector = MultipleChoices(
        field_name="sector", label=_("Sector"), choices=Sector.choices
    )
    province = MultipleChoices(
        field_name="province",
        label=_("Province"),
        choices=choices_of(PROVINCES),
    )
    city = Slugs(field_name="municipality", label=_("City"), model=Municipality)
    institution = Slugs(
        field_name="institution", label=_("Institution"), model=Institution
    )
    language = MultipleChoices(
        label=_("Language of instruction"), choices=Language.choices
    )
    form = MultipleChoices(label=_("Form"), choices=Form.choices)
    funding = MultipleChoices(label=_("Funding"), choices=Funding.choices)
    ects = MultipleChoices(
        label=_("Study load (ECTS)"), choices=choices_of(ECTS_OPTIONS)
    )
    max_fee = Choice(
        label=_("Statutory fee at most"),
        choices=choices_of(MAX_FEE_OPTIONS),
        method="filter_max_fee",
    )
    min_score = Choice(
        label=_("Overall survey score at least"),
        choices=choices_of(MIN_SCORE_OPTIONS),
        method="filter_min_score",
    )
    specialisations = Choice(
        label=_("Has specialisations"),
        choices=[(YES, _("Has specialisations"))],
        method="filter_has_specialisations",
    )
    honours = Choice(
        label=_("Has an honours programme"),
        choices=[(YES, _("Has an honours programme"))],
        method="filter_has_honours",
    )

    def filter_max_fee(self, queryset, name, value):
        return queryset.filter(statutory_fee__lte=Decimal(value))

    def filter_min_score(self, queryset, name, value):
        return queryset.filter(score_at_least(value))

    def filter_has_specialisations(self, queryset, name, value):
        return queryset.filter(specialisation_count__gt=0)

    def filter_has_honours(self, queryset, name, value):
        return queryset.filter(honours_count__gt=0)

    def qs_without(self, name: str):
        """The results with every filter applied but `name`'s: what that facet
        counts its options over. Reuses this filterset's validated input."""
        self.is_valid()
        queryset = self.queryset.all()
        for other, value in self.form.cleaned_data.items():
            if other != name:
                queryset = self.filters[other].filter(queryset, value)
        return queryset

    def ignored_values(self) -> dict[str, list[str]]:
        """Parameter values that were not understood: {filter label: [values]}."""
        self.is_valid()
        return {
            str(self.filters[name].label): field.ignored
            for name, field in self.form.fields.items()
            if getattr(field, "ignored", None)
        }
