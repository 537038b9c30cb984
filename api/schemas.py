"""The API's answers as pydantic schemas: they validate what the views return
and are the OpenAPI schema's components (docs/API.md describes each field)."""

from typing import Literal

from ninja import Field, Schema
from pydantic import create_model

from public.criteria import CRITERIA

from .figures import PUBLISHED, WITHHELD
from .listing import DEFAULT_LIMIT, MAX_LIMIT

Languages = dict[str, str | None]  # {"nl": …, "en": …}: a missing translation is null


class SourceOut(Schema):
    key: str
    name: str
    kind: str
    publisher: str
    url: str
    demo: bool


class FigureOut(Schema):
    value: int | float | None = Field(
        description="As the page prints it; null when withheld, never 0."
    )
    n: int | None = Field(description="People behind the figure, if a survey's.")
    year: str | None
    source: SourceOut | None
    status: Literal[PUBLISHED, WITHHELD]
    reason: Literal["too_few_respondents", "margin_too_wide", "no_data"] | None
    unit: str = Field(description="score, euro, salary, count, percent or number")
    demo: bool = Field(description="From demo data: not real.")


class IdentifiersOut(Schema):
    brin: str
    croho_code: str
    form: str
    location_code: str


class PlaceOut(Schema):
    slug: Languages
    name: Languages


class InstitutionRefOut(PlaceOut):
    brin: str


class ProgrammeOut(Schema):
    id: str = Field(description="The Dutch slug: /api/v1/programmes/{id}/")
    identifiers: IdentifiersOut
    slug: Languages
    name: Languages
    level: str
    form: str
    language: str
    ects: int | None
    institution: InstitutionRefOut
    city: PlaceOut | None
    figures: dict[str, FigureOut]


class ProgrammePageOut(Schema):
    items: list[ProgrammeOut]
    next: str | None = Field(description="The next page's address; null on the last.")


class InstitutionOut(Schema):
    id: str
    brin: str
    slug: Languages
    name: Languages
    kind: str


class InstitutionPageOut(Schema):
    items: list[InstitutionOut]
    next: str | None


class StudyOut(Schema):
    id: str
    croho_code: str
    level: str
    sector: str
    slug: Languages
    name: Languages


class StudyPageOut(Schema):
    items: list["StudyListedOut"]
    next: str | None


class CityOut(Schema):
    code: str
    slug: Languages
    name: Languages
    province: str


class AspectScoresOut(Schema):
    code: str
    name: Languages
    own: FigureOut
    institution_average: FigureOut
    national_average: FigureOut


class SurveyOut(Schema):
    year: int
    source: SourceOut | None
    demo: bool
    aspects: list[AspectScoresOut]


class ProgrammeDetailOut(Schema):
    id: str
    identifiers: IdentifiersOut
    slug: Languages
    name: Languages
    level: str
    form: str
    language: str
    ects: int | None
    funding: str
    degree: str
    institution: InstitutionRefOut
    study: StudyOut
    city: CityOut | None
    demo: bool
    diploma_years: int
    figures: dict[str, FigureOut]
    survey: SurveyOut | None
    sources: list[SourceOut]


class NationalAverageOut(Schema):
    code: str
    name: Languages
    average: FigureOut


class StudySurveyOut(Schema):
    year: int
    source: SourceOut | None
    demo: bool
    programme_count: int
    national_averages: list[NationalAverageOut]


class StudyListedOut(StudyOut):
    survey: StudySurveyOut | None


class StudyDetailOut(StudyListedOut):
    careers: dict[str, FigureOut]
    demo: bool


StudyPageOut.model_rebuild()


class AspectOut(Schema):
    code: str
    name: Languages
    description: Languages


class SurveyRoundOut(Schema):
    id: int = Field(description="The round's year")
    year: int
    name: Languages
    questionnaire_note: Languages = Field(
        description="What changed in the questionnaire this round; null if nothing"
    )
    source: SourceOut
    demo: bool
    aspects: list[AspectOut] = Field(description="The aspects it has scores on")


class SurveyRoundPageOut(Schema):
    items: list[SurveyRoundOut]
    next: str | None


class LicenceOut(Schema):
    code: str | None = Field(
        description="SPDX (CC0-1.0, CC-BY-4.0), demo, or null if not stated"
    )
    name: str
    url: str | None
    attribution: str | None


class SourceDetailOut(Schema):
    key: str
    name: Languages
    kind: str
    publisher: str
    url: str
    file_name: str
    date: str | None = Field(description="The day it was retrieved (ISO 8601)")
    demo: bool
    licence: LicenceOut


class SourcePageOut(Schema):
    items: list[SourceDetailOut]
    next: str | None


class ErrorOut(Schema):
    detail: str
    parameter: str | None


# The parameters each list reads, for the OpenAPI schema. Read as text and
# checked by the view (api.listing), so that every mistake gets one clear 400.
PAGING_FIELDS = {
    "limit": (
        str | None,
        Field(None, description=f"1 to {MAX_LIMIT}; {DEFAULT_LIMIT} if left out"),
    ),
    "cursor": (str | None, Field(None, description="From the previous page's next")),
    "lang": (
        str | None,
        Field(None, description="nl (default) or en: search and name order"),
    ),
}
PagingQuery = create_model("PagingQuery", __base__=Schema, **PAGING_FIELDS)
ProgrammeQuery = create_model(
    "ProgrammeQuery",
    __base__=Schema,
    q=(str | None, Field(None, description="Search words, as on the listing")),
    sort=(str | None, Field(None, description="name, or relevance with q")),
    **PAGING_FIELDS,
    # One parameter per filter of the listing (public.criteria), repeatable.
    **{
        criterion.name: (
            list[str],
            Field(
                default_factory=list,
                description=f"The listing's {criterion.name} filter; repeatable",
            ),
        )
        for criterion in CRITERIA
    },
)
