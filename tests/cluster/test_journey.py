"""The journey across the running cluster (`make cluster`, deploy/cluster.sh):
two app servers behind no balancer, so each step says which one it asks. An
editor logs in on one and goes on on the other; an image uploaded on one is on
the other's public page (from the S3 store); an import previewed on one is
confirmed on the other; an edit on one shows at once on the other's cached page;
a liaison's export works on both; with the replica stopped, public pages still
answer (from the primary) and /healthz says what is degraded; with one app
server stopped, the other answers.

Marked `cluster`: `make test` leaves it out; `.ci/run` starts the cluster, runs
`make test-cluster` and stops it. The tests are steps of one journey and run in
order: each builds on the one before.
"""

import csv
import io
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image

from tests.programmes.admin_pages import form_data

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parents[2]
CLUSTER_DIR = Path(os.environ.get("CLUSTER_DIR", "/tmp/keuzewijzer-cluster"))

SURVEY_CSV = (
    b"brin;croho_code;form;year;aspect;mean;respondents;std_dev;population\n"
    b"21PB;66990;voltijd;2024;overall;3,9;143;0,80;300\n"
)


def cluster_env() -> dict:
    env_file = CLUSTER_DIR / "env"
    assert env_file.exists(), (
        f"no cluster running: {env_file} is missing (make cluster)"
    )
    pairs = (line.split("=", 1) for line in env_file.read_text().splitlines() if line)
    return dict(pairs)


class Browser:
    """One person's browser: keeps cookies whichever server set them, so a
    session made on one app server is sent to the other. (The cookies are
    Secure; the servers run behind no TLS here, so requests' own cookie jar
    would not send them.)"""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, method, server, path, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = server
            headers["Referer"] = server + path
        response = requests.request(
            method,
            server + path,
            headers=headers,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, server, path, **kwargs):
        return self.request("GET", server, path, **kwargs)

    def post(self, server, path, data, **kwargs):
        """POST a form with the CSRF token this browser holds."""
        data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        return self.request("POST", server, path, data=data, **kwargs)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def anonymous_get(server, path) -> requests.Response:
    return requests.get(server + path, timeout=30, allow_redirects=False)


@pytest.fixture(scope="module")
def cluster():
    env = cluster_env()
    seeded = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from tests.cluster.seed import main; main()",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            **env,
            "DATABASE_URL": env["PRIMARY_URL"],
            "PGBOUNCER": "0",
            "DATABASE_REPLICA_URL": "",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert seeded.returncode == 0, seeded.stderr
    data = json.loads(seeded.stdout.strip().splitlines()[-1])
    first, second = env["APP_URLS"].split(",")
    return {**data, "env": env, "one": first, "two": second}


@pytest.fixture(scope="module")
def editor(cluster):
    return Browser()


def log_in(browser, server, login_path, username, password):
    browser.get(server, login_path)
    response = browser.post(
        server, login_path, {"username": username, "password": password}
    )
    assert response.status_code == 302, soup(response).get_text(" ", strip=True)[:300]
    return response


def test_an_editor_logs_in_on_one_server_and_goes_on_on_the_other(cluster, editor):
    urls = cluster["urls"]
    log_in(
        editor,
        cluster["one"],
        urls["admin_login"],
        "cluster-editor",
        cluster["password"],
    )
    index = editor.get(cluster["two"], urls["admin_index"])
    assert index.status_code == 200
    assert "cluster-editor" in soup(index).select_one("#user-tools").get_text()


def png(size, colour) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_image_uploaded_on_one_server_is_on_the_other_servers_page(cluster, editor):
    urls = cluster["urls"]
    change = editor.get(cluster["one"], urls["programme_change"])
    data = {**form_data(change), "image_alt_nl": "Testfoto (testgegevens)"}
    saved = editor.post(
        cluster["one"],
        urls["programme_change"],
        data,
        files={"image": ("photo.png", png((800, 400), "red"), "image/png")},
    )
    assert saved.status_code == 302, soup(saved).select_one(".errornote")

    page = anonymous_get(cluster["two"], urls["programme"])
    assert page.status_code == 200
    image = soup(page).select_one("#overview img")
    assert image["src"].startswith(cluster["env"]["S3_ENDPOINT_URL"] + "/")
    stored = requests.get(image["src"], timeout=10)
    assert stored.status_code == 200
    with Image.open(io.BytesIO(stored.content)) as served:
        assert served.size == (800, 400)
        assert served.getpixel((0, 0))[:3] == (255, 0, 0)
    widths = [c.split()[1] for c in image["srcset"].split(", ")]
    assert widths == ["320w", "640w", "800w"]


def test_an_import_previewed_on_one_server_is_confirmed_on_the_other(cluster, editor):
    urls = cluster["urls"]
    editor.get(cluster["two"], urls["import_upload"])
    preview = editor.post(
        cluster["two"],
        urls["import_upload"],
        {"kind": "surveys", "source_kind": "demo"},
        files={"file": ("nse-cluster.csv", SURVEY_CSV, "text/csv")},
    )
    assert preview.status_code == 200
    checksum = soup(preview).select_one('input[name="checksum"]')["value"]

    confirmed = editor.post(
        cluster["one"], urls["import_upload"], {"checksum": checksum}
    )
    assert confirmed.status_code == 302
    assert confirmed.headers["Location"] == urls["import_runs"]
    runs = editor.get(cluster["two"], urls["import_runs"])
    assert "nse-cluster.csv" in soup(runs).select_one("#result_list").get_text()


def test_an_edit_on_one_server_shows_at_once_on_the_others_cached_page(cluster, editor):
    urls = cluster["urls"]
    before = anonymous_get(cluster["two"], urls["programme"])
    again = anonymous_get(cluster["two"], urls["programme"])
    heading = soup(again).select_one("h1").get_text(" ", strip=True)
    assert heading == soup(before).select_one("h1").get_text(" ", strip=True)

    change = editor.get(cluster["one"], urls["programme_change"])
    renamed = "Clusterkunde bewerkt (testgegevens)"
    saved = editor.post(
        cluster["one"],
        urls["programme_change"],
        {**form_data(change), "name_nl": renamed},
    )
    assert saved.status_code == 302, soup(saved).select_one(".errornote")

    after = anonymous_get(cluster["two"], urls["programme"])
    assert renamed in soup(after).select_one("h1").get_text(" ", strip=True)


def export_rows(browser, server, cluster) -> list[list[str]]:
    response = browser.post(
        server,
        cluster["urls"]["reports"],
        {"report": "overview", "file_format": "csv", "institution": cluster["brin"]},
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_liaison_exports_on_both_servers(cluster):
    liaison = Browser()
    urls = cluster["urls"]
    log_in(
        liaison,
        cluster["two"],
        urls["reports_login"],
        "cluster-liaison",
        cluster["password"],
    )
    on_one = export_rows(liaison, cluster["one"], cluster)
    on_two = export_rows(liaison, cluster["two"], cluster)
    assert on_one == on_two
    header, *rows = on_one
    assert len(rows) == 1  # the one programme's one year (tests/cluster/seed.py)
    row = dict(zip(header, rows[0], strict=True))
    assert (row["BRIN-code"], row["CROHO-code"]) == ("21PB", "66990")
    assert "312" in rows[0]


def replica_clients(env) -> int:
    """The app servers' open connections to the replica."""
    port = env["DATABASE_REPLICA_URL"].rsplit(":", 1)[1].split("/")[0]
    result = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            port,
            "-U",
            "postgres",
            "-Atc",
            "SELECT count(*) FROM pg_stat_activity WHERE datname = 'kw_cluster'"
            " AND pid <> pg_backend_pid()",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout)


def cluster_script(env, *args):
    subprocess.run([env["CLUSTER_SCRIPT"], *args], check=True, capture_output=True)


def test_with_the_replica_stopped_public_pages_answer_and_healthz_says_so(cluster):
    env, urls = cluster["env"], cluster["urls"]
    # Anonymous pages read the replica once the last edit is surely replayed.
    time.sleep(int(env.get("REPLICA_MAX_LAG_SECONDS", "5")) + 0.5)
    for server in (cluster["one"], cluster["two"]):
        fresh = f"{urls['listing']}?q={uuid.uuid4().hex[:8]}"  # never cached
        assert anonymous_get(server, fresh).status_code == 200
    assert replica_clients(env) > 0

    cluster_script(env, "stop", "replica")
    for server in (cluster["one"], cluster["two"]):
        fresh = f"{urls['listing']}?q={uuid.uuid4().hex[:8]}"
        listing = anonymous_get(server, fresh)
        assert listing.status_code == 200
        page = anonymous_get(server, f"{urls['programme']}?utm_source={uuid.uuid4()}")
        assert page.status_code == 200
        assert "Clusterkunde bewerkt" in soup(page).select_one("h1").get_text()
        health = anonymous_get(server, "/healthz")
        assert (health.status_code, health.json()) == (
            200,
            {
                "status": "degraded",
                "database": "ok",
                "cache": "ok",
                "replica": "unavailable",
            },
        )


def test_with_one_app_server_stopped_the_other_answers(cluster, editor):
    env, urls = cluster["env"], cluster["urls"]
    cluster_script(env, "stop", "app2")
    with pytest.raises(requests.ConnectionError):
        anonymous_get(cluster["two"], "/healthz")
    assert anonymous_get(cluster["one"], urls["programme"]).status_code == 200
    # The editor's session goes on on the remaining server.
    index = editor.get(cluster["one"], urls["admin_index"])
    assert index.status_code == 200
