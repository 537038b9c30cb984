"""API keys: a client with a key has its own, higher limit, counted per key; a
key that is unknown or revoked is refused (401), never treated as anonymous;
the key is stored only as its hash and shown once, to whom may issue keys."""

import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.keys import api_key_issue
from api.models import ApiKey

pytestmark = pytest.mark.django_db

LIST = "/api/v1/institutions/?lang=en"


def issue(name="Research group", requests_per_minute=5, **fields):
    api_key = ApiKey(
        name=name,
        contact_email="data@example.org",
        requests_per_minute=requests_per_minute,
        **fields,
    )
    return api_key, api_key_issue(api_key=api_key)


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


def test_anonymous_use_stops_at_its_limit_with_retry_after(client, limit_of_three):
    assert [client.get(LIST).status_code for _ in range(3)] == [200] * 3
    refused = client.get(LIST)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "from your address: at most 3 in 60 seconds" in refused.json()["detail"]


def test_a_key_has_its_own_higher_limit(client, limit_of_three):
    _api_key, key = issue(requests_per_minute=5)
    answers = [client.get(LIST, headers=bearer(key)) for _ in range(5)]
    assert [a.status_code for a in answers] == [200] * 5
    assert [a.headers["X-RateLimit-Limit"] for a in answers] == ["5"] * 5
    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == [
        "4",
        "3",
        "2",
        "1",
        "0",
    ]
    refused = client.get(LIST, headers=bearer(key))
    assert refused.status_code == 429
    assert "with your API key: at most 5 in 60 seconds" in refused.json()["detail"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60


def test_a_key_is_counted_per_key_not_per_address(client, limit_of_three):
    _api_key, key = issue(requests_per_minute=5)
    # The address's anonymous allowance used up, the key still has its own.
    for _ in range(4):
        client.get(LIST)
    assert client.get(LIST).status_code == 429
    assert client.get(LIST, headers={"X-API-Key": key}).status_code == 200
    # The same key from another address shares the key's count.
    for _ in range(4):
        client.get(LIST, headers=bearer(key), REMOTE_ADDR="192.0.2.9")
    assert client.get(LIST, headers=bearer(key)).status_code == 429
    # Another key counts on its own.
    _other, other = issue("Newspaper", requests_per_minute=5)
    assert client.get(LIST, headers=bearer(other)).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer kw_not-a-key"},
        {"X-API-Key": "kw_not-a-key"},
        {"Authorization": "Bearer "},
        {"Authorization": "Basic dXNlcjpwYXNz"},
    ],
)
def test_an_unknown_key_is_refused_not_treated_as_anonymous(
    client, limit_of_three, headers
):
    response = client.get(LIST, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-RateLimit-Limit" not in response.headers
    assert response.json()["detail"]


def test_a_revoked_key_is_refused_with_a_clear_message(client, limit_of_three):
    api_key, key = issue()
    assert client.get(LIST, headers=bearer(key)).status_code == 200
    api_key.is_active = False
    api_key.save()
    response = client.get(LIST, headers=bearer(key))
    assert response.status_code == 401
    assert response.json() == {
        "detail": "This API key is unknown or has been revoked. Leave the key out "
        "to use the API anonymously, with a lower rate limit.",
        "parameter": None,
    }


def test_a_key_is_checked_also_when_limits_are_off(client, settings):
    settings.API_RATE_LIMIT = 0
    assert client.get(LIST, headers=bearer("kw_nothing")).status_code == 401


def test_the_key_is_stored_only_as_its_hash(limit_of_three):
    api_key, key = issue()
    assert key.startswith("kw_") and len(key) > 40
    stored = ApiKey.objects.filter(pk=api_key.pk).values().get()
    assert key not in repr(stored)
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert stored["key_prefix"] == key[:8]


def test_a_use_is_recorded(client, limit_of_three):
    api_key, key = issue()
    assert api_key.last_used_at is None
    client.get(LIST, headers=bearer(key))
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None


def test_a_preflight_allows_sending_a_key(client):
    response = client.options(LIST, headers={"Origin": "https://example.org"})
    allowed = response.headers["Access-Control-Allow-Headers"]
    assert "Authorization" in allowed and "X-API-Key" in allowed


def staff_with(*codenames):
    user = get_user_model().objects.create_user(
        "key-issuer", password="x", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="api", codename__in=codenames)
    )
    return user


def test_the_admin_shows_a_new_key_once_and_keeps_its_hash(client, limit_of_three):
    client.force_login(staff_with("add_apikey", "view_apikey", "change_apikey"))
    response = client.post(
        reverse("admin:api_apikey_add"),
        {
            "name": "Schooldecanen app",
            "contact_email": "app@example.org",
            "requests_per_minute": "600",
            "is_active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    api_key = ApiKey.objects.get(name="Schooldecanen app")
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 2  # ours, and the admin's "was added"
    keys = [k for m in messages for k in re.findall(r"kw_[\w-]{43}", m)]
    assert len(keys) == 1  # shown once, in one message
    key = keys[0]
    assert hashlib.sha256(key.encode()).hexdigest() == api_key.key_hash
    # The key works, with its own limit; its page never shows it again.
    answer = client.get(LIST, headers=bearer(key))
    assert answer.headers["X-RateLimit-Limit"] == "600"
    page = client.get(
        reverse("admin:api_apikey_change", args=[api_key.pk])
    ).content.decode()
    assert key not in page
    assert key[:8] in page


def test_staff_without_the_permission_see_no_keys(client):
    client.force_login(staff_with())
    assert client.get(reverse("admin:api_apikey_changelist")).status_code == 403
    assert (
        client.post(reverse("admin:api_apikey_add"), {"name": "x"}).status_code == 403
    )
    assert not ApiKey.objects.exists()


header_values = st.one_of(
    st.text(max_size=80),
    st.text(max_size=80).map(lambda text: f"Bearer {text}"),
    st.sampled_from(
        ["", " ", "Bearer", "bearer  kw_", "Token kw_x", "kw_" + "x" * 500]
    ),
)


def test_no_key_header_makes_the_api_fail(client, db):
    """Any value of either header: the answer or a 401, never a server error."""

    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(name=st.sampled_from(["Authorization", "X-API-Key"]), value=header_values)
    def fuzz(name, value):
        value = value.encode("latin-1", "ignore").decode("latin-1")
        response = client.get(LIST, headers={name: value})
        assert response.status_code in (200, 401), (name, value)

    fuzz()
