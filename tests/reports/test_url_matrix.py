"""Every URL outside the admin × every role: the answer to a GET.

The admin has its own matrix (test_admin_matrix.py). Here every other URL the
project routes is listed by hand with what each role gets; a URL added without
an entry fails `test_every_url_is_in_the_matrix`, so nothing is reachable by
accident. Public pages answer everyone alike; the reports answer liaisons and
editors only; the rejected rows of an import only those who may see imports.
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from programmes.models import ImportRun

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "no_role", "staff", "liaison_a", "editor", "superuser")


def everyone(status):
    return dict.fromkeys(ROLES, status)


REPORTS_PAGE = {
    "anonymous": 302,  # to the liaisons' login page
    "no_role": 403,
    "staff": 403,
    "liaison_a": 200,
    "editor": 200,
    "superuser": 200,
}
IMPORT_RUN_FILES = {
    "anonymous": 302,  # to the admin's login page
    "no_role": 302,
    "staff": 403,
    "liaison_a": 403,
    "editor": 200,
    "superuser": 200,
}
LOGIN_PAGE = {
    "anonymous": 200,
    **dict.fromkeys(ROLES[1:], 302),  # already logged in: on to the reports
}

# URL name → the status each role gets for a GET.
MATRIX = {
    "set_language": everyone(302),  # back to the page it came from
    "sitemap": everyone(200),
    "sitemap_section": everyone(200),
    "healthz": everyone(200),
    "favicon": everyone(301),
    "robots_txt": everyone(200),
    "home": everyone(200),
    "method": everyone(200),
    "programmes:programme_list": everyone(200),
    "programmes:compare": everyone(200),
    "programmes:compare_export": everyone(200),
    "programmes:compare_selection": everyone(405),  # a form posts to it
    "programmes:search_suggestions": everyone(200),
    "programmes:programme_detail": everyone(200),
    "programmes:programme_changes": everyone(200),
    "programmes:programme_changes_feed": everyone(200),
    "programmes:study_detail": everyone(200),
    "programmes:institution_detail": everyone(200),
    "programmes:municipality_detail": everyone(200),
    "reports:reports": REPORTS_PAGE,
    "reports:rejected_rows": IMPORT_RUN_FILES,
    "reports:login": LOGIN_PAGE,
    "reports:logout": everyone(405),  # logging out is a POST
    # The open data API: the same for everyone (anonymous, read-only).
    "api:programmes": everyone(200),
    "api:programme": everyone(200),
    "api:institutions": everyone(200),
    "api:studies": everyone(200),
    "api:study": everyone(200),
    "api:survey_rounds": everyone(200),
    "api:sources": everyone(200),
    "api:openapi-json": everyone(200),
    "api:openapi-view": everyone(200),
    "api:api-root": everyone(404),  # django-ninja's root: the docs are at docs/
    # The bulk downloads: public; a file not generated yet (as here) is a 404.
    "opendata:page": everyone(200),
    "opendata:file": everyone(404),
}


def routed_names(patterns, namespace=""):
    """Every URL name outside the admin, with its namespace."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            yield from routed_names(pattern.url_patterns, inner)
        else:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    assert set(routed_names(get_resolver().url_patterns)) == set(MATRIX)


@pytest.fixture
def addresses(two_institutions):
    programme, other = (two_institutions[key]["programme"] for key in "AB")
    run = ImportRun.objects.create(
        file_name="ingeschrevenenhbo.csv",
        checksum="0" * 64,
        kind="statistics",
        started_at="2026-12-01T10:00:00Z",
        finished_at="2026-12-01T10:00:05Z",
    )
    kwargs = {
        "sitemap_section": {"section": "programmes"},
        "programmes:programme_detail": {"slug": programme.slug},
        "programmes:programme_changes": {"slug": programme.slug},
        "programmes:programme_changes_feed": {"slug": programme.slug},
        "programmes:study_detail": {"slug": programme.study.slug},
        "programmes:institution_detail": {"slug": programme.institution.slug},
        "programmes:municipality_detail": {"slug": programme.municipality.slug},
        "reports:rejected_rows": {"pk": run.pk},
        "api:programme": {"id": programme.slug},
        "api:study": {"id": programme.study.slug},
        "opendata:file": {"name": "programmes.csv"},
    }
    queries = {
        "set_language": "?next=/nl/",
        "programmes:compare": f"?p={programme.slug}&p={other.slug}",
        "programmes:compare_export": f"?p={programme.slug}&p={other.slug}&format=csv",
        "programmes:search_suggestions": "?q=bio",
    }
    with translation.override("nl"):
        return {
            name: reverse(name, kwargs=kwargs.get(name)) + queries.get(name, "")
            for name in MATRIX
        }


@pytest.mark.parametrize("who", ROLES)
def test_each_role_gets_what_the_matrix_says(client, users, addresses, who):
    if users[who] is not None:
        client.force_login(users[who])
    answers = {
        name: client.get(address).status_code for name, address in addresses.items()
    }
    assert answers == {name: statuses[who] for name, statuses in MATRIX.items()}
