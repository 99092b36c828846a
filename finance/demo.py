"""Demo data of this app, loaded by ``manage.py seed_demo`` after the register.

``seed(case)`` must be idempotent; ``case`` is partnerships.demo.DemoCase. The figures are
those of the records (DOMAIN.md, Money): 2018 budget from seed 002, 2024 economy from 003.
OPI after 2023 is not in the records, so the 2024-2026 amounts are unknown and the app warns
"OPI för 2024 saknas" - by design, until an administrator enters the value.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from partnerships.demo import DemoCase
from partnerships.models import Agreement, Organisation, Party

from .ledger import build_ledger, index_points, ledger_queryset
from .models import (
    BudgetLine,
    Compensation,
    DecidedAmount,
    IndexRule,
    IndexSeries,
    PartyBudget,
    Payment,
)

LEVEL_2023_NOTE = (
    "Överenskommelsen 2024–2026 anger ersättningen enligt 2023 års nivå: "
    "Pingstförsamlingen 452 948 kr, IOGT-NTO 339 690 kr, totalt 792 638 kr."
)


def _party(agreement: Agreement, organisation: Organisation) -> Party:
    return Party.objects.get(agreement=agreement, organisation=organisation)


def _compensation(
    agreement: Agreement,
    organisation: Organisation,
    *,
    base_amount: int,
    base_year: int,
    first_index_year: int,
    series: IndexSeries,
    continues_from: Compensation | None = None,
) -> Compensation:
    party = _party(agreement, organisation)
    compensation, _ = Compensation.objects.update_or_create(
        party=party,
        defaults={
            "agreement": agreement,
            "base_amount": base_amount,
            "base_year": base_year,
            "first_index_year": first_index_year,
            "index_series": series,
            "index_rule": IndexRule.PRELIMINARY_FIRST,
            "payment_month": 1,
            "continues_from": continues_from,
        },
    )
    compensation.full_clean()
    return compensation


def _budget(
    agreement: Agreement,
    organisation: Organisation,
    year: int,
    *,
    own: int,
    lines: list[tuple[str, str, int]],
    municipal: int | None = None,
    note: str = "",
) -> PartyBudget:
    party = _party(agreement, organisation)
    budget, _ = PartyBudget.objects.update_or_create(
        party=party,
        year=year,
        defaults={
            "agreement": agreement,
            "own_contribution": own,
            "municipal_financing": municipal,
            "note": note,
        },
    )
    for category, label, amount in lines:
        BudgetLine.objects.update_or_create(
            budget=budget, category=category, defaults={"label": label, "amount": amount}
        )
    return budget


def _pay_january(compensations: list[Compensation], until_year: int, keys: dict) -> None:
    """January payments of every year up to ``until_year``, at the ruling amount (or, when
    the amount is still unknown, at the previous year's level - as the municipality does)."""
    points = index_points()
    today = timezone.localdate()
    fresh = ledger_queryset(Compensation.objects.filter(pk__in=[c.pk for c in compensations]))
    for compensation in fresh:
        previous = None
        for row in build_ledger(compensation, points, today).rows:
            if row.year > until_year:
                break
            amount = row.schedule.amount or previous or compensation.base_amount
            previous = amount
            key = keys[compensation.party.organisation_id]
            Payment.objects.get_or_create(
                agreement=compensation.agreement,
                reference=f"DEMO-{row.year}-{key}",
                defaults={
                    "compensation": compensation,
                    "year": row.year,
                    "paid_on": dt.date(row.year, 1, 25),
                    "amount": amount,
                },
            )


@transaction.atomic
def seed(case: DemoCase) -> None:
    agreements, orgs = case.agreements, case.organisations
    if not agreements or "2018" not in agreements:
        return
    opi, _ = IndexSeries.objects.get_or_create(
        name="OPI", defaults={"description": "Omsorgsprisindex, publiceras av SKR"}
    )
    a2018, a2021, a2024 = agreements["2018"], agreements["2021"], agreements["2024"]
    iogt, sion, pingst = orgs["iogt"], orgs["sion"], orgs["pingst"]
    keys = {iogt.pk: "IOGT", sion.pk: "SION", pingst.pk: "PINGST"}

    # 2018-2020 (seed 002): 400 000 to Sion and 300 000 to IOGT-NTO, indexed by OPI from 2019.
    sion_2018 = _compensation(
        a2018, sion, base_amount=400_000, base_year=2018, first_index_year=2019, series=opi
    )
    iogt_2018 = _compensation(
        a2018, iogt, base_amount=300_000, base_year=2018, first_index_year=2019, series=opi
    )
    # 2021-2023: the chain continues; Pingstförsamlingen continues Sion's work.
    pingst_2021 = _compensation(
        a2021,
        pingst,
        base_amount=400_000,
        base_year=2018,
        first_index_year=2019,
        series=opi,
        continues_from=sion_2018,
    )
    iogt_2021 = _compensation(
        a2021,
        iogt,
        base_amount=300_000,
        base_year=2018,
        first_index_year=2019,
        series=opi,
        continues_from=iogt_2018,
    )
    for compensation, amount in ((pingst_2021, 452_948), (iogt_2021, 339_690)):
        DecidedAmount.objects.update_or_create(
            compensation=compensation,
            year=2023,
            defaults={"amount": amount, "note": LEVEL_2023_NOTE},
        )
    # 2024-2026 (seed 003): "enligt 2023 årsnivå", indexed by OPI yearly.
    pingst_2024 = _compensation(
        a2024,
        pingst,
        base_amount=452_948,
        base_year=2023,
        first_index_year=2024,
        series=opi,
        continues_from=pingst_2021,
    )
    iogt_2024 = _compensation(
        a2024,
        iogt,
        base_amount=339_690,
        base_year=2023,
        first_index_year=2024,
        series=opi,
        continues_from=iogt_2021,
    )

    # Budgets: 2018 from the board memo (002), 2024 from the agreement (003).
    memo_note = "Tjänsteskrivelsen 2017 anger bara verksamhetens totala kostnad per part."
    for party, own, cost in ((iogt, 470_000, 770_000), (sion, 1_230_000, 1_630_000)):
        lines = [("other", "Verksamhetens kostnader", cost)]
        _budget(a2018, party, 2018, own=own, note=memo_note, lines=lines)
    _budget(
        a2024,
        iogt,
        2024,
        own=195_310,
        municipal=339_690,
        note="Kommunens finansiering enligt 2023 års nivå (överenskommelsen, Ekonomi).",
        lines=[
            ("staff", "Anställda", 205_000),
            ("volunteers", "Volontärer/personal", 160_000),
            ("premises", "Lokalkostnader m.m.", 170_000),
        ],
    )
    _budget(
        a2024,
        pingst,
        2024,
        own=1_767_052,
        municipal=452_948,
        note="Kommunens finansiering enligt 2023 års nivå (överenskommelsen, Ekonomi).",
        lines=[
            ("staff", "Anställda", 1_190_000),
            ("volunteers", "Volontärer", 700_000),
            ("premises", "Lokaler", 330_000),
        ],
    )

    # January payments 2018-2024 (2024 at the 2023 level while OPI 2024 is missing).
    _pay_january([sion_2018, iogt_2018], 2020, keys)
    _pay_january([pingst_2021, iogt_2021], 2023, keys)
    _pay_january([pingst_2024, iogt_2024], 2024, keys)

    # The second municipality: its own compensation, invisible to Linköping.
    other = agreements.get("other")
    if other is not None and "other_association" in orgs:
        _compensation(
            other,
            orgs["other_association"],
            base_amount=250_000,
            base_year=2023,
            first_index_year=2024,
            series=opi,
        )
