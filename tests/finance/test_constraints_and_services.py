"""Database constraints and services, beneath the forms."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.errors import ConcurrentEditError
from finance import services
from finance.models import (
    BudgetLine,
    ClaimStatus,
    Compensation,
    DecidedAmount,
    IndexValue,
    PartyBudget,
    Payment,
    RepaymentClaim,
    SettlementAction,
)
from finance.rules import PaymentStatus, payment_status
from tests.finance.factories import (
    CompensationFactory,
    DecidedAmountFactory,
    PartyBudgetFactory,
    PaymentFactory,
    RepaymentClaimFactory,
    opi,
)


@pytest.mark.parametrize(
    "update",
    [
        lambda: Compensation.objects.update(base_amount=-1),
        lambda: DecidedAmount.objects.update(amount=-1),
        lambda: Payment.objects.update(amount=0),
        lambda: RepaymentClaim.objects.update(amount=-5),
        lambda: PartyBudget.objects.update(own_contribution=-1),
        lambda: BudgetLine.objects.update(amount=-1),
    ],
)
def test_negative_amounts_are_refused_by_the_database(world, update):
    party = world.agreement.parties.get(organisation=world.association)
    compensation = CompensationFactory(party=party, base_year=2023, first_index_year=2024)
    DecidedAmountFactory(compensation=compensation, year=2024)
    PaymentFactory(compensation=compensation)
    RepaymentClaimFactory(party=party)
    budget = PartyBudgetFactory(party=party)
    BudgetLine.objects.create(budget=budget, category="staff", amount=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        update()


def test_index_value_year_unique_per_series(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        IndexValue.objects.create(series=opi(), year=2023)


def test_payment_reference_unique_per_agreement(world):
    compensation = CompensationFactory(
        party=world.agreement.parties.get(organisation=world.association),
        base_year=2023,
        first_index_year=2024,
    )
    PaymentFactory(compensation=compensation, reference="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentFactory(compensation=compensation, reference="A")


def test_service_refuses_compensation_for_public_party(world):
    party = world.agreement.parties.get(organisation=world.municipality)
    with pytest.raises(ValidationError) as info:
        services.compensation_save(
            user=world.admin,
            agreement=world.agreement,
            party=party,
            base_amount=1,
            base_year=2023,
            index_series=opi(),
            first_index_year=2024,
            index_rule="definitive",
            payment_month=1,
            expected_version=0,
        )
    assert "idéburen" in str(info.value)


def test_compensation_concurrent_edit(world):
    party = world.agreement.parties.get(organisation=world.association)
    comp = CompensationFactory(party=party, base_year=2023, first_index_year=2024)
    kwargs = dict(
        user=world.admin,
        agreement=world.agreement,
        party=party,
        base_year=2023,
        index_series=opi(),
        first_index_year=2024,
        index_rule="definitive",
        payment_month=1,
    )
    services.compensation_save(
        **kwargs, base_amount=2, instance=Compensation.objects.get(pk=comp.pk), expected_version=1
    )
    with pytest.raises(ConcurrentEditError):
        services.compensation_save(
            **kwargs,
            base_amount=3,
            instance=Compensation.objects.get(pk=comp.pk),
            expected_version=1,
        )
    assert Compensation.objects.get(pk=comp.pk).base_amount == 2


def test_repayment_settlement_creates_a_draft_claim(seeded):
    iogt = Compensation.objects.get(
        agreement=seeded.agreements["2021"], party__organisation=seeded.organisations["iogt"]
    )
    # pretend the definitive 2023 value came out lower than the preliminary one
    IndexValue.objects.filter(series=opi(), year=2023).update(definitive_percent="3.0")
    settlement = services.settlement_record(
        user=seeded.users["admin"],
        compensation=iogt,
        year=2023,
        action=SettlementAction.REPAYMENT_CLAIM,
        decided_on=dt.date(2023, 5, 1),
    )
    assert settlement.difference < 0
    claim = settlement.repayment_claim
    assert claim.amount == -settlement.difference and claim.status == ClaimStatus.DRAFT
    with pytest.raises(ValidationError):
        services.settlement_record(
            user=seeded.users["admin"],
            compensation=iogt,
            year=2023,
            action=SettlementAction.NO_ACTION,
            decided_on=dt.date(2023, 5, 1),
        )


def test_supplementary_settlement_raises_what_is_expected(seeded):
    from django.utils import timezone

    from finance import selectors

    pingst = Compensation.objects.get(
        agreement=seeded.agreements["2021"], party__organisation=seeded.organisations["pingst"]
    )
    services.settlement_record(
        user=seeded.users["admin"],
        compensation=pingst,
        year=2023,
        action=SettlementAction.SUPPLEMENTARY_PAYMENT,
        decided_on=dt.date(2023, 5, 1),
    )
    overview = selectors.overview_for_year(seeded.users["admin"], 2023, timezone.localdate())
    row = next(r.row for r in overview.rows if r.organisation_name.startswith("Pingst"))
    assert row.expected == 452_948 + 4_814
    assert row.outstanding == 4_814
    assert row.status == PaymentStatus.OVERDUE


@pytest.mark.parametrize(
    "expected, paid, today, status",
    [
        (None, 0, dt.date(2024, 3, 1), PaymentStatus.UNKNOWN),
        (100, 0, dt.date(2024, 1, 15), PaymentStatus.PLANNED),
        (100, 40, dt.date(2024, 1, 15), PaymentStatus.PARTLY_PAID),
        (100, 100, dt.date(2024, 3, 1), PaymentStatus.PAID),
        (100, 40, dt.date(2024, 2, 1), PaymentStatus.OVERDUE),
        (100, 0, dt.date(2024, 1, 31), PaymentStatus.PLANNED),
        (100, 150, dt.date(2024, 1, 31), PaymentStatus.OVERPAID),
    ],
)
def test_payment_status(expected, paid, today, status):
    assert (
        payment_status(expected=expected, paid=paid, year=2024, payment_month=1, today=today)
        == status
    )


def test_payment_outside_period_is_refused(world):
    comp = CompensationFactory(
        party=world.agreement.parties.get(organisation=world.association),
        base_year=2023,
        first_index_year=2024,
    )
    with pytest.raises(ValidationError):
        services.payment_register(
            user=world.admin,
            compensation=comp,
            year=2030,
            paid_on=dt.date(2030, 1, 1),
            amount=1,
            reference="Z",
        )


def test_budget_lines_are_replaced_not_duplicated(world):
    party = world.agreement.parties.get(organisation=world.association)
    for version, amount in enumerate((100, 200)):
        services.budget_save(
            user=world.admin,
            expected_version=version,
            agreement=world.agreement,
            party=party,
            year=2024,
            own_contribution=0,
            municipal_financing=None,
            lines={"staff": ("", amount), "other": ("", None)},
        )
    assert list(BudgetLine.objects.values_list("amount", flat=True)) == [200]
