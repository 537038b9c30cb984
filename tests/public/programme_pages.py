"""Helpers for reading the public programme page, shared by its tests."""

from bs4 import BeautifulSoup
from django.utils import translation

from surveys.models import Aspect
from tests.surveys.factories import AspectFactory, ProgrammeScoreFactory

INSUFFICIENT = {
    "nl": "We hebben onvoldoende betrouwbare informatie over dit onderwerp.",
    "en": "We have insufficient reliable information on this topic.",
}


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def get_page(client, programme, language="nl"):
    with translation.override(language):
        url = programme.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def english_label(code):
    with translation.override("en"):
        return str(Aspect.Code(code).label)


def add_scores(programme, survey_round, scores, respondents=100):
    for code, mean in scores.items():
        ProgrammeScoreFactory(
            programme=programme,
            survey_round=survey_round,
            aspect=AspectFactory(code=code, name_en=english_label(code)),
            mean=mean,
            respondents=respondents,
        )
