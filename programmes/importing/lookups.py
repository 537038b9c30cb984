"""Finding the programme or study a row of one of our own formats is about.

Survey and career files name programmes the way a university knows them: BRIN,
CROHO code and form, with the location code only where an institution offers a
programme in one form at several places (docs/IMPORT.md).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext_noop

from programmes.models import Form, Programme, Study

FORM_WORDS = {
    "voltijd": Form.FULL_TIME,
    "voltijd onderwijs": Form.FULL_TIME,
    "full_time": Form.FULL_TIME,
    "full-time": Form.FULL_TIME,
    "deeltijd": Form.PART_TIME,
    "deeltijd onderwijs": Form.PART_TIME,
    "part_time": Form.PART_TIME,
    "part-time": Form.PART_TIME,
    "duaal": Form.DUAL,
    "duaal onderwijs": Form.DUAL,
    "dual": Form.DUAL,
}


class ProgrammeLookup:
    """Programmes in memory, found by BRIN, CROHO code, form and location: all of
    them, or those of the CROHO codes a file names (a file of one row then reads
    a handful of programmes, not the whole catalogue)."""

    def __init__(self, croho_codes: Iterable[str] | None = None):
        self._by_code = defaultdict(list)
        programmes = Programme.objects.all()
        if croho_codes is not None:
            codes = {code.strip() for code in croho_codes}
            programmes = programmes.filter(study__croho_code__in=codes)
        rows = programmes.values_list(
            "pk",
            "institution__brin",
            "study__croho_code",
            "study__level",
            "form",
            "location_code",
        )
        for pk, brin, croho, level, form, location in rows:
            self._by_code[(brin.upper(), croho)].append((pk, level, form, location))

    def find(
        self, *, brin: str, croho: str, form: str, level: str = "", location: str = ""
    ) -> tuple[int | None, str]:
        """(programme id, "") or (None, why no single programme matches)."""
        options = self._by_code.get((brin.strip().upper(), croho.strip()), [])
        if not options:
            return None, gettext_noop("no programme with this BRIN and CROHO code")
        form_code = FORM_WORDS.get(form.strip().lower())
        if form_code is None:
            return None, gettext_noop("unknown form (voltijd, deeltijd or duaal)")
        options = [o for o in options if o[2] == form_code]
        if level := level.strip().upper():
            options = [o for o in options if o[1] == level]
        if location := location.strip().upper():
            options = [o for o in options if o[3].upper() == location]
        if not options:
            return None, gettext_noop("no programme in this form, level or location")
        if len(options) > 1:
            return None, gettext_noop(
                "several programmes match: give the location code"
            )
        return options[0][0], ""


def studies_by_code() -> dict[tuple[str, str], int]:
    """Study ids by (CROHO code, level)."""
    return {
        (croho, level): pk
        for pk, croho, level in Study.objects.values_list("pk", "croho_code", "level")
    }
