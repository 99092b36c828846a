"""A chart of nothing but zeros has one axis line at 0 kr, never "0 kr … 1 kr" (issue 14)."""

import re

from finance.chart import bar_chart
from followups.chart import Series
from followups.chart import bar_chart as figures_bar_chart


def test_all_zero_compensation_has_only_a_zero_tick():
    chart = bar_chart([(2024, 0), (2025, 0), (2026, None)])
    assert [t.label for t in chart.ticks] == ["0\u00a0kr"]
    assert all(bar.height == 0 for bar in chart.bars)


def test_non_zero_compensation_keeps_its_scale():
    chart = bar_chart([(2024, 452948), (2025, 0)])
    assert chart.ticks[-1].label == "500\u00a0000\u00a0kr"
    assert len(chart.ticks) == 5


def _axis_labels(svg: str) -> list[str]:
    return re.findall(r'text-anchor="end" font-size="12">([^<]*)<', svg)


def test_all_zero_figures_chart_has_no_top_label_of_one():
    svg = str(
        figures_bar_chart(title="Besök", categories=["2024", "2025"], series=[Series("A", [0, 0])])
    )
    assert _axis_labels(svg) == ["0"]


def test_figures_chart_with_values_labels_its_top():
    svg = str(
        figures_bar_chart(title="Besök", categories=["2024", "2025"], series=[Series("A", [3, 7])])
    )
    assert _axis_labels(svg) == ["7", "0"]
