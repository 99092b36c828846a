"""A server-rendered, accessible SVG bar chart of figures across rounds (no JavaScript).

Bars are grouped by round, one series per organisation; the chart has role="img", a
<title> and a <desc> that states every value, and the same values are in a table."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .indicators import chart_number, chart_title

# Colours with >= 3:1 contrast against white (WCAG 1.4.11 non-text contrast).
PALETTE = ["#00507a", "#a0001c", "#1f5f2c", "#6b4500", "#5b2a86", "#005f5f"]


@dataclass(frozen=True)
class Series:
    name: str
    values: list[Decimal | int | None]


def _fmt(value) -> str:
    if value is None:
        return "uppgift saknas"
    if isinstance(value, Decimal):
        value = value.normalize()
        return f"{value:f}".replace(".", ",")
    return str(value)


def _n(number: float) -> str:
    return f"{number:.1f}"


def bar_chart(
    *, title: str, categories: list[str], series: list[Series], chart_id: str = "chart"
) -> SafeString:
    width, height = 640, 300
    left, right, top, bottom = 48, 16, 16, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    numbers = [float(v) for s in series for v in s.values if v is not None]
    top_value = max(numbers, default=0) or 1
    n_cat = max(1, len(categories))
    n_ser = max(1, len(series))
    group_w = plot_w / n_cat
    bar_w = max(2.0, (group_w * 0.8) / n_ser)

    desc_parts = []
    for s in series:
        pairs = ", ".join(f"{c}: {_fmt(v)}" for c, v in zip(categories, s.values, strict=False))
        desc_parts.append(f"{s.name}: {pairs}.")
    desc = " ".join(desc_parts) or "Inga värden."

    bars = []
    for si, s in enumerate(series):
        colour = PALETTE[si % len(PALETTE)]
        for ci, value in enumerate(s.values):
            if value is None:
                continue
            h = plot_h * float(value) / top_value
            x = left + ci * group_w + group_w * 0.1 + si * bar_w
            y = top + plot_h - h
            bars.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}, {}: {}</title></rect>",
                    _n(x),
                    _n(y),
                    _n(bar_w - 1),
                    _n(h),
                    colour,
                    s.name,
                    categories[ci],
                    _fmt(value),
                )
            )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="12">{}</text>',
        (
            (_n(left + ci * group_w + group_w / 2), top + plot_h + 18, c)
            for ci, c in enumerate(categories)
        ),
    )
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="12">{}</text>',
        (
            (
                left + i * 200,
                height - 22,
                PALETTE[i % len(PALETTE)],
                left + i * 200 + 16,
                height - 12,
                s.name,
            )
            for i, s in enumerate(series)
        ),
    )
    # All zero (or nothing reported): no top label, so the axis does not claim a "1".
    top_label = (
        format_html(
            '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>',
            left - 4,
            top + 10,
            _fmt(top_value if top_value != int(top_value) else int(top_value)),
        )
        if any(numbers)
        else ""
    )
    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#1b1b1b"></line>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#1b1b1b"></line>'
        '{}<text x="{}" y="{}" text-anchor="end" font-size="12">0</text>',
        left,
        top,
        left,
        top + plot_h,
        left,
        top + plot_h,
        left + plot_w,
        top + plot_h,
        top_label,
        left - 4,
        top + plot_h,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
        'class="figures-chart" role="img" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}{}{}{}</svg>',
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        desc,
        axis,
        mark_safe("".join(bars)),
        labels,
        legend,  # noqa: S308 - built by format_html
    )


def figures_chart(rounds, figures, indicator, values) -> SafeString | str:
    """The agreement tab's chart: one indicator per round, a series per organisation; ""
    when no figures are visible. ``values``: (round id, organisation id, indicator id) ->
    IndicatorValue, the visible reports' values."""
    if not figures or indicator is None:
        return ""
    organisations = sorted({f.organisation for f in figures}, key=lambda o: o.name)
    reported = {(f.round_id, f.organisation_id) for f in figures}
    chart_rounds = [r for r in rounds if any(r.pk == f.round_id for f in figures)]

    def number(round, organisation):
        if (round.pk, organisation.pk) not in reported:
            return None
        return chart_number(indicator, values.get((round.pk, organisation.pk, indicator.pk)))

    return bar_chart(
        title=f"{chart_title(indicator)} per omgång och organisation",
        categories=[r.period_label for r in chart_rounds],
        series=[
            Series(name=o.name, values=[number(r, o) for r in chart_rounds]) for o in organisations
        ],
        chart_id="figures-chart",
    )
