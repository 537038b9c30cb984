"""A clone on its own is enough: nothing outside the tests reaches for a folder
beside the repository (the DUO files used to live in ../shared/data)."""

import os
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SIBLING = re.compile(r"\"shared\"|'shared'|\.\./shared")
SKIPPED = {".git", ".venv", "node_modules", "tests", "data", "static"}


def source_files():
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED]
        for name in files:
            if name.endswith((".py", ".sh", ".md", ".toml")) or name in {
                "Makefile",
                ".env.example",
            }:
                yield Path(folder) / name


def test_no_code_or_doc_points_at_a_sibling_shared_folder():
    found = [
        path.relative_to(ROOT).as_posix()
        for path in source_files()
        if SIBLING.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == []
