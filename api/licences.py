"""The licence of each dataset a figure comes from.

DUO publishes its open education data under CC0 1.0 and CBS its StatLine
tables under CC BY 4.0 (data/MANIFEST.json records both per file); demo and
synthetic figures are made up and licensed as nothing but demo data.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from programmes.models import DataSource


@dataclass(frozen=True)
class Licence:
    code: str  # an SPDX identifier, or "demo"
    name: str
    url: str
    attribution: str = ""


CC0 = Licence(
    "CC0-1.0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"
)
CC_BY = Licence(
    "CC-BY-4.0",
    "CC BY 4.0",
    "https://creativecommons.org/licenses/by/4.0/",
    attribution=_("Source: CBS (Statistics Netherlands), StatLine."),
)
DEMO = Licence("demo", _("Demo data: not real figures"), "")
# Entered by the editors: the lead decides its licence (not yet stated).
UNSTATED = Licence("", _("Not stated"), "")

PUBLISHER_LICENCES = {"DUO": CC0, "CBS": CC_BY}


def source_licence(source: DataSource | None) -> Licence:
    """The licence of a source's data: demo whatever its publisher says when
    its figures are not real."""
    if source is None:
        return UNSTATED
    if not source.is_real:
        return DEMO
    publisher = (source.publisher or source.name).split(" ")[0]
    return PUBLISHER_LICENCES.get(publisher, UNSTATED)
