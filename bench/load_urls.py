"""Write the addresses the load test visits, as JSON, from the current database.

Run with the server's settings: python bench/load_urls.py OUT.json
"""

import json
import random
import sys
from urllib.parse import urlencode

import django
from django.urls import reverse
from django.utils import translation

django.setup()

from programmes.models import Institution, Municipality, Programme, Study  # noqa: E402


def sample(queryset, count=200):
    objects = list(queryset)
    random.Random(6).shuffle(objects)
    return [obj.get_absolute_url() for obj in objects[:count]]


def compare_urls(queryset, count=100) -> list[str]:
    """Compare pages of 2 to 10 random published programmes, shared-link style."""
    slugs = list(queryset.values_list("slug", flat=True))
    chooser = random.Random(7)
    compare = reverse("programmes:compare")
    return [
        compare + "?" + urlencode([("p", slug) for slug in chooser.sample(slugs, size)])
        for size in (chooser.randint(2, 10) for _ in range(count))
    ]


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
        "listing": [reverse("programmes:programme_list")],
        "compare": compare_urls(published),
    }
with open(sys.argv[1], "w", encoding="utf-8") as file:
    json.dump(pages, file, indent=1)
print({kind: len(paths) for kind, paths in pages.items()})
