"""The follow-up report's subtitle names the period once (issue 14)."""

import re

import pytest
from django.template.loader import render_to_string


def _subtitle(report: dict) -> str:
    html = render_to_string(
        "documents/followup_report.html",
        {"s": {"report": report, "agreement": {"title": "IOP"}, "texts": {"period": ""}}},
    )
    return re.search(r'<span class="subtitle">([^<]*)</span>', html).group(1)


@pytest.mark.django_db
def test_a_period_that_is_only_dates_is_not_repeated():
    report = {
        "period_label": "2024-07-01 – 2025-06-30",
        "period_start": "2024-07-01",
        "period_end": "2025-06-30",
    }
    assert _subtitle(report) == "Uppföljningsrapport 2024-07-01 – 2025-06-30"


@pytest.mark.django_db
def test_a_named_period_keeps_its_dates():
    report = {"period_label": "2020", "period_start": "2020-01-01", "period_end": "2020-12-31"}
    assert _subtitle(report) == "Uppföljningsrapport 2020 (2020-01-01 – 2020-12-31)"
