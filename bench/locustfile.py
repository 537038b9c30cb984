"""Anonymous visitors browsing the portal (locust, run by bench/run_load.sh).

Addresses come from LOAD_URLS (a JSON file of page-type -> list of paths written
by run_load.sh from the database), so every request hits a real page: programme,
study, institution and city pages, the listing with a search or with filters, and
compare pages of 2 to 10 programmes.
"""

import json
import os
import random

from locust import HttpUser, between, events, task

PAGES: dict[str, list[str]] = {}
# Search terms for the listing page (when it exists): common words in names.
SEARCH_TERMS = ("recht", "biologie", "economie", "data", "psychologie", "leiden")
# Filter combinations a student might click (level, language, form, sector).
FILTERS = (
    "level=WO-MA&language=en",
    "level=HBO-BA&form=part_time",
    "sector=GEZONDHEIDSZORG&level=WO-BA&language=nl",
    "language=en&sort=score",
    "level=HBO-AD&sort=students&page=2",
)


@events.init.add_listener
def load_urls(environment, **kwargs):
    with open(os.environ["LOAD_URLS"], encoding="utf-8") as file:
        PAGES.update(json.load(file))


class Visitor(HttpUser):
    wait_time = between(0.5, 2)

    def visit(self, kind: str, path: str | None = None):
        paths = PAGES.get(kind)
        if path is None and not paths:
            return
        with self.client.get(
            path or random.choice(paths), name=kind, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{kind}: HTTP {response.status_code}")

    @task(6)
    def programme(self):
        self.visit("programme")

    @task(2)
    def study(self):
        self.visit("study")

    @task(2)
    def institution(self):
        self.visit("institution")

    @task(1)
    def city(self):
        self.visit("city")

    @task(1)
    def home(self):
        self.visit("home")

    @task(3)
    def search(self):
        listing = PAGES["listing"][0]
        self.visit("search", f"{listing}?q={random.choice(SEARCH_TERMS)}")

    @task(2)
    def filter(self):
        listing = PAGES["listing"][0]
        self.visit("filter", f"{listing}?{random.choice(FILTERS)}")

    @task(1)
    def compare(self):
        self.visit("compare")
