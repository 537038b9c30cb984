"""The institution page's chart of students and first-years over the years:
server-rendered SVG, with the same figures in the table under it."""

from django import template

from .charts import BAR_WIDTH

register = template.Library()

YEAR_WIDTH, BAR_HEIGHT, BAR_STEP, YEAR_GAP = 96, 18, 22, 10
SERIES = ("students", "first_years")


@register.inclusion_tag("programmes/includes/_enrolment_chart.html")
def enrolment_chart(history, chart_id="enrolment-chart"):
    """Per academic year, a bar for the students and one for the first-years,
    on one scale. A year without a published total has no bar but says so: a gap,
    never a bar of 0; an incomplete total is drawn lighter and marked."""
    shown = [
        float(figure.value)
        for year in history.years
        for figure in (year.students, year.first_years)
        if figure.is_shown
    ]
    if not shown:
        return {"years": []}
    top = max(shown) or 1
    years, y = [], 8
    for year in history.years:
        bars = []
        for kind in SERIES:
            figure = getattr(year, kind)
            width = (
                round(float(figure.value) / top * BAR_WIDTH, 1)
                if figure.is_shown
                else 0
            )
            bars.append(
                {
                    "kind": kind,
                    "figure": figure,
                    "incomplete": getattr(year, f"{kind}_incomplete"),
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
