"""A small server-rendered SVG line chart of a count over the years; the table
beside it gives the same values and is the truth. Gaps and breaks come from
`figures.trends`: a line is drawn only within a segment, never across a year
without a published value nor across a change of series."""

import html

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from figures.formatting import printed, whole

register = template.Library()

# Drawn at about a phone's width, so it needs no sideways scrolling at 320 px.
WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 54, 14, 20, 24
YEAR_Y = HEIGHT - 6  # the baseline of the first and last year under the plot
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


@register.simple_tag
def trend_chart(trends, lines, chart_id):
    """`lines`: (Measure, Trend) pairs of one chart, its own count first. Each
    line is drawn segment by segment; a point stands alone where its neighbours
    are gaps or another series. A break is a dashed rule between its two years,
    numbered as its note under the chart.

    `trends` says how its values are drawn: a count from 0 to its highest value
    (programmes.trends), a score on its own scale, `scale` (surveys.trends), per
    academic year or per survey round (`academic_years`); a measure's `kind`
    how a value is printed (figures.formatting.printed, a count by default).

    The whole figure is written here in one pass, every text escaped: as an
    included template it was most of the section's rendering (about 30 nodes
    a chart, three charts a page)."""
    shown = [float(point.value) for _measure, line in lines for point in line.shown]
    if not shown:
        return ""
    bottom, top = getattr(trends, "scale", (0, None))
    top = top or max(shown) or 1
    years, x, y = _scale(lines, top, bottom)
    drawn = list(zip(LINE_STYLES, lines, strict=False))
    main_measure, main = lines[0]
    label = html.escape(str(main_measure.label))
    chart_id = html.escape(str(chart_id))
    first, last = years[0], years[-1]
    zero_y, top_y = y(bottom), y(top)
    legend = ""
    if len(drawn) > 1:
        legend = "".join(
            f'<span class="trend-chart__key trend-chart__key--{style}"></span> '
            f"{html.escape(str(measure.label))} "
            for style, (measure, _line) in drawn
        )
    if getattr(trends, "academic_years", True):
        title = _("%(count)s per academic year") % {"count": label}
    else:
        title = _("%(count)s per survey year") % {"count": label}
    description = _(
        "A line from %(first)s to %(last)s. A year without a published figure is "
        "a gap in the line, never 0; a dashed rule marks a change of series, "
        "explained in the numbered note. The table below gives the same values."
    ) % {"first": first, "last": last}
    # Named in the chart's description: a gap is easy to miss by eye and
    # invisible to a screen reader.
    if main.gaps:
        gap_years = ", ".join(str(year) for year in main.gaps)
        description += " " + _("No published figure for: %(years)s.") % {
            "years": gap_years
        }
    last_label = ""
    if last != first:
        last_label = (
            f'<text x="{x(last)}" y="{YEAR_Y}" text-anchor="end">{last}</text>\n'
        )
    numbers = trends.note_numbers(main_measure.field)
    rules = ""
    for series_break in main.breaks:
        rule_x = round((x(series_break.before) + x(series_break.after)) / 2, 1)
        number = numbers.get((series_break.before, series_break.after), "")
        rules += (
            f'<g class="trend-chart__break" data-break="{number}">\n'
            f'<line x1="{rule_x}" y1="{TOP - 8}" x2="{rule_x}" y2="{zero_y}"/>\n'
            f'<text x="{rule_x}" y="{TOP - 10}" text-anchor="middle">{number}</text>\n'
            "</g>\n"
        )
    drawn_lines = "".join(
        f'<g class="trend-chart__line trend-chart__line--{style}">\n'
        f"{_line_markup(measure, line, x, y)}\n</g>\n"
        for style, (measure, line) in drawn
    )
    field = html.escape(main_measure.field)
    return mark_safe(  # every text escaped above; the rest are numbers
        f'<figure class="trend-chart" data-chart="{field}">\n'
        f'<figcaption class="chart-legend"><span class="trend-chart__title">{label}'
        f"</span>{legend}</figcaption>\n"
        f'<svg class="trend-chart__svg" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">\n'
        f'<title id="{chart_id}-title">{title}</title>\n'
        f'<desc id="{chart_id}-desc">{description}</desc>\n'
        f'<line class="trend-chart__axis" x1="{LEFT}" y1="{zero_y}" '
        f'x2="{WIDTH - RIGHT}" y2="{zero_y}"/>\n'
        f'<line class="trend-chart__grid" x1="{LEFT}" y1="{top_y}" '
        f'x2="{WIDTH - RIGHT}" y2="{top_y}"/>\n'
        f'<text x="{LEFT - 6}" y="{zero_y}" dy="4" text-anchor="end">'
        f"{html.escape(whole(bottom))}</text>\n"
        f'<text x="{LEFT - 6}" y="{top_y}" dy="4" text-anchor="end">'
        f"{html.escape(whole(top))}</text>\n"
        f'<text x="{x(first)}" y="{YEAR_Y}" text-anchor="start">{first}</text>\n'
        f"{last_label}{rules}{drawn_lines}</svg>\n</figure>\n"
    )


def _line_markup(measure, line, x, y) -> str:
    """One count's polylines (its segments of more than one point) and dots."""
    polylines = "".join(
        '<polyline points="'
        + " ".join(f"{x(p.year)},{y(p.value)}" for p in segment)
        + '"/>'
        for segment in line.segments
        if len(segment) > 1
    )
    label = html.escape(str(measure.label))
    kind = getattr(measure, "kind", "")
    dots = "".join(
        f'<circle cx="{x(p.year)}" cy="{y(p.value)}" r="3"><title>{label}, '
        f"{p.year}: {html.escape(printed(p.value, kind))}</title></circle>"
        for p in line.shown
    )
    return f"{polylines}\n{dots}"


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
