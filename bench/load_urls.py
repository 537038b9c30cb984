"""Write the addresses the load test visits, as JSON, from the current database.

Run with the server's settings: python bench/load_urls.py OUT.json
"""

import json
import random
import sys

import django
from django.urls import NoReverseMatch, reverse
from django.utils import translation

django.setup()

from programmes.models import Institution, Municipality, Programme, Study  # noqa: E402


def sample(queryset, count=200):
    objects = list(queryset)
    random.Random(6).shuffle(objects)
    return [obj.get_absolute_url() for obj in objects[:count]]


def optional(name: str) -> list[str]:
    """The lead's listing/compare pages, if this version has them."""
    try:
        return [reverse(name)]
    except NoReverseMatch:
        return []


with translation.override("nl"):
    published = Programme.objects.published()
    pages = {
        "home": [reverse("home")],
        "programme": sample(published),
        "study": sample(Study.objects.filter(programmes__in=published).distinct()),
        "institution": sample(
            Institution.objects.filter(programmes__in=published).distinct()
        ),
        "city": sample(
            Municipality.objects.filter(programmes__in=published).distinct()
        ),
        "listing": optional("programmes:programme_list"),
        "compare": optional("programmes:compare"),
    }
with open(sys.argv[1], "w", encoding="utf-8") as file:
    json.dump(pages, file, indent=1)
print({kind: len(paths) for kind, paths in pages.items()})
