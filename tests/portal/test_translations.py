"""Both interface languages are complete, compiled and in step with the source."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("nl", "en")
SOURCE_DIRS = (
    "exports",
    "figures",
    "programmes",
    "surveys",
    "careers",
    "labour_market",
    "public",
    "reports",
    "api",
    "opendata",
    "demo",
    "portal",
    "templates",
)


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    catalogue = _catalogue(language)
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    mo_path = ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"
    with mo_path.open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for entry in _catalogue(language).translated_entries():
        if entry.msgid_plural:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        assert compiled._catalog.get(key) == entry.msgstr, entry.msgid


def test_catalogues_contain_every_string_in_the_source(tmp_path):
    """makemessages on a copy of the source finds no msgid missing from the .po."""
    for name in (*SOURCE_DIRS, "manage.py"):
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("migrations"))
        else:
            shutil.copy(source, target)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "nl",
            "--no-location",
            "--settings",
            "portal.settings.test",
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    committed = {(e.msgctxt, e.msgid) for e in _catalogue("nl") if not e.obsolete}
    missing = sorted(e.msgid for e in fresh if (e.msgctxt, e.msgid) not in committed)
    assert missing == [], "Run `make messages` and translate the new entries."


def test_dutch_speaks_to_students_as_je_never_u():
    """One tone of voice: the informal "je", as Studiekeuze123 and the
    universities write to students; never the formal "u" or "uw"."""
    formal = re.compile(r"\b(u|uw|U|Uw)\b")
    found = [
        text
        for entry in _catalogue("nl")
        if not entry.obsolete
        for text in (entry.msgstr, *entry.msgstr_plural.values())
        if text and formal.search(text)
    ]
    assert found == []
