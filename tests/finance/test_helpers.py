"""Small pure helpers: CSV cells, the chart geometry, the start-page items."""

import datetime as dt

from common.csv_export import csv_bytes, safe_cell
from finance import attention
from finance.chart import bar_chart
from tests.finance.factories import CompensationFactory


def test_safe_cell_prefixes_formula_starts():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Linköping") == "Linköping"
    assert safe_cell(-21) == "-21" and safe_cell(None) == ""


def test_csv_bytes_are_utf8_with_bom_and_semicolons():
    data = csv_bytes(["År", "Belopp"], [[2023, 452948]])
    assert data.startswith(b"\xef\xbb\xbf") and "År;Belopp\r\n2023;452948".encode() in data


def test_chart_marks_unknown_years_and_describes_every_bar():
    chart = bar_chart([(2023, 792_638), (2024, None)])
    assert chart.bars[1].label == "okänt" and chart.bars[1].height == 0
    assert "2023: 792\u00a0638\u00a0kr" in chart.description
    assert bar_chart([]) is None


def test_attention_items_are_constant_in_queries(seeded, django_assert_max_num_queries):
    user = seeded.users["admin"]
    today = dt.date(2026, 11, 23)
    with django_assert_max_num_queries(10) as ctx:
        items = attention.attention_items(user, today)
    assert len(items) == 2
    assert items[0].text.startswith("OPI för 2024 saknas")
    assert "2024–2026" in items[0].text
    for _ in range(5):
        CompensationFactory(
            party__agreement=seeded.agreements["2024"], base_year=2023, first_index_year=2024
        )
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert len(attention.attention_items(user, today)) == 7


def test_partner_gets_only_own_attention_item(seeded):
    items = attention.attention_items(seeded.users["iogt"], dt.date(2026, 11, 23))
    assert len(items) == 1 and "IOGT-NTO" in items[0].text
