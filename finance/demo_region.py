"""Demo money of the region's agreement (``partnerships.demo_region``): from 1 July, the
region's own index series (LPIK), an amendment raising the level from 1 July 2026, paid
quarterly, and the association's volunteers' time as a contribution in kind. Idempotent;
the Linköping case is not touched."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from partnerships.demo import DemoCase
from partnerships.models import Amendment

from .amendments import NEW_LEVEL
from .ledger import build_ledger, index_points, ledger_queryset
from .models import (
    AccountingDefaults,
    Compensation,
    IndexRule,
    IndexSeries,
    IndexValue,
    InKindContribution,
    InKindKind,
    Payment,
    PaymentSchedule,
    Proration,
)
from .schedule import instalments
from .services.amendments import AmountChangeInput, amendment_record
from .services.in_kind import in_kind_save

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
            "payment_schedule": PaymentSchedule.QUARTERLY,
            "proration": Proration.BY_MONTHS,
        },
    )
    compensation.full_clean()
    _amendment(case, agreement, compensation)
    _quarterly_payments(agreement, compensation)
    _volunteer_time(case, agreement, party)
    # The region's accounting codes, so that its payments export to SIE (one voucher per
    # quarterly instalment) straight away.
    AccountingDefaults.objects.get_or_create(
        organisation=region,
        defaults={"account": "4990", "counter_account": "2440", "cost_centre": "KULTUR"},
    )


PAID_UNTIL = dt.date(2026, 10, 31)  # the demo's payments: every instalment due by then


def _quarterly_payments(agreement, compensation: Compensation) -> None:
    """Quarterly in July, October, January and April (each due on the month's last day):
    2025 (July-December, 6 of 12 months) in two instalments, 2026 as amended in four."""
    ledger = build_ledger(
        ledger_queryset(Compensation.objects.filter(pk=compensation.pk)).get(),
        index_points(),
        PAID_UNTIL,
    )
    for year in (2025, 2026):
        due = instalments(
            amount=ledger.row(year).expected,
            kind=compensation.payment_schedule,
            year=year,
            payment_month=compensation.payment_month,
            period_start=agreement.period_start,
            period_end=agreement.period_end,
        )
        for instalment in due:
            if instalment.due_on > PAID_UNTIL:
                continue
            Payment.objects.get_or_create(
                agreement=agreement,
                reference=f"DEMO-{instalment.due_on:%Y-%m}-HEMBYGD",
                defaults={
                    "compensation": compensation,
                    "year": year,
                    "paid_on": instalment.due_on - dt.timedelta(days=5),
                    "amount": instalment.amount,
                },
            )


def _volunteer_time(case: DemoCase, agreement, party) -> None:
    """The association's volunteers guide the school classes: valued, never paid."""
    if InKindContribution.objects.filter(agreement=agreement, party=party).exists():
        return
    in_kind_save(
        agreement=agreement,
        party=party,
        year=2026,
        kind=InKindKind.STAFF_TIME,
        description="Ideella guider vid skolbesöken på gården, omkring 400 timmar under året.",
        value=80_000,
        valuation_basis="400 timmar × 200 kr i timmen (schablon för ideellt arbete).",
        user=case.users.get("region"),
    )


def _amendment(case: DemoCase, agreement, compensation: Compensation) -> None:
    """March 2026: the board adds a school programme and raises the yearly level to
    240 000 kr from 1 July 2026 (the year is split by whole months)."""
    decided_on = dt.date(2026, 3, 12)
    if Amendment.objects.filter(agreement=agreement, decided_on=decided_on).exists():
        return
    amendment_record(
        agreement=agreement,
        user=case.users.get("region"),
        changes={
            compensation: AmountChangeInput(
                kind=NEW_LEVEL,
                effective_from=dt.date(2026, 7, 1),
                amount=240_000,
                purpose="Skolprogram för länets mellanstadier",
            )
        },
        goals=["Alla mellanstadieklasser i länet erbjuds ett besök på gården."],
        decided_on=decided_on,
        board=agreement.board,
        paragraph="§ 23",
        registry_number="KBN 2026-0031",
        title="Skolprogram för länets mellanstadier",
        description=(
            "Föreningen tar emot alla mellanstadieklasser i länet som vill komma; regionen "
            "höjer ersättningen från den 1 juli 2026."
        ),
    )
