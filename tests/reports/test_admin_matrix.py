"""The admin's permission matrix, generated from the admin site's registry.

Every registered model × every page (changelist, add, change, delete, history,
version, revert, autocomplete, and the change and delete POSTs) × every role, on
an object of institution A and one of institution B. Each cell asserts the
answer, and every request that is refused (or sent away) must leave every table
as it was. The expected matrix is written out by hand in
admin_matrix_expected.py and in docs/REPORTS.md; a model registered without
an entry there fails the test.
"""

import hashlib
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from api.keys import api_key_issue
from api.models import ApiKey
from labour_market.models import HourlyWage, PositionCount
from programmes.models import (
    ImportRun,
    ProgrammeCodeChange,
    StudyProgress,
    SynonymGroup,
)
from reports.models import ExportLog
from tests.careers.factories import GraduateJudgementFactory, OccupationShareFactory
from tests.programmes.admin_pages import form_data
from tests.programmes.factories import (
    DataSourceFactory,
    HonoursProgrammeFactory,
    TuitionFeeFactory,
)
from tests.reports.admin_matrix_expected import (
    ACCESS,
    EDIT,
    FOUND,
    OBJECT_PAGES,
    OK,
    PAGES,
    ROLES,
    STATUS,
    expected,
)

pytestmark = pytest.mark.django_db


# --- The objects --------------------------------------------------------------
# How an object reaches its institution; models without one are shared.
INSTITUTION_OF = {
    "programmes.institution": "pk",
    "programmes.programme": "institution",
    "reports.institutionliaison": "institution",
}
PROGRAMME_PARTS = (
    "programmes.specialisation",
    "programmes.honoursprogramme",
    "programmes.tuitionfee",
    "programmes.enrolment",
    "programmes.studyprogress",
    "programmes.programmecodechange",
    "surveys.programmescore",
)
INSTITUTION_OF.update(dict.fromkeys(PROGRAMME_PARTS, "programme__institution"))


@pytest.fixture
def objects(users, two_institutions):
    """One object of each registered model for A and for B (shared ones twice)."""
    for key, shift in (("A", 0), ("B", 1)):
        programme = two_institutions[key]["programme"]
        HonoursProgrammeFactory(programme=programme)
        TuitionFeeFactory(programme=programme)
        StudyProgress.objects.create(
            programme=programme, cohort_year=2020 + shift, cohort_size=100
        )
        ProgrammeCodeChange.objects.create(
            programme=programme, former_code=f"1234{shift}", first_year=2018
        )
    GraduateJudgementFactory(study=two_institutions["A"]["programme"].study)
    OccupationShareFactory()
    now = timezone.now()
    ImportRun.objects.create(
        file_name="erkenningen.csv",
        dataset=DataSourceFactory(),
        kind="programmes",
        started_at=now - timedelta(seconds=5),
        finished_at=now,
    )
    cbs = DataSourceFactory()
    cell = {"cohort": 2015, "level": "wo_master", "sector": "RECHT", "years_after": 1}
    PositionCount.objects.create(
        **cell, gender="total", position="work", graduates=2710, source=cbs
    )
    HourlyWage.objects.create(**cell, gender="total", wage="18.21", source=cbs)
    ExportLog.objects.create(user=users["editor"], report="overview", file_format="csv")
    attempt = {"username": "liaison-a", "ip_address": "192.0.2.1", "user_agent": "test"}
    AccessAttempt.objects.create(**attempt, failures_since_start=1)
    AccessFailureLog.objects.create(**attempt, attempt_time=now)
    AccessLog.objects.create(**attempt, attempt_time=now)
    Group.objects.get_or_create(name="Content editors")
    SynonymGroup.objects.create(terms="matrix, matrices")
    for name in ("Matrix research", "Matrix app"):
        api_key_issue(api_key=ApiKey(name=name, contact_email="api@example.org"))
    found = {}
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        path = INSTITUTION_OF.get(label)
        for key in ("A", "B"):
            queryset = model._default_manager.order_by("pk")
            if path:
                institution = two_institutions[key]["institution"]
                queryset = queryset.filter(**{path: institution.pk})
            obj = queryset.first()
            assert obj is not None, f"no {label} object for {key}"
            if isinstance(model_admin, SimpleHistoryAdmin):
                obj.save()  # a second version, so that there is one to revert to
            found[label, key] = obj
    return found


# --- The requests -------------------------------------------------------------


def admin_url(model, name, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{name}", args=args)


def first_version(obj):
    return obj.history.order_by("history_date", "history_id").first()


def autocomplete_source(model):
    """(app_label, model_name, field_name) of a registered autocomplete to model."""
    for source, source_admin in admin.site._registry.items():
        for name in source_admin.autocomplete_fields:
            if source._meta.get_field(name).related_model is model:
                meta = source._meta
                return meta.app_label, meta.model_name, name
    return None


def fingerprint():
    """Everything the admin could write: every table of the portal's apps."""
    digest = hashlib.sha256()
    apps_written = (
        "programmes",
        "surveys",
        "careers",
        "reports",
        "auth",
        "axes",
        "api",
    )
    for app_label in apps_written:
        for model in apps.get_app_config(app_label).get_models():
            rows = model._default_manager.order_by("pk").values_list()
            digest.update(repr((model._meta.label, list(rows))).encode())
    return digest.hexdigest()


def edited(data):
    """The form data with every translated text changed."""
    return {
        name: f"{value} (matrix)"
        if isinstance(value, str)
        and value
        and name.endswith(("_nl", "_en"))
        and "slug" not in name
        else value
        for name, value in data.items()
    }


class Requests:
    """The matrix's requests for one model; POST payloads come from a superuser's
    view of the same page, as a browser would send them."""

    def __init__(self, client, superuser_client, model, objects):
        self.client = client
        self.superuser = superuser_client
        self.model = model
        self.objects = objects
        self.label = model._meta.label_lower

    def obj(self, whose):
        return self.objects[self.label, whose]

    def page(self, page_name, whose):
        return getattr(self, page_name)(self.obj(whose))

    def changelist(self, obj):
        return self.client.get(admin_url(self.model, "changelist"))

    def add(self, obj):
        return self.client.get(admin_url(self.model, "add"))

    def change(self, obj):
        return self.client.get(admin_url(self.model, "change", obj.pk))

    def delete(self, obj):
        return self.client.get(admin_url(self.model, "delete", obj.pk))

    def history(self, obj):
        return self.client.get(admin_url(self.model, "history", obj.pk))

    def version(self, obj):
        version = first_version(obj)
        return self.client.get(
            admin_url(self.model, "simple_history", obj.pk, version.pk)
        )

    def autocomplete(self, obj):
        app_label, model_name, field_name = autocomplete_source(self.model)
        return self.client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": app_label,
                "model_name": model_name,
                "field_name": field_name,
            },
        )

    def change_post(self, obj):
        url = admin_url(self.model, "change", obj.pk)
        return self.client.post(url, edited(form_data(self.superuser.get(url))))

    def revert_post(self, obj):
        version = first_version(obj)
        url = admin_url(self.model, "simple_history", obj.pk, version.pk)
        return self.client.post(url, form_data(self.superuser.get(url)))

    def delete_post(self, obj):
        return self.client.post(
            admin_url(self.model, "delete", obj.pk), {"post": "yes"}
        )


def applicable(model, page_name):
    model_admin = admin.site._registry[model]
    if page_name in ("history", "version", "revert_post"):
        return isinstance(model_admin, SimpleHistoryAdmin)
    if page_name == "autocomplete":
        return autocomplete_source(model) is not None
    return True


REGISTRY = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)


def test_every_registered_model_has_an_expected_row():
    assert {model._meta.label_lower for model in REGISTRY} == set(ACCESS)


def writes(page_name):
    return page_name.endswith("_post")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", REGISTRY, ids=lambda model: model._meta.label_lower)
def test_permission_matrix(client, users, objects, model, role):
    if users[role] is not None:
        client.force_login(users[role])
    superuser = client.__class__()
    superuser.force_login(users["superuser"])
    requests = Requests(client, superuser, model, objects)
    label = model._meta.label_lower
    failures = []
    pages = [name for name in PAGES[EDIT] if applicable(model, name)]
    for page_name in pages:
        for whose in ("A", "B") if page_name in OBJECT_PAGES else ("A",):
            want = expected(role, label, page_name, whose)
            # Every cell starts from the same data: writes are rolled back.
            with transaction.atomic():
                before = fingerprint() if writes(page_name) else None
                values_before = field_values(requests.obj(whose))
                response = requests.page(page_name, whose)
                got = response.status_code
                if writes(page_name) and want != FOUND and fingerprint() != before:
                    failures.append(f"{page_name} {whose}: data changed")
                if role == "anonymous" and "/login/" not in response.get(
                    "Location", ""
                ):
                    failures.append(f"{page_name} {whose}: not sent to the login page")
                if page_name == "delete_post" and want == FOUND and got == 200:
                    # Protected by related objects: the page says so, nothing goes.
                    want, got = OK, 200 if fingerprint() == before else 500
                check_cell(
                    failures, role, requests, page_name, whose, response, values_before
                )
                transaction.set_rollback(True)
            if got != STATUS[want]:
                failures.append(f"{page_name} {whose}: {got}, expected {want}")
    assert not failures, f"{label} as {role}: " + "; ".join(failures)


# The texts a liaison may change (both languages); nothing else may move.
LIAISON_TEXTS = {
    "programmes.programme": ("description", "admission", "bridging"),
    "programmes.specialisation": ("name", "description", "language_note"),
}


def field_values(obj):
    obj = type(obj)._default_manager.get(pk=obj.pk)
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.fields}


def check_cell(failures, role, requests, page_name, whose, response, values_before):
    """What an allowed answer must and must not contain, beyond its status."""
    if not role.startswith("liaison"):
        return
    mine = requests.obj(whose)
    other = requests.obj("B" if role == "liaison_a" else "A")
    listed = page_name in ("changelist", "autocomplete")
    if (
        listed
        and response.status_code == STATUS[OK]
        and str(other) in response.content.decode()
    ):
        failures.append(f"{page_name}: shows the other institution's {other}")
    if page_name == "change_post" and response.status_code == STATUS[FOUND]:
        names = LIAISON_TEXTS.get(requests.label, ())
        # The untranslated field mirrors the default language (modeltranslation).
        texts = {*names, *(f"{name}_{lang}" for name in names for lang in ("nl", "en"))}
        before, after = values_before, field_values(mine)
        moved = {name for name in after if after[name] != before[name]}
        if moved - texts - {"updated_at", "edited_fields"}:
            failures.append(f"change_post: changed {sorted(moved - texts)}")
