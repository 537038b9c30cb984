"""CBS's words in its labour-market tables, and the codes the portal stores.

StatLine writes categories as Dutch titles ("Wo-master", "1 jaar na verlaten
onderwijs"); each reader returns the code, or None for a word the portal does not
import (the row is then rejected with the reason named here).
"""

import re

from django.utils.translation import gettext_noop

from programmes.models.choices import Sector

from .models import ALL_SECTORS, CbsLevel, Gender, Position

LEVELS = {
    "hbo-bachelor": CbsLevel.HBO_BACHELOR,
    "hbo-master": CbsLevel.HBO_MASTER,
    "wo-bachelor": CbsLevel.WO_BACHELOR,
    "wo-master": CbsLevel.WO_MASTER,
}
GENDERS = {"totaal": Gender.TOTAL, "mannen": Gender.MEN, "vrouwen": Gender.WOMEN}
POSITIONS = {
    "met werk, zonder uitkering": Position.WORK,
    "met werk, met uitkering": Position.WORK_AND_BENEFITS,
    "zonder werk, met uitkering": Position.BENEFITS,
    "zonder werk, zonder uitkering": Position.NEITHER,
    "terug in onderwijs": Position.EDUCATION,
}
# The one population both tables are about, and the one industry of the wages.
NOT_INTERNATIONAL = "geen internationale student"
ALL_INDUSTRIES = "a-u alle economische activiteiten"

DIRECTLY = "direct na verlaten onderwijs"
YEARS_AFTER = re.compile(r"([0-9]{1,2}) jaar na verlaten onderwijs")
# StatLine marks a provisional period with an asterisk (2022/'23*): CBS's
# current figures for it, imported like the others and revised by a later fetch.
PERIOD = re.compile(r"([0-9]{4})\s*/\s*'?([0-9]{2}|[0-9]{4})\s*\*?")
FIRST_COHORT, LAST_COHORT = 1990, 2100

UNKNOWN_LEVEL = gettext_noop(
    "a level the portal does not show (hbo and wo bachelors and masters only)"
)
UNKNOWN_SECTOR = gettext_noop("a sector (studierichting) that is no CROHO sector")
UNKNOWN_GENDER = gettext_noop("a gender other than Totaal, Mannen or Vrouwen")
UNKNOWN_POSITION = gettext_noop("an unknown labour-market position")
UNKNOWN_MOMENT = gettext_noop("an unknown moment (peilmoment)")
UNKNOWN_PERIOD = gettext_noop("a period that is no academic year such as 2015/'16")
OTHER_POPULATION = gettext_noop(
    "graduates other than those who are no international students"
)
OTHER_INDUSTRY = gettext_noop("an industry other than all economic activities")


def _word(text: str) -> str:
    return " ".join(text.split()).lower()


def fixed(word: str):
    """A reader that knows one category only (the one population or industry
    the portal shows): the title when it is that word, else None."""
    return lambda text: text if _word(text) == word else None


def level(text: str) -> str | None:
    return LEVELS.get(_word(text))


def sector(text: str) -> str | None:
    """The CROHO sector code: CBS's "Gedrag en Maatschappij" is GEDRAG_EN_MAATSCHAPPIJ."""
    word = _word(text)
    if word == "totaal":
        return ALL_SECTORS
    code = word.upper().replace(" ", "_")
    return code if code in Sector.values else None


def gender(text: str) -> str | None:
    return GENDERS.get(_word(text))


def position(text: str) -> str | None:
    return POSITIONS.get(_word(text))


def years_after(text: str) -> int | None:
    word = _word(text)
    if word == DIRECTLY:
        return 0
    match = YEARS_AFTER.fullmatch(word)
    return int(match.group(1)) if match else None


def cohort(text: str) -> int | None:
    """2015 for "2015/'16" (the academic year the graduates left in), also when
    marked provisional ("2015/'16*")."""
    match = PERIOD.fullmatch(text.strip())
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    following = first + 1
    if second != following and second != following % 100:
        return None
    return first if FIRST_COHORT <= first <= LAST_COHORT else None


def cohort_label(first_year: int) -> str:
    """How CBS writes a cohort: 2015/'16."""
    return f"{first_year}/'{(first_year + 1) % 100:02d}"
