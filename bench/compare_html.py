"""The rendered HTML of many real pages, saved, or compared with a saved set: a
change meant to make pages cheaper must not change what they show (a check, not
a test: it needs a database with the real catalogue).

Usage:
    DATABASE_URL=sqlite:////tmp/kw.sqlite3 python bench/compare_html.py \\
        --save /tmp/pages-before [--programmes 12]
    DATABASE_URL=... python bench/compare_html.py --compare /tmp/pages-before

The pages: the reference programme (bench_pages.py) and the first published
programmes by id, their studies, institutions and cities, and the studies,
institutions and cities with the most published programmes, every page in Dutch and
English, through Django's test client with settings `portal.settings.bench` (no
page cache). Whitespace between tags and runs of whitespace are normalised, and
so are the parts that differ from request to request (CSRF tokens, CSP nonces).
--compare prints each page that differs with the first lines that do, and exits
1 if any does.
"""

import argparse
import difflib
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
os.environ["PAGE_CACHE_SECONDS"] = "0"

from bench_pages import reference_programme  # noqa: E402  (sets Django up)
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

from programmes.models import Institution, Municipality, Programme, Study  # noqa: E402

VARYING = (
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), "csrf"),
    (re.compile(r'nonce="[^"]*"'), 'nonce=""'),
)


def page_urls(programmes: int) -> dict[str, str]:
    """A file name per page -> its path, in both languages."""
    reference = reference_programme()
    chosen = [reference] if reference else []
    chosen += list(
        Programme.objects.published()
        .select_related("study", "institution", "municipality")
        .order_by("pk")[:programmes]
    )
    # Sums over many programmes too: the institutions and studies with the most.
    studies = list(
        Study.objects.filter(programmes__in=Programme.objects.published())
        .annotate(published=Count("programmes"))
        .order_by("-published", "pk")[:programmes]
    )
    institutions = list(
        Institution.objects.filter(programmes__in=Programme.objects.published())
        .annotate(published=Count("programmes"))
        .order_by("-published", "pk")[:programmes]
    )
    cities = list(
        Municipality.objects.filter(programmes__in=Programme.objects.published())
        .annotate(published=Count("programmes"))
        .order_by("-published", "pk")[:programmes]
    )
    urls = {}
    for language in ("nl", "en"):
        with translation.override(language):
            for programme in chosen:
                urls[f"{language}-programme-{programme.pk}"] = (
                    programme.get_absolute_url()
                )
                studies.append(programme.study)
                institutions.append(programme.institution)
                if programme.municipality:
                    cities.append(programme.municipality)
            for study in studies:
                urls[f"{language}-study-{study.pk}"] = study.get_absolute_url()
            for institution in institutions:
                urls[f"{language}-institution-{institution.pk}"] = (
                    institution.get_absolute_url()
                )
            for city in cities:
                urls[f"{language}-city-{city.pk}"] = city.get_absolute_url()
    return urls


def normalised(content: bytes) -> str:
    text = content.decode()
    for pattern, replacement in VARYING:
        text = pattern.sub(replacement, text)
    text = re.sub(r">\s+<", ">\n<", text)
    return re.sub(r"[ \t]+", " ", text)


def rendered(urls: dict[str, str]) -> dict[str, str]:
    client = Client()
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}, not 200")
        pages[name] = f"<!-- {url} -->\n{normalised(response.content)}"
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the pages to this folder")
    action.add_argument("--compare", type=Path, help="compare with a saved folder")
    parser.add_argument("--programmes", type=int, default=12)
    args = parser.parse_args()
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        pages = rendered(page_urls(args.programmes))
        for name, text in pages.items():
            (args.save / f"{name}.html").write_text(text)
        print(f"saved {len(pages)} pages to {args.save}")
        return
    saved = {path.stem: path.read_text() for path in args.compare.glob("*.html")}
    urls = {
        name: url for name, url in page_urls(args.programmes).items() if name in saved
    }
    differing = 0
    for name, text in rendered(urls).items():
        if text == saved[name]:
            continue
        differing += 1
        diff = difflib.unified_diff(
            saved[name].splitlines(), text.splitlines(), "saved", "now", lineterm=""
        )
        print(f"--- {name} differs:", *list(diff)[:20], sep="\n")
    missing = sorted(set(saved) - set(urls))
    if missing:
        print(f"not rendered now: {', '.join(missing)}")
    print(f"{len(urls)} pages compared, {differing} differ")
    sys.exit(1 if differing or missing else 0)


if __name__ == "__main__":
    main()
