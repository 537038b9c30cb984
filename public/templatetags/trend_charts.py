"""A small server-rendered SVG line chart of a count over the years; the table
beside it gives the same values and is the truth. Gaps and breaks come from
`figures.trends`: a line is drawn only within a segment, never across a year
without a published value nor across a change of series."""

import html

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from figures.formatting import printed, whole

register = template.Library()

# Drawn at about a phone's width, so it needs no sideways scrolling at 320 px.
WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 54, 14, 20, 24
# The count's own line first, then the first-years' women and men.
LINE_STYLES = ("total", "women", "men")


def _scale(trends, top: float, bottom: float = 0):
    years = [point.year for point in trends[0][1].points]
    step = (WIDTH - LEFT - RIGHT) / max(len(years) - 1, 1)
    first = years[0] if years else 0
    plot_height = HEIGHT - TOP - BOTTOM

    def x(year) -> float:
        if len(years) == 1:
            return round(LEFT + (WIDTH - LEFT - RIGHT) / 2, 1)
        return round(LEFT + (year - first) * step, 1)

    def y(value) -> float:
        share = (float(value) - bottom) / (top - bottom)
        return round(TOP + (1 - share) * plot_height, 1)

    return years, x, y


@register.inclusion_tag("programmes/includes/_trend_chart.html")
def trend_chart(trends, lines, chart_id):
    """`lines`: (Measure, Trend) pairs of one chart, its own count first. Each
    line is drawn segment by segment; a point stands alone where its neighbours
    are gaps or another series. A break is a dashed rule between its two years,
    numbered as its note under the chart.

    `trends` says how its values are drawn: a count from 0 to its highest value
    (programmes.trends), a score on its own scale, `scale` (surveys.trends), per
    academic year or per survey round (`academic_years`); a measure's `kind`
    how a value is printed (figures.formatting.printed, a count by default)."""
    shown = [float(point.value) for _measure, line in lines for point in line.shown]
    if not shown:
        return {"lines": []}
    bottom, top = getattr(trends, "scale", (0, None))
    top = top or max(shown) or 1
    years, x, y = _scale(lines, top, bottom)
    drawn = []
    for style, (measure, line) in zip(LINE_STYLES, lines, strict=False):
        # The polylines and dots as markup, built here in one pass: through
        # the template's tags per point they were most of the section's render.
        segments = [
            (" ".join(f"{x(p.year)},{y(p.value)}" for p in segment),)
            for segment in line.segments
            if len(segment) > 1
        ]
        # Only the label and the formatted counts are text; the rest are numbers.
        label = html.escape(str(measure.label))
        kind = getattr(measure, "kind", "")
        dots = "".join(
            f'<circle cx="{x(p.year)}" cy="{y(p.value)}" r="3"><title>{label}, '
            f"{p.year}: {html.escape(printed(p.value, kind))}</title></circle>"
            for p in line.shown
        )
        drawn.append(
            {
                "style": style,
                "measure": measure,
                "polylines": format_html_join("", '<polyline points="{}"/>', segments),
                "dots": mark_safe(dots),  # escaped above
            }
        )
    main_measure, main = lines[0]
    numbers = trends.note_numbers(main_measure.field)
    breaks = [
        {
            "x": round((x(b.before) + x(b.after)) / 2, 1),
            "number": numbers.get((b.before, b.after), ""),
        }
        for b in main.breaks
    ]
    return {
        "chart_id": chart_id,
        "measure": main_measure,
        "lines": drawn,
        "breaks": breaks,
        "first_year": years[0],
        "last_year": years[-1],
        "first_x": x(years[0]),
        "last_x": x(years[-1]),
        "top_label": whole(top),
        "top_y": y(top),
        "bottom_label": whole(bottom),
        "zero_y": y(bottom),
        "academic_years": getattr(trends, "academic_years", True),
        "axis_x": LEFT - 6,
        "plot_left": LEFT,
        "plot_right": WIDTH - RIGHT,
        "break_top": TOP - 8,
        "number_y": TOP - 10,
        "year_y": HEIGHT - 6,
        "width": WIDTH,
        "height": HEIGHT,
        # Named in the chart's description: a gap is easy to miss by eye and
        # invisible to a screen reader.
        "gap_years": ", ".join(str(year) for year in main.gaps),
    }


@register.simple_tag
def trend_rows(trends, not_published):
    """The table's rows, a year each, its counts in the shown measures' order; a
    count not published is a dash and `not_published`, never 0. Written here in
    one pass (every text escaped): through the template's tags, a dozen nodes
    per cell were most of the section's render time."""
    gap = (
        '<span class="trends__gap" aria-hidden="true">–</span> '
        f'<span class="trends__not-published">{html.escape(str(not_published))}</span>'
    )
    rows = []
    for row in trends.rows:
        cells = []
        for cell in row.cells:
            content = html.escape(cell.text) if cell.text else gap
            if cell.text and cell.incomplete:
                missing, recorded = cell.incomplete
                note = render_to_string(
                    "programmes/includes/_incomplete_total.html",
                    {"missing": missing, "recorded": recorded},
                )
                content = f"{content} {note}"
            cells.append(
                f'<td data-figure="{html.escape(cell.measure.field)}" '
                f'data-label="{html.escape(cell.label)}">{content}</td>'
            )
        rows.append(
            f'<tr data-year="{row.year}"><th scope="row">{html.escape(row.label)}</th>'
            f"{''.join(cells)}</tr>"
        )
    return mark_safe("".join(rows))  # every text escaped above
