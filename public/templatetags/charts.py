"""Server-rendered SVG charts; the page shows the same data as a table."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from figures.formatting import percent_tenth, score

register = template.Library()

SCALE_MIN, SCALE_MAX = 1, 5
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 220, 300, 32


def _x(value) -> float:
    share = (float(value) - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
    return round(LABEL_WIDTH + max(0.0, min(1.0, share)) * BAR_WIDTH, 1)


@register.inclusion_tag("programmes/includes/_score_chart.html")
def score_chart(table, chart_id="score-chart"):
    """Bars for this programme's shown scores, a marker for the national average.

    Only rows whose own score may be published reach the chart; a withheld national
    average simply has no marker.
    """
    bars = []
    for index, row in enumerate(table.chart_rows):
        y = index * ROW_HEIGHT + 8
        bars.append(
            {
                "row": row,
                "y": y,
                "text_y": y + 14,
                "width": round(_x(row.own.value) - LABEL_WIDTH, 1),
                "value_x": _x(row.own.value) + 6,
                "marker_x": _x(row.national.value) if row.national.is_shown else None,
                "marker_y1": y - 3,
                "marker_y2": y + 23,
            }
        )
    return {
        "chart_id": chart_id,
        "table": table,
        "bars": bars,
        "bars_svg": _score_bars_svg(bars),
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "width": LABEL_WIDTH + BAR_WIDTH + 48,
        "height": len(bars) * ROW_HEIGHT + 12,
    }


def _score_bars_svg(bars) -> SafeString:
    """The score chart's rows as SVG, each text escaped once (a row per
    aspect, written here rather than by a dozen template tags per row)."""
    rows = []
    for bar in bars:
        marker = ""
        if bar["marker_x"] is not None:
            marker = (
                f'<line class="score-chart__marker" x1="{bar["marker_x"]}" '
                f'x2="{bar["marker_x"]}" y1="{bar["marker_y1"]}" '
                f'y2="{bar["marker_y2"]}"></line>'
            )
        rows.append(
            '<g class="score-chart__row">'
            f'<text x="{LABEL_WIDTH - 8}" y="{bar["text_y"]}" text-anchor="end">'
            f"{escape(bar['row'].aspect.name)}</text>"
            f'<rect class="score-chart__bar" x="{LABEL_WIDTH}" y="{bar["y"]}" '
            f'width="{bar["width"]}" height="20"></rect>'
            f'<text class="score-chart__value" x="{bar["value_x"]}" '
            f'y="{bar["text_y"]}">{escape(score(bar["row"].own.value))}</text>'
            f"{marker}</g>"
        )
    return mark_safe("\n".join(rows))


@register.inclusion_tag("programmes/includes/_salary_chart.html")
def salary_chart(salary, chart_id="salary-chart"):
    """Two bars: the study's starting salary and the average of its level."""
    shown = [
        (label, figure.value)
        for label, figure in (("own", salary.own), ("average", salary.average))
        if figure.is_shown
    ]
    if len(shown) < 2:
        return {"bars": []}
    top = max(float(value) for _label, value in shown) or 1
    bars = [
        {
            "kind": label,
            "value": value,
            "y": index * ROW_HEIGHT + 8,
            "text_y": index * ROW_HEIGHT + 22,
            "width": round(float(value) / top * BAR_WIDTH, 1),
            "value_x": round(LABEL_WIDTH + float(value) / top * BAR_WIDTH + 6, 1),
        }
        for index, (label, value) in enumerate(shown)
    ]
    return {
        "chart_id": chart_id,
        "salary": salary,
        "bars": bars,
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "width": LABEL_WIDTH + BAR_WIDTH + 80,
        "height": len(bars) * ROW_HEIGHT + 12,
    }


def _work_share_svg(groups) -> SafeString:
    """The work-share chart's years as SVG, each text escaped once."""
    rows = []
    for group in groups:
        parts = [
            f'<g><text x="{LABEL_WIDTH - 8}" y="{group["label_y"]}" '
            f'text-anchor="end">{escape(group["label"])}</text>'
        ]
        for bar in group["bars"]:
            css_class = "score-chart__bar"
            if bar["kind"] == "level":
                css_class += " salary-chart__average"
            parts.append(
                f'<rect class="{css_class}" x="{LABEL_WIDTH}" y="{bar["y"]}" '
                f'width="{bar["width"]}" height="18">'
                f"<title>{escape(bar['title'])}</title></rect>"
                f'<text x="{bar["value_x"]}" y="{bar["text_y"]}">'
                f"{escape(bar['value'])}</text>"
            )
        parts.append("</g>")
        rows.append("".join(parts))
    return mark_safe("\n".join(rows))


@register.inclusion_tag("programmes/includes/_work_share_chart.html")
def work_share_chart(cbs, chart_id="work-share-chart"):
    """The share with work year by year after leaving: two bars a year, the
    study's sector and all sectors of its level (CBS). A withheld share has no
    bar; the table beside the chart says why. Each year's label and each bar's
    title and value are written here once, not by tags per bar."""
    level_label = gettext("All %(level)s graduates") % {"level": cbs.group.level_label}
    titles = {"sector": cbs.group.sector_label, "level": level_label}
    groups = []
    y = 8
    for point in cbs.work_by_year:
        bars = []
        for kind, figure in (("sector", point.sector), ("level", point.level)):
            if figure.is_shown:
                width = round(float(figure.value) / 100 * BAR_WIDTH, 1)
                bars.append(
                    {
                        "kind": kind,
                        "figure": figure,
                        "title": titles[kind],
                        "value": percent_tenth(figure.value),
                        "y": y,
                        "text_y": y + 14,
                        "width": width,
                        "value_x": round(LABEL_WIDTH + width + 6, 1),
                    }
                )
                y += 22
        if bars:
            label = ngettext(
                "%(years)s year after", "%(years)s years after", point.years_after
            ) % {"years": point.years_after}
            groups.append(
                {
                    "point": point,
                    "label": label,
                    "bars": bars,
                    "label_y": bars[0]["text_y"],
                }
            )
            y += 10
    return {
        "chart_id": chart_id,
        "cbs": cbs,
        "level_label": level_label,
        "groups": groups,
        "groups_svg": _work_share_svg(groups),
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "width": LABEL_WIDTH + BAR_WIDTH + 64,
        "height": y,
    }
