"""The institution page's chart of students and first-years over the years:
server-rendered SVG, with the same figures in the table under it."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
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


def enrolment_bars(history) -> tuple[list[dict], int]:
    """The chart's geometry: per academic year its label's place and its two
    bars (students, first-years) on one scale, the longest BAR_WIDTH; and the
    chart's height. A total not shown has no bar (width 0, `shown` false)."""
    shown = [
        float(figure.value)
        for year in history.years
        for figure in (year.students, year.first_years)
        if figure.is_shown
    ]
    top = max(shown, default=0) or 1
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
                    "shown": figure.is_shown,
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
    return years, y


def _bars_svg(years) -> str:
    """The chart's rows as SVG, each text escaped once: two dozen bars, each
    a rectangle with its title and its value, or the text of its gap."""
    texts = series_texts()
    incomplete_note = f" ({gettext('incomplete')})"
    rows = []
    for row in years:
        parts = [
            f'<g><text x="{YEAR_WIDTH - 8}" y="{row["label_y"]}" text-anchor="end">'
            f"{escape(row['year'].label)}</text>"
        ]
        for bar in row["bars"]:
            text = texts[bar["kind"]]
            if not bar["shown"]:
                parts.append(
                    f'<text class="enrolment-chart__gap" x="{YEAR_WIDTH}" '
                    f'y="{bar["text_y"]}">{escape(text["gap"])}</text>'
                )
                continue
            css_class = text["class"]
            value = whole(bar["figure"].value)
            if bar["incomplete"]:
                css_class += " enrolment-chart__bar--incomplete"
                value += incomplete_note
            parts.append(
                f'<rect class="{css_class}" x="{YEAR_WIDTH}" y="{bar["y"]}" '
                f'width="{bar["width"]}" height="{BAR_HEIGHT}">'
                f"<title>{escape(text['title'])}</title></rect>"
                f'<text x="{bar["value_x"]}" y="{bar["text_y"]}">{escape(value)}</text>'
            )
        parts.append("</g>")
        rows.append("".join(parts))
    return mark_safe("\n".join(rows))


@register.inclusion_tag("programmes/includes/_enrolment_chart.html")
def enrolment_chart(history, chart_id="enrolment-chart"):
    """Per academic year, a bar for the students and one for the first-years,
    on one scale. A year without a published total has no bar but says so: a gap,
    never a bar of 0; an incomplete total is drawn lighter and marked.

    The bars are written here as SVG text, not by template tags per bar (two
    dozen on a page; the table under the chart gives the same figures)."""
    if not history.shown_years:
        return {"bars_svg": ""}
    years, height = enrolment_bars(history)
    return {
        "chart_id": chart_id,
        "bars_svg": _bars_svg(years),
        "width": YEAR_WIDTH + BAR_WIDTH + 150,
        "height": height,
    }
