"""Rank the listing by my criteria: the weights a student gives to what matters
(satisfaction, one NSE aspect of their choice, salary, number of students, fee,
distance to a city), read from the query string, and the ranking score built
from them in SQL.

Each criterion's figure is put on a scale from 0 to 1 between the ends of the
whole catalogue's published figures (`figures.ranking`), only where the
publication rule shows it (`score_is_shown`, `salary_is_shown`, as the sort by
a figure; `aspect_score_is_shown` on the aspect's stored score, joined once:
`with_aspect_score`): a withheld figure is unknown and counts as the middle of
the scale.
A result's score is the weighted mean, out of 100 points, annotated on the
summaries so that the database sorts 200,000 of them and pages, and each
criterion's points are annotated beside it for the result's breakdown.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    FloatField,
    Max,
    Min,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.http import QueryDict
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from figures.publication import Figure, Withheld, judged_survey_figure
from figures.ranking import (
    UNKNOWN_COUNTS_AS,
    WEIGHTS,
    Range,
    great_circle_km,
    share_of_score,
    trimmed_positions,
)
from programmes.geography import municipality_points
from programmes.importing.normalise import municipality_key
from programmes.localised import translated_value
from programmes.models import Municipality
from public.caching import cached_until_content_changes
from public.models import (
    ProgrammeSummary,
    aspect_score_is_shown,
    salary_is_shown,
    score_is_shown,
)
from surveys.models import Aspect

WEIGHT_LABELS = {
    0: gettext_lazy("Not important"),
    1: gettext_lazy("Somewhat important"),
    2: gettext_lazy("Important"),
    3: gettext_lazy("Very important"),
}
SIZE_PARAM = "students_pref"
SIZE_CHOICES = {
    "larger": gettext_lazy("the more students, the better"),
    "smaller": gettext_lazy("the fewer students, the better"),
}
NEAR_PARAM = "near"
ASPECT_PARAM = "aspect"
# The chosen aspect's stored score, joined to the summaries (a FilteredRelation).
ASPECT_RELATION = "ranking_aspect"
# Its score, n and margin annotated beside the points, for the breakdown.
ASPECT_FIGURES = {
    "ranking_aspect_score": "score",
    "ranking_aspect_respondents": "respondents",
    "ranking_aspect_margin": "margin",
}
# The score's annotation, and each criterion's: its place on the 0-1 scale
# (NULL when unknown) and its points.
SCORE = "ranking_score"


@dataclass(frozen=True)
class RankingCriterion:
    name: str
    label: str
    column: str  # on ProgrammeSummary; for distance, the municipality
    known: Callable[[], Q]  # where the figure is known (and published)
    higher_is_better: bool = True
    # The summary's Figure of it, for the reason it is unknown.
    figure: str = ""

    @property
    def param(self) -> str:
        return f"w_{self.name}"

    @property
    def place(self) -> str:
        return f"ranking_place_{self.name}"

    @property
    def points(self) -> str:
        return f"ranking_points_{self.name}"


CRITERIA = (
    RankingCriterion(
        "score",
        gettext_lazy("Overall satisfaction (NSE)"),
        "overall_score",
        score_is_shown,
        figure="score_figure",
    ),
    RankingCriterion(
        "aspect",
        gettext_lazy("Satisfaction with one aspect (NSE)"),
        f"{ASPECT_RELATION}__score",
        lambda: aspect_score_is_shown(ASPECT_RELATION),
    ),
    RankingCriterion(
        "salary",
        gettext_lazy("Starting salary"),
        "starting_salary",
        salary_is_shown,
        figure="salary_figure",
    ),
    RankingCriterion(
        "students",
        gettext_lazy("Number of students"),
        "students",
        lambda: Q(students__isnull=False),
        figure="students_figure",
    ),
    RankingCriterion(
        "fee",
        gettext_lazy("Statutory tuition fee (lower is better)"),
        "statutory_fee",
        lambda: Q(statutory_fee__isnull=False),
        higher_is_better=False,
    ),
    RankingCriterion(
        "distance",
        gettext_lazy("Distance to a city (closer is better)"),
        "municipality_id",
        lambda: Q(municipality__isnull=False),
        higher_is_better=False,
    ),
)
BY_NAME = {criterion.name: criterion for criterion in CRITERIA}
PARAMETERS = (*(c.param for c in CRITERIA), ASPECT_PARAM, SIZE_PARAM, NEAR_PARAM)


# --- The NSE aspects one may weigh ----------------------------------------------


@dataclass(frozen=True)
class RankingAspect:
    """An aspect of the NSE one may rank by (every one but the overall score,
    which is a criterion of its own), with its names in both languages."""

    pk: int
    code: str
    name_nl: str
    name_en: str

    @property
    def name(self) -> str:
        return translated_value(self, "name")[0]

    def answers_to(self, raw: str) -> bool:
        """Whether a query parameter names this aspect: its code or its id."""
        return raw.strip().lower() in {self.code, str(self.pk)}


def _read_aspects() -> list[RankingAspect]:
    rows = (
        Aspect.objects.exclude(code=Aspect.Code.OVERALL)
        .order_by("position", "pk")
        .values_list("pk", "code", "name_nl", "name_en")
    )
    return [RankingAspect(pk, code, nl or "", en or "") for pk, code, nl, en in rows]


def rankable_aspects() -> list[RankingAspect]:
    return cached_until_content_changes(
        "ranking-aspects", (), _read_aspects, settings.FACET_CACHE_SECONDS
    )


def with_aspect_score(summaries: QuerySet, aspect: RankingAspect) -> QuerySet:
    """The summaries joined to their stored score on this aspect (a LEFT JOIN
    on one row per summary at most: unique per programme and aspect), as
    ASPECT_RELATION."""
    return summaries.annotate(
        **{
            ASPECT_RELATION: FilteredRelation(
                "aspect_scores", condition=Q(aspect_scores__aspect_id=aspect.pk)
            )
        }
    )


# --- Where programmes are taught ---------------------------------------------


@dataclass(frozen=True)
class City:
    """A teaching location one can rank by distance to, with its coordinates."""

    pk: int
    slug: str
    slug_en: str
    name_nl: str
    name_en: str
    point: tuple[float, float]

    @property
    def name(self) -> str:
        english = get_language() == "en" and self.name_en
        return self.name_en if english else self.name_nl

    def answers_to(self, typed: str) -> bool:
        """Whether a typed name (either language, any case or accents) or slug
        names this city."""
        key = municipality_key(typed)
        names = (self.name_nl, self.name_en, self.slug, self.slug_en)
        return bool(key) and key in {municipality_key(name) for name in names if name}


def _read_cities() -> list[City]:
    taught = ProgrammeSummary.objects.listed().values("municipality_id")
    municipalities = list(
        Municipality.objects.filter(pk__in=taught).only(
            "name", "name_nl", "name_en", "slug", "slug_en"
        )
    )
    points = municipality_points(municipalities)
    cities = [
        City(
            m.pk, m.slug, m.slug_en or m.slug, m.name_nl, m.name_en or "", points[m.pk]
        )
        for m in municipalities
        if m.pk in points
    ]
    return sorted(cities, key=lambda city: city.name_nl)


def teaching_cities() -> list[City]:
    """The places where listed programmes are taught and whose coordinates are
    known: the cities one may rank by distance to (and the only ones a distance
    is known for)."""
    return cached_until_content_changes(
        "ranking-cities", (), _read_cities, settings.FACET_CACHE_SECONDS
    )


# --- Ranges of the catalogue's figures -----------------------------------------


def _read_ranges(
    names: tuple[str, ...], aspect: RankingAspect | None
) -> dict[str, Range]:
    """Each figure criterion's range over the published figures of every listed
    programme (not only those the filters let through, so that a programme's
    score does not change with the filters): the trimmed ends, or the lowest and
    highest when the trimmed ends are one figure."""
    listed = ProgrammeSummary.objects.listed()
    if "aspect" in names:
        listed = with_aspect_score(listed, aspect)
    criteria = [BY_NAME[name] for name in names]
    totals = listed.aggregate(
        **{
            f"{c.name}__{what}": function(c.column, filter=c.known())
            for c in criteria
            for what, function in (("n", Count), ("min", Min), ("max", Max))
        }
    )
    ranges = {}
    for c in criteria:
        n = totals[f"{c.name}__n"]
        if not n:
            ranges[c.name] = Range(0.0, 0.0)
            continue
        ordered = listed.filter(c.known()).order_by(c.column)
        values = ordered.values_list(c.column, flat=True)
        low, high = trimmed_positions(n)
        trimmed = Range(float(values[low]), float(values[high]))
        if trimmed.high <= trimmed.low:
            trimmed = Range(
                float(totals[f"{c.name}__min"]), float(totals[f"{c.name}__max"])
            )
        ranges[c.name] = trimmed
    return ranges


def catalogue_ranges(
    names: tuple[str, ...], aspect: RankingAspect | None = None
) -> dict[str, Range]:
    return cached_until_content_changes(
        "ranking-ranges",
        (*names, aspect.code if aspect and "aspect" in names else ""),
        lambda: _read_ranges(names, aspect),
        settings.FACET_CACHE_SECONDS,
    )


# --- The weights asked for ------------------------------------------------------


@dataclass
class Ranking:
    """The weights a query string gives (only those above 0), the preference
    for larger or smaller programmes, the city to be near and the aspect."""

    weights: dict[str, int]
    larger: bool = True
    near: City | None = None
    cities: list[City] = field(default_factory=list)
    aspect: RankingAspect | None = None
    # The catalogue's ranges, once read (the page annotates twice: its ids and
    # its rows).
    _ranges: dict[str, Range] | None = field(default=None, repr=False)

    @property
    def is_active(self) -> bool:
        return bool(self.weights)

    @property
    def total_weight(self) -> int:
        return sum(self.weights.values())

    def higher_is_better(self, criterion: RankingCriterion) -> bool:
        if criterion.name == "students":
            return self.larger
        return criterion.higher_is_better

    def label(self, criterion: RankingCriterion) -> str:
        """The criterion's name in a result's breakdown: distance names the
        city it is measured to."""
        if criterion.name == "distance" and self.near is not None:
            return _("Distance to %(city)s (closer is better)") % {
                "city": self.near.name
            }
        if criterion.name == "aspect" and self.aspect is not None:
            return _("Satisfaction with “%(aspect)s” (NSE)") % {
                "aspect": self.aspect.name
            }
        return str(criterion.label)

    def annotated(self, summaries: QuerySet) -> QuerySet:
        """The summaries with each weighed criterion's place on the scale (NULL
        when unknown), its points and their sum, the score (SCORE)."""
        ranges = self.ranges()
        if "aspect" in self.weights:
            summaries = with_aspect_score(summaries, self.aspect).annotate(
                **{
                    name: F(f"{ASPECT_RELATION}__{column}")
                    for name, column in ASPECT_FIGURES.items()
                }
            )
        places = {
            BY_NAME[name].place: self._place(BY_NAME[name], ranges.get(name))
            for name in self.weights
        }
        points = {
            BY_NAME[name].points: Value(share_of_score(weight, self.total_weight))
            * Coalesce(F(BY_NAME[name].place), Value(UNKNOWN_COUNTS_AS))
            for name, weight in self.weights.items()
        }
        score = sum((F(name) for name in points), start=Value(0.0))
        return (
            summaries.annotate(**places).annotate(**points).annotate(**{SCORE: score})
        )

    def ranges(self) -> dict[str, Range]:
        """The ranges of the weighed figures over the catalogue."""
        if self._ranges is None:
            figures = tuple(n for n in self.weights if n != "distance")
            self._ranges = catalogue_ranges(figures, self.aspect) if figures else {}
        return self._ranges

    def _place(self, criterion: RankingCriterion, range_: Range | None):
        if criterion.name == "distance":
            return self._distance_place()
        if range_ is None or range_.high <= range_.low:
            return Case(
                When(criterion.known(), then=Value(UNKNOWN_COUNTS_AS)),
                default=None,
                output_field=FloatField(),
            )
        value = Cast(criterion.column, FloatField())
        place = (value - Value(range_.low)) / Value(range_.high - range_.low)
        place = Greatest(Least(place, Value(1.0)), Value(0.0))
        if not self.higher_is_better(criterion):
            place = Value(1.0) - place
        return Case(
            When(criterion.known(), then=place), default=None, output_field=FloatField()
        )

    def distances(self) -> dict[int, float]:
        """km from the chosen city to each teaching city, by municipality."""
        if self.near is None:
            return {}
        return {
            city.pk: great_circle_km(self.near.point, city.point)
            for city in self.cities
        }

    def _distance_place(self):
        """A teaching city's place on the scale of distances: from the nearest
        teaching city (best) to the farthest (worst), trimmed as the figures
        are; one CASE over the few hundred places, computed here once."""
        distances = self.distances()
        if not distances:
            return Value(None, output_field=FloatField())
        ordered = sorted(distances.values())
        low, high = trimmed_positions(len(ordered))
        range_ = Range(ordered[low], ordered[high])
        whens = [
            When(
                municipality_id=pk,
                then=Value(range_.scaled(km, higher_is_better=False)),
            )
            for pk, km in distances.items()
        ]
        return Case(*whens, default=None, output_field=FloatField())

    def breakdown(self, summary) -> "RankedResult":
        """What a result's score is made of, from its annotations."""
        distances = self.distances()
        parts = []
        for criterion in CRITERIA:
            if criterion.name not in self.weights:
                continue
            place = getattr(summary, criterion.place)
            parts.append(
                Contribution(
                    label=self.label(criterion),
                    weight=self.weights[criterion.name],
                    points=getattr(summary, criterion.points),
                    most=share_of_score(
                        self.weights[criterion.name], self.total_weight
                    ),
                    unknown_reason=""
                    if place is not None
                    else _reason(criterion, summary),
                    distance_km=distances.get(summary.municipality_id)
                    if criterion.name == "distance"
                    else None,
                )
            )
        return RankedResult(score=getattr(summary, SCORE), parts=parts)

    def parameters(self) -> list[tuple[str, str]]:
        """The ranking's parameters as read, in one order (the page cache's key)."""
        items = [(BY_NAME[name].param, str(w)) for name, w in self.weights.items()]
        if "students" in self.weights and not self.larger:
            items.append((SIZE_PARAM, "smaller"))
        if self.near is not None and "distance" in self.weights:
            items.append((NEAR_PARAM, self.near.slug))
        if self.aspect is not None and "aspect" in self.weights:
            items.append((ASPECT_PARAM, self.aspect.code))
        return items


def _reason(criterion: RankingCriterion, summary) -> str:
    if criterion.figure:
        figure: Figure = getattr(summary, criterion.figure)
        if not figure.is_shown:
            return figure.reason
    if criterion.name == "distance":
        return _("We don’t know where this place lies.")
    if criterion.name == "aspect":
        return _aspect_figure(summary).reason
    return Withheld.NO_DATA.label


def _aspect_figure(summary) -> Figure:
    """The chosen aspect's score of a ranked summary, judged by the rule (no
    stored score: no figures)."""
    stored = {
        column: getattr(summary, name, None) for name, column in ASPECT_FIGURES.items()
    }
    return judged_survey_figure(
        mean=stored["score"],
        respondents=stored["respondents"],
        margin=stored["margin"],
    )


@dataclass(frozen=True)
class Contribution:
    """One criterion's part of a result's score."""

    label: str
    weight: int
    points: float  # of the score's 100
    most: float  # the points this criterion can give
    unknown_reason: str = ""  # why its figure is unknown ("" when known)
    distance_km: float | None = None

    @property
    def weight_label(self) -> str:
        return WEIGHT_LABELS[self.weight]

    @property
    def is_known(self) -> bool:
        return not self.unknown_reason

    @property
    def share(self) -> float:
        """Its points as a share of what it can give: a bar's length, 0 to 1."""
        return self.points / self.most if self.most else 0.0


@dataclass(frozen=True)
class RankedResult:
    score: float  # of 100
    parts: list[Contribution]

    @property
    def unknown(self) -> list[Contribution]:
        return [part for part in self.parts if not part.is_known]


# --- Reading the query string ---------------------------------------------------


@dataclass
class RankingChoice:
    """The panel's state (every criterion's weight, even 0), the ranking it
    gives, and what was not understood."""

    ranking: Ranking
    chosen: dict[str, int]
    notes: list[str]

    @property
    def fields(self) -> list[tuple[RankingCriterion, int]]:
        return [(c, self.chosen.get(c.name, 0)) for c in CRITERIA]

    @property
    def weight_choices(self) -> list[tuple[int, str]]:
        return list(WEIGHT_LABELS.items())

    @property
    def size_choices(self) -> list[tuple[str, str, bool]]:
        larger = self.ranking.larger
        return [
            (v, label, (v == "larger") == larger) for v, label in SIZE_CHOICES.items()
        ]

    near_typed: str = ""
    aspect: RankingAspect | None = None  # as chosen, even with weight 0

    @property
    def aspect_choices(self) -> list[tuple[str, str, bool]]:
        """(code, name, selected) of every aspect one may weigh."""
        chosen = self.aspect.code if self.aspect else ""
        return [(a.code, a.name, a.code == chosen) for a in rankable_aspects()]

    @property
    def near_text(self) -> str:
        """What the city field shows: the city found, or what was typed."""
        return self.ranking.near.name if self.ranking.near else self.near_typed


def _weight(raw: str) -> int | None:
    """A weight as the form sends it: one of WEIGHTS written as one digit."""
    if raw in {str(w) for w in WEIGHTS}:
        return int(raw)
    return None


def ranking_choice(params: QueryDict) -> RankingChoice:
    """The ranking a query string asks for. A value that is not one of the
    form's is reported and left out (the rest of the ranking still applies)."""
    notes, chosen = [], {}
    for criterion in CRITERIA:
        raw = params.get(criterion.param)
        if not raw:
            continue
        weight = _weight(raw)
        if weight is None:
            notes.append(
                _(
                    "“%(value)s” is not a weight for “%(criterion)s”: choose one "
                    "from the list. We left it out of the ranking."
                )
                % {"value": raw[:20], "criterion": criterion.label}
            )
            continue
        chosen[criterion.name] = weight
    size = params.get(SIZE_PARAM, "")
    if size and size not in SIZE_CHOICES:
        notes.append(
            _(
                "“%(value)s” is not a choice for the number of students; we ranked the more, the better."
            )
            % {"value": size[:20]}
        )
    weights = {name: w for name, w in chosen.items() if w}
    aspect = _aspect(params.get(ASPECT_PARAM, ""), weights, notes)
    typed = " ".join(params.get(NEAR_PARAM, "").split())[:60]
    # Read only when asked for: the plain listing's queries stay as they were.
    cities = teaching_cities() if typed or "distance" in weights else []
    near = _near(typed, cities, weights, notes)
    if near is None:
        weights.pop("distance", None)
    ranking = Ranking(
        weights, larger=size != "smaller", near=near, cities=cities, aspect=aspect
    )
    return RankingChoice(ranking, chosen, notes, near_typed=typed, aspect=aspect)


def _aspect(raw: str, weights: dict, notes: list[str]) -> RankingAspect | None:
    """The aspect a query string names (by code or id); without one, or with
    one we don't know, a note and the aspect's weight left out."""
    aspect = None
    if raw:
        aspect = next((a for a in rankable_aspects() if a.answers_to(raw)), None)
        if aspect is None:
            notes.append(
                _(
                    "“%(value)s” is not an aspect of the NSE: choose one from the "
                    "list. We left the aspect out of the ranking."
                )
                % {"value": raw[:20]}
            )
    elif "aspect" in weights:
        notes.append(_("Choose an aspect to rank by it; we left the aspect out."))
    if aspect is None:
        weights.pop("aspect", None)
    return aspect


def _near(typed: str, cities: list[City], weights: dict, notes: list[str]):
    if not typed:
        if "distance" in weights:
            notes.append(_("Type a city to rank by distance; we left distance out."))
        return None
    city = next((city for city in cities if city.answers_to(typed)), None)
    if city is None:
        notes.append(
            _(
                "We don’t know “%(city)s” as a city where programmes are taught; "
                "we left distance out of the ranking."
            )
            % {"city": typed[:40]}
        )
    return city
