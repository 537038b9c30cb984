"""Anonymous use is limited per client address: past API_RATE_LIMIT requests
in a window, 429 with Retry-After; another address is not affected."""

import pytest

pytestmark = pytest.mark.django_db

LIST = "/api/v1/institutions/"


def test_the_fourth_request_in_a_window_is_429(client, limit_of_three):
    answers = [client.get(LIST) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0"]
    refused = client.get(LIST)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "at most 3 in 60 seconds" in client.get(f"{LIST}?lang=en").json()["detail"]
    assert refused.headers["Access-Control-Allow-Origin"] == "*"


def test_another_address_has_its_own_allowance(client, limit_of_three):
    for _ in range(4):
        client.get(LIST, REMOTE_ADDR="192.0.2.1")
    assert client.get(LIST, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(LIST, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_a_new_window_starts_afresh(client, limit_of_three, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr("api.throttling.clock", lambda: clock[0])
    for _ in range(3):
        assert client.get(LIST).status_code == 200
    refused = client.get(LIST)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "20"  # 1,000,000 is 40 s into its window
    clock[0] += 20
    assert client.get(LIST).status_code == 200


def test_no_limit_when_switched_off(client, settings):
    settings.API_RATE_LIMIT = 0
    assert all(client.get(LIST).status_code == 200 for _ in range(5))
    assert "X-RateLimit-Limit" not in client.get(LIST).headers
