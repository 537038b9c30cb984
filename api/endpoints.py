"""The API's endpoints: thin views that read through `api.listing` and the
public side's own functions, and write with `api.representations`.

django-ninja (docs/API.md says why): pydantic schemas, the OpenAPI schema and
its documentation page built in, served from our own static files.
"""

from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.http import urlencode
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError
from ninja.openapi.docs import Swagger

from careers.selectors import study_career_summary
from programmes.models import DataSource, Institution, Programme, Study
from public.presenters import programme_for_page, programme_page
from surveys.models import SurveyRound
from surveys.selectors import (
    rounds_aspects,
    studies_score_averages,
    study_score_averages,
)

from . import listing
from .http import bad_request
from .listing import BadParameter, ResultPage
from .representations import (
    institution_data,
    listing_figures,
    programme_data,
    programme_detail_data,
    source_detail_data,
    study_detail_data,
    study_listed_data,
    survey_round_data,
)
from .schemas import (
    ErrorOut,
    InstitutionPageOut,
    PagingQuery,
    ProgrammeDetailOut,
    ProgrammePageOut,
    ProgrammeQuery,
    SourcePageOut,
    StudyDetailOut,
    StudyPageOut,
    SurveyRoundPageOut,
)

api = NinjaAPI(
    title="Keuzewijzer open data API",
    version="1",
    description=(
        "Read-only: the published programmes, institutions and studies with "
        "their figures, as the pages show them, the survey rounds and the data "
        "sources with their licences. Anonymous use: 120 requests a minute per "
        "address; an API key (Authorization: Bearer <key>, or X-API-Key) has a "
        "higher limit of its own. Fields and limits: docs/API.md."
    ),
    urls_namespace="api",
    # Swagger UI from ninja's static files ("ninja" is an installed app), so the
    # site's Content-Security-Policy (script-src 'self') holds here too.
    docs=Swagger(settings={"defaultModelsExpandDepth": 0}),
    docs_url="/docs/",
)


@api.exception_handler(BadParameter)
def _bad_parameter(request, exc: BadParameter):
    return bad_request(exc.message, exc.parameter)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    parameter = str(first.get("loc", ["", ""])[-1])
    return bad_request(f"{parameter}: {first.get('msg', 'invalid')}", parameter)


def _next_address(request: HttpRequest, page: ResultPage) -> str | None:
    if page.next_cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = page.next_cursor
    return request.build_absolute_uri(f"{request.path}?{urlencode(params, True)}")


def _keyset_page(request: HttpRequest, queryset, order: tuple[str, str], kind: str):
    """A page of `queryset` in `order` by the request's cursor and limit, once
    the query string is known to name only the paging parameters."""
    listing.check_known(request.GET, listing.COMMON_PARAMETERS)
    return listing.keyset_page(queryset, fields=order, params=request.GET, kind=kind)


def _page_answer(request: HttpRequest, page: ResultPage, items: list) -> dict:
    """A list endpoint's answer: its items and the address of the next page."""
    return {"items": items, "next": _next_address(request, page)}


def _language() -> str:
    return translation.get_language()


ERRORS = {400: ErrorOut, 404: ErrorOut}


@api.get(
    "/programmes/", response={200: ProgrammePageOut, **ERRORS}, tags=["programmes"]
)
def programmes(request, filters: Query[ProgrammeQuery]):
    """The published programmes: the listing's search and filters, a page at a
    time (cursor)."""
    # `filters` documents the parameters in the schema; they are read from the
    # query string as the listing reads them (public.listing.listing_search).
    page = listing.programme_page(request.GET, _language())
    items = [
        {**programme_data(programme), "figures": listing_figures(programme.summary)}
        for programme in page.items
    ]
    return _page_answer(request, page, items)


@api.get(
    "/programmes/{id}/",
    response={200: ProgrammeDetailOut, **ERRORS},
    tags=["programmes"],
)
def programme(request, id: str):
    """A published programme with every figure of its page; `id` is the Dutch slug."""
    listing.check_known(request.GET, listing.COMMON_PARAMETERS)
    try:
        with translation.override("nl"):  # `id` is the Dutch slug
            found = programme_for_page(Programme.objects, id)
    except Programme.DoesNotExist:
        raise Http404 from None
    return programme_detail_data(programme_page(found))


@api.get(
    "/institutions/", response={200: InstitutionPageOut, **ERRORS}, tags=["places"]
)
def institutions(request, paging: Query[PagingQuery]):
    """Every institution, by id."""
    # `paging` documents the parameters; api.listing reads and checks them.
    page = _keyset_page(
        request, Institution.objects.all(), ("slug", "id"), "institutions"
    )
    return _page_answer(request, page, [institution_data(i) for i in page.items])


@api.get("/studies/", response={200: StudyPageOut, **ERRORS}, tags=["studies"])
def studies(request, paging: Query[PagingQuery]):
    """Every study (a CROHO code at a level), by id, with its national survey
    averages; its career figures are in /studies/{id}/."""
    page = _keyset_page(request, Study.objects.all(), ("slug", "id"), "studies")
    averages = studies_score_averages(page.items)
    items = [study_listed_data(study, averages.get(study.pk)) for study in page.items]
    return _page_answer(request, page, items)


@api.get("/studies/{id}/", response={200: StudyDetailOut, **ERRORS}, tags=["studies"])
def study(request, id: str):
    """A study with its national survey averages and career figures."""
    listing.check_known(request.GET, listing.COMMON_PARAMETERS)
    found = Study.objects.filter(slug=id).first()
    if found is None:
        raise Http404
    return study_detail_data(
        found, study_score_averages(found), study_career_summary(found)
    )


@api.get(
    "/survey-rounds/",
    response={200: SurveyRoundPageOut, **ERRORS},
    tags=["sources"],
)
def survey_rounds(request, paging: Query[PagingQuery]):
    """Every round of the National Student Survey, by year: what changed in
    its questionnaire, its source and the aspects it has scores on."""
    rounds = SurveyRound.objects.select_related("source")
    page = _keyset_page(request, rounds, ("year", "id"), "survey-rounds")
    aspects = rounds_aspects(page.items)
    items = [survey_round_data(r, aspects[r.pk]) for r in page.items]
    return _page_answer(request, page, items)


@api.get("/sources/", response={200: SourcePageOut, **ERRORS}, tags=["sources"])
def sources(request, paging: Query[PagingQuery]):
    """Every data source a figure can cite, by key, with its publisher,
    licence, date and address; demo and synthetic data marked as demo."""
    page = _keyset_page(request, DataSource.objects.all(), ("key", "id"), "sources")
    return _page_answer(request, page, [source_detail_data(s) for s in page.items])
