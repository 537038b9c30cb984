"""Every page type is valid HTML according to the Nu HTML Checker (vnu.jar)."""

import json
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from demo.loader import demo_load

VNU = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"

pytestmark = pytest.mark.django_db


def pages(reference):
    compare = reverse("programmes:compare")
    return {
        "home": reverse("home"),
        "method": reverse("method"),
        "listing": f"{reverse('programmes:programme_list')}?q=bio&level=WO-MA",
        "programme": reference.get_absolute_url(),
        "compare": f"{compare}?study={reference.study.slug}",
        "compare-empty": compare,
        "study": reference.study.get_absolute_url(),
        "institution": reference.institution.get_absolute_url(),
        "city": reference.municipality.get_absolute_url(),
        "not-found": f"{reverse('programmes:programme_list')}does-not-exist/",
    }


def vnu_errors(files: list[Path]) -> list[str]:
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]


def test_every_page_type_is_valid_html_in_both_languages(
    client, tmp_path, cbs_labour_market
):
    reference = demo_load().reference_programme
    files = []
    for language in ("nl", "en"):
        with translation.override(language):
            urls = pages(reference)
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code in {200, 404}, url
            path = tmp_path / f"{name}-{language}.html"
            path.write_bytes(response.content)
            files.append(path)
    assert vnu_errors(files) == []


def test_the_checker_reports_invalid_html(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><html lang=en><title>x</title><p><div></p>")
    assert vnu_errors([broken])
