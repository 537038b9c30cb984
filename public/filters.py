"""The programme listing's filters (django-filter), forgiving of bad input.

One filter per criterion declared in `public.criteria`, applying the same
condition its facet counts with (`public.facets`), on ProgrammeSummary, which
holds a copy of every filtered fact (see there why). Unknown values in a query
string are dropped one by one (and reported), never a reason to fail.
"""

import django_filters
from django import forms

from .criteria import CRITERIA, Counting, Criterion


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
    """Slugs of existing objects; the lookup happens in the filter, not here.
    Several may be chosen (city=leiden&city=delft): read as a list."""

    widget = forms.MultipleHiddenInput

    def clean(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        self.ignored = []
        return list(dict.fromkeys(v for v in values if v))[:50]


FORGIVING_FIELDS = {
    Counting.VALUE: ForgivingMultipleChoiceField,
    Counting.OBJECT: ForgivingSlugsField,
    Counting.CONDITION: ForgivingChoiceField,
}


class CriterionFilter(django_filters.Filter):
    """A criterion's parameter, read forgivingly, and its condition.

    Every filtered fact is on the summary itself, so rows never repeat: no
    SELECT DISTINCT (a full sort)."""

    def __init__(self, criterion: Criterion):
        self.criterion = criterion
        self.field_class = FORGIVING_FIELDS[criterion.counting]
        field_options = {}
        if criterion.counting is not Counting.OBJECT:
            # Called when validating, so option texts are in the active language.
            field_options["choices"] = criterion.choices
        super().__init__(
            field_name=criterion.column, label=criterion.label, **field_options
        )

    def filter(self, qs, value):
        chosen = value if isinstance(value, list) else [value] if value else []
        if not chosen:
            return qs
        return qs.filter(self.criterion.chosen_condition(chosen))


class ProgrammeFilter(django_filters.FilterSet):
    """The listing's filters over ProgrammeSummary, one per declared criterion."""

    @classmethod
    def get_filters(cls):
        """One filter per declared criterion, in their order."""
        return {criterion.name: CriterionFilter(criterion) for criterion in CRITERIA}

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
