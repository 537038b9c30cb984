"""Property-based fuzzing: no query string makes any public page fail.

Every public page (both languages) gets random query strings: known and unknown
parameter names, odd Unicode, very long values, numbers of every size, repeated
keys and percent-encoded bytes. A page may ignore them or say so; it may never
answer with a server error.
"""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demo.loader import demo_load

pytestmark = pytest.mark.django_db

# Every parameter a public page reads, so that the fuzzer hits real code paths.
KNOWN_PARAMETERS = [
    "q",
    "page",
    "sort",
    "level",
    "sector",
    "province",
    "city",
    "institution",
    "language",
    "form",
    "funding",
    "ects",
    "max_fee",
    "min_score",
    "specialisations",
    "honours",
    # Rank by my criteria (public.ranking).
    "w_score",
    "w_salary",
    "w_students",
    "w_fee",
    "w_distance",
    "w_aspect",
    "aspect",
    "students_pref",
    "near",
    "p",
    "study",
    "differences",
    "format",
    # The API's own (api.listing).
    "limit",
    "cursor",
    "lang",
]

names = st.one_of(st.sampled_from(KNOWN_PARAMETERS), st.text(min_size=1, max_size=12))
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        [
            *("", "%", "%00", "\x00", "-1", "0", "1", "3", "9" * 30, "WO-MA"),
            *("en", "csv", "xlsx", "criteria", "smaller", "larger", "Utrecht"),
            *("atmosphere", "overall"),
        ]
    ),
    # Digits of other scripts and superscripts: str.isdigit() passes them all,
    # int() reads some of them and refuses the others.
    st.sampled_from(["²", "١٢", "１２", "2²", "¹⁰", "٣"]),
    st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=8),
)
raw_bytes = st.binary(max_size=30).map(lambda b: "".join(f"%{x:02X}" for x in b))
query_strings = st.one_of(
    st.lists(st.tuples(names, values), max_size=8).map(
        lambda pairs: "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)
    ),
    st.lists(st.tuples(names, raw_bytes), max_size=4).map(
        lambda pairs: "&".join(f"{quote(k)}={v}" for k, v in pairs)
    ),
)


PAGES = [
    "home",
    "method",
    "listing",
    "compare",
    "compare_study",
    "compare_export",
    "programme",
    "programme_moved",
    "programme_changes",
    "programme_changes_moved",
    "programme_changes_feed",
    "study",
    "institution",
    "city",
    "sitemap",
    "suggestions",
    "api_programmes",
    "api_programme",
    "api_institutions",
    "api_studies",
    "api_study",
    "api_survey_rounds",
    "api_sources",
    "open_data",
    "open_data_file",
]


def page_url(page: str, programme) -> str:
    urls = {
        "home": lambda: reverse("home"),
        "method": lambda: reverse("method"),
        "listing": lambda: reverse("programmes:programme_list"),
        "compare": lambda: reverse("programmes:compare"),
        "compare_study": lambda: (
            f"{reverse('programmes:compare')}?study={programme.study.slug}&"
        ),
        "compare_export": lambda: (
            f"{reverse('programmes:compare_export')}?p={programme.slug}&format=csv&"
        ),
        "programme": programme.get_absolute_url,
        # The other language's slug: a permanent redirect carrying the query.
        "programme_moved": lambda: reverse(
            "programmes:programme_detail",
            kwargs={
                "slug": programme.slug_in("en" if get_language() == "nl" else "nl")
            },
        ),
        "programme_changes": lambda: reverse(
            "programmes:programme_changes",
            kwargs={"slug": programme.slug_in(get_language())},
        ),
        "programme_changes_moved": lambda: reverse(
            "programmes:programme_changes",
            kwargs={
                "slug": programme.slug_in("en" if get_language() == "nl" else "nl")
            },
        ),
        "programme_changes_feed": lambda: reverse(
            "programmes:programme_changes_feed",
            kwargs={"slug": programme.slug_in(get_language())},
        ),
        "study": programme.study.get_absolute_url,
        "institution": programme.institution.get_absolute_url,
        "city": programme.municipality.get_absolute_url,
        "sitemap": lambda: "/sitemap.xml",
        "suggestions": lambda: f"{reverse('programmes:search_suggestions')}?q=bio&",
        "api_programmes": lambda: "/api/v1/programmes/",
        "api_programme": lambda: f"/api/v1/programmes/{programme.slug}/",
        "api_institutions": lambda: "/api/v1/institutions/",
        "api_studies": lambda: "/api/v1/studies/",
        "api_study": lambda: f"/api/v1/studies/{programme.study.slug}/",
        "api_survey_rounds": lambda: "/api/v1/survey-rounds/",
        "api_sources": lambda: "/api/v1/sources/",
        "open_data": lambda: reverse("opendata:page"),
        "open_data_file": lambda: reverse(
            "opendata:file", kwargs={"name": "programmes.csv"}
        ),
    }
    return urls[page]()


@pytest.fixture
def reference(db):
    programme = demo_load().reference_programme
    # An English address of its own, so that each language's slug redirects in
    # the other language.
    programme.slug_en = f"{programme.slug}-in-english"
    programme.save()
    return programme


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_query_string_makes_a_public_page_fail(client, reference, page, language):
    with translation.override(language):
        url = page_url(page, reference)
    separator = "&" if "?" in url else "?"

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )
    @given(query=query_strings)
    def fuzz(query):
        response = client.get(f"{url}{separator}{query}")
        assert response.status_code < 500, (url, query)

    fuzz()


form_values = st.one_of(values, st.sampled_from(["add", "remove", "clear"]))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_compare_selection_post_fails(client, reference, language):
    """The only public form that changes anything: random fields and values."""
    with translation.override(language):
        url = reverse("programmes:compare_selection")

    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )
    @given(
        data=st.dictionaries(
            st.sampled_from(["action", "programme", "next", "p", "x"]), form_values
        )
    )
    def fuzz(data):
        response = client.post(url, data)
        assert response.status_code < 500, data

    fuzz()


def test_no_reports_form_post_fails(client, reference):
    """The reports form of a signed-in liaison, with random values."""
    from django.contrib.auth import get_user_model

    from reports.models import InstitutionLiaison

    user = get_user_model().objects.create_user("fuzz-liaison", is_staff=True)
    InstitutionLiaison.objects.create(user=user, institution=reference.institution)
    client.force_login(user)
    url = reverse("reports:reports")

    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )
    @given(
        data=st.dictionaries(
            st.sampled_from(
                [
                    "report",
                    "institution",
                    "year_from",
                    "year_to",
                    "level",
                    "file_format",
                ]
            ),
            st.one_of(
                values,
                st.sampled_from(
                    ["overview", "survey", "careers", "csv", "xlsx", "21PB", "2024"]
                ),
            ),
        )
    )
    def fuzz(data):
        response = client.post(url, data)
        assert response.status_code < 500, data
        if response.status_code == 200 and hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)  # errors while streaming count too

    fuzz()
