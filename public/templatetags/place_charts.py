"""The institution page's chart of students and first-years over the years:
server-rendered SVG, with the same figures in the table under it."""

from django import template
from django.utils.translation import gettext

from figures.formatting import whole

from .charts import BAR_WIDTH

register = template.Library()

YEAR_WIDTH, BAR_HEIGHT, BAR_STEP, YEAR_GAP = 96, 18, 22, 10
SERIES = ("students", "first_years")


def series_texts() -> dict[str, dict[str, str]]:
    """Each series' bar title and the text of its gap, in the active language."""
    return {
        "students": {
            "title": gettext("Students"),
            "gap": gettext("Students: no published total"),
            "class": "score-chart__bar",
        },
        "first_years": {
            "title": gettext("First-year students"),
            "gap": gettext("First-year students: no published total"),
            "class": "score-chart__bar salary-chart__average",
        },
    }


@register.inclusion_tag("programmes/includes/_enrolment_chart.html")
def enrolment_chart(history, chart_id="enrolment-chart"):
    """Per academic year, a bar for the students and one for the first-years,
    on one scale. A year without a published total has no bar but says so: a gap,
    never a bar of 0; an incomplete total is drawn lighter and marked.

    Each bar's class, title and printed value are decided here, once, not by
    tags per bar in the template (the page's chart has two dozen bars)."""
    shown = [
        float(figure.value)
        for year in history.years
        for figure in (year.students, year.first_years)
        if figure.is_shown
    ]
    if not shown:
        return {"years": []}
    top = max(shown) or 1
    texts = series_texts()
    incomplete_note = f" ({gettext('incomplete')})"
    years, y = [], 8
    for year in history.years:
        bars = []
        for kind in SERIES:
            figure = getattr(year, kind)
            incomplete = getattr(year, f"{kind}_incomplete")
            width = (
                round(float(figure.value) / top * BAR_WIDTH, 1)
                if figure.is_shown
                else 0
            )
            css_class = texts[kind]["class"]
            if incomplete:
                css_class += " enrolment-chart__bar--incomplete"
            value = ""
            if figure.is_shown:
                value = whole(figure.value) + (incomplete_note if incomplete else "")
            bars.append(
                {
                    "kind": kind,
                    "shown": figure.is_shown,
                    "class": css_class,
                    "title": texts[kind]["title"],
                    "gap": texts[kind]["gap"],
                    "value": value,
                    "y": y,
                    "text_y": y + BAR_HEIGHT - 4,
                    "width": width,
                    "value_x": round(YEAR_WIDTH + width + 6, 1),
                }
            )
            y += BAR_STEP
        years.append({"year": year, "bars": bars, "label_y": bars[0]["text_y"]})
        y += YEAR_GAP
    return {
        "chart_id": chart_id,
        "years": years,
        "label_x": YEAR_WIDTH - 8,
        "bar_x": YEAR_WIDTH,
        "bar_height": BAR_HEIGHT,
        "width": YEAR_WIDTH + BAR_WIDTH + 150,
        "height": y,
    }
