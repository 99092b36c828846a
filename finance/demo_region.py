"""Demo money of the region's agreement (``partnerships.demo_region``): from 1 July, the
region's own index series (LPIK), the first half year paid in July. Idempotent; the
Linköping case is not touched."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from partnerships.demo import DemoCase

from .ledger import build_ledger, index_points, ledger_queryset
from .models import Compensation, IndexRule, IndexSeries, IndexValue, Payment, Proration

LPIK_2026 = Decimal("3.1")


@transaction.atomic
def seed(case: DemoCase) -> None:
    agreement = case.agreements.get("region")
    region, society = case.organisations.get("region"), case.organisations.get("hembygd")
    if agreement is None or region is None or society is None:
        return
    lpik, _ = IndexSeries.objects.get_or_create(
        name="LPIK",
        owner=region,
        defaults={"description": "Landstingsprisindex, regionens egen serie (demovärden)"},
    )
    IndexValue.objects.get_or_create(
        series=lpik,
        year=2026,
        defaults={
            "definitive_percent": LPIK_2026,
            "definitive_published": dt.date(2025, 12, 12),
            "source": "Påhittat demovärde för Region Exempellän",
        },
    )
    party = agreement.parties.get(organisation=society)
    compensation, _ = Compensation.objects.update_or_create(
        party=party,
        defaults={
            "agreement": agreement,
            "base_amount": 200_000,
            "base_year": 2025,
            "first_index_year": 2026,
            "index_series": lpik,
            "index_rule": IndexRule.DEFINITIVE,
            "payment_month": 7,
            "proration": Proration.BY_MONTHS,
        },
    )
    compensation.full_clean()
    # The first part year (July-December 2025: 6 of 12 months) paid in July 2025.
    ledger = build_ledger(
        ledger_queryset(Compensation.objects.filter(pk=compensation.pk)).get(),
        index_points(),
        dt.date(2025, 7, 1),
    )
    first = ledger.row(2025)
    Payment.objects.get_or_create(
        agreement=agreement,
        reference="DEMO-2025-HEMBYGD",
        defaults={
            "compensation": compensation,
            "year": 2025,
            "paid_on": dt.date(2025, 7, 25),
            "amount": first.expected,
        },
    )
