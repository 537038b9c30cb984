"""The listing's filters, each declared once.

A `Criterion` is one filter of the programme listing: its query parameter, its
label, its options, the condition each option puts on ProgrammeSummary, how its
facet counts them, the summary column it reads and, for a fact the summary
copies, where on the programme it is copied from. Everything else is built from
these declarations: the query-string filters (`public.filters.ProgrammeFilter`),
the facets and their counts (`public.facets`), and the facts the summary copies
(`copied_facts`, for `public.summaries`). So the count a facet shows for an
option is what choosing it gives: both use the option's one condition.

A new filter is one more entry in CRITERIA (and its column on ProgrammeSummary).
"""

import functools
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db.models import Q, QuerySet, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from figures.formatting import euro
from public.models import ProgrammeSummary, score_at_least

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


# --- The conditions of the threshold and yes/no filters --------------------------
# Each takes an option's value as the query string gives it.


def max_fee_condition(amount: str) -> Q:
    """A statutory fee of at most this amount; none known never matches."""
    return Q(statutory_fee__lte=Decimal(amount))


def min_score_condition(score: str) -> Q:
    """A shown overall survey score printed as this or higher; a withheld one
    never matches."""
    return score_at_least(score)


def has_specialisations_condition(_yes: str) -> Q:
    return Q(specialisation_count__gt=0)


def has_honours_condition(_yes: str) -> Q:
    return Q(honours_count__gt=0)


# --- Option texts -----------------------------------------------------------------


def _study_load_text(ects: str) -> str:
    return gettext("%(ects)s ECTS") % {"ects": ects}


def _fee_at_most_text(amount: str) -> str:
    return gettext("at most %(fee)s") % {"fee": euro(amount)}


def _score_or_higher_text(score: str) -> str:
    return gettext("%(score)s or higher") % {"score": number_format(Decimal(score), 1)}


def _fixed_text(text: Promise) -> Callable[[str], str]:
    """The text of a yes/no filter's one option, whatever its value."""
    return lambda _value: str(text)


# --- The declaration --------------------------------------------------------------


class Counting(StrEnum):
    """How a filter's facet counts its options, and how many it takes at once."""

    VALUE = "value"  # an option per value of the column; any of several chosen
    OBJECT = "object"  # an option per related object (by slug); any of several
    CONDITION = "condition"  # a threshold or a yes; one option at a time


@dataclass(frozen=True)
class Option:
    value: str  # as in the query string
    text: str
    condition: Q  # the summaries it gives


@dataclass(frozen=True, eq=False)
class Criterion:
    """One filter of the listing; see the module docstring."""

    name: str  # the query parameter
    label: Promise  # the facet's heading, and the filter's name in notes
    counting: Counting
    column: str  # the ProgrammeSummary field it reads
    # The options: a VALUE filter offers its column's choices, or these values;
    # a CONDITION filter offers these values.
    values: Sequence = ()
    text: Callable[[str], str] = str  # an option's text, from its value
    # CONDITION: the summaries an option gives. (VALUE: the column equals the
    # option's value; OBJECT: the column is one of the chosen objects.)
    condition: Callable[[str], Q] | None = None
    # The programme lookup the column is copied from ("": a figure computed in
    # public.summaries, not copied).
    copied_from: str | Combinable = ""

    def __deepcopy__(self, memo):
        # A declaration never changes: FilterSets copy their filters for every
        # request, not this.
        return self

    @property
    def summary_field(self) -> str:
        """The attribute of ProgrammeSummary the column is stored in."""
        return ProgrammeSummary._meta.get_field(self.column).attname

    @property
    def related_model(self):
        return ProgrammeSummary._meta.get_field(self.column).related_model

    def options(self) -> list[Option]:
        """The options on offer, with their texts in the active language. An
        OBJECT filter's options are the objects with programmes: the facet
        groups by them."""
        if self.counting is Counting.OBJECT:
            return []
        choices = ProgrammeSummary._meta.get_field(self.column).choices
        if self.counting is Counting.VALUE and choices:
            pairs = [(str(value), str(text)) for value, text in choices]
        else:
            pairs = [(str(value), self.text(str(value))) for value in self.values]
        return [
            Option(value, text, self.option_condition(value)) for value, text in pairs
        ]

    def choices(self) -> list[tuple[str, str]]:
        """(value, text) of each option: the values the parameter accepts."""
        return [(option.value, option.text) for option in self.options()]

    def option_condition(self, value: str) -> Q:
        """The summaries one option gives."""
        if self.counting is Counting.CONDITION:
            return self.condition(value)
        return Q(**{self.column: value})

    def chosen_objects(self, slugs: list[str]) -> QuerySet:
        """OBJECT: the chosen related objects that exist."""
        return self.related_model.objects.filter(slug__in=slugs)

    def chosen_condition(self, values: list[str]) -> Q:
        """The summaries any of the chosen options gives: what the filter applies."""
        if self.counting is Counting.OBJECT:
            chosen = self.chosen_objects(values).values("pk")
            return Q(**{f"{self.column}__in": chosen})
        return functools.reduce(operator.or_, map(self.option_condition, values))


CRITERIA = (
    Criterion(
        "level",
        _("Level"),
        Counting.VALUE,
        column="level",
        copied_from="study__level",
    ),
    Criterion(
        "sector",
        _("Sector"),
        Counting.VALUE,
        column="sector",
        copied_from="study__sector",
    ),
    Criterion(
        "province",
        _("Province"),
        Counting.VALUE,
        column="province",
        values=PROVINCES,
        copied_from=Coalesce("municipality__province", Value("")),
    ),
    Criterion(
        "city",
        _("City"),
        Counting.OBJECT,
        column="municipality",
        copied_from="municipality_id",
    ),
    Criterion(
        "institution",
        _("Institution"),
        Counting.OBJECT,
        column="institution",
        copied_from="institution_id",
    ),
    Criterion(
        "language",
        _("Language of instruction"),
        Counting.VALUE,
        column="language",
        copied_from="language",
    ),
    Criterion(
        "form",
        _("Form"),
        Counting.VALUE,
        column="form",
        copied_from="form",
    ),
    Criterion(
        "funding",
        _("Funding"),
        Counting.VALUE,
        column="funding",
        copied_from="funding",
    ),
    Criterion(
        "ects",
        _("Study load"),
        Counting.VALUE,
        column="ects",
        values=ECTS_OPTIONS,
        text=_study_load_text,
        copied_from="ects",
    ),
    Criterion(
        "max_fee",
        _("Statutory fee"),
        Counting.CONDITION,
        column="statutory_fee",
        values=MAX_FEE_OPTIONS,
        text=_fee_at_most_text,
        condition=max_fee_condition,
    ),
    Criterion(
        "min_score",
        _("Overall survey score"),
        Counting.CONDITION,
        column="overall_score",
        values=MIN_SCORE_OPTIONS,
        text=_score_or_higher_text,
        condition=min_score_condition,
    ),
    Criterion(
        "specialisations",
        _("Specialisations"),
        Counting.CONDITION,
        column="specialisation_count",
        values=[YES],
        text=_fixed_text(_("Has specialisations")),
        condition=has_specialisations_condition,
    ),
    Criterion(
        "honours",
        _("Honours"),
        Counting.CONDITION,
        column="honours_count",
        values=[YES],
        text=_fixed_text(_("Has an honours programme")),
        condition=has_honours_condition,
    ),
)

# Copied to the summary without being a filter: the listing shows published
# programmes only (ProgrammeSummary.objects.listed()).
COPIED_UNFILTERED = {"is_published": "is_published"}


def copied_facts() -> dict[str, str | Combinable]:
    """{summary field: programme lookup} of every fact the summary copies from
    its programme as it is (the figures it computes are not among them)."""
    return {
        **COPIED_UNFILTERED,
        **{c.summary_field: c.copied_from for c in CRITERIA if c.copied_from},
    }
