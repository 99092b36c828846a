"""Issue 12: every finance write checks its own permission, whoever calls it. Each service
called with a user who may not change the agreement's money (the partner, or the other
municipality's administrator) is refused with the 403 and writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from finance import services
from finance.models import (
    AgreementCap,
    BudgetLine,
    Compensation,
    DecidedAmount,
    GivenInstalment,
    InKindContribution,
    PartyBudget,
    Payment,
    PaymentSchedule,
    RepaymentClaim,
)
from partnerships.models import Sector
from tests.finance.factories import CompensationFactory, opi


def _idea(world):
    return world.agreement.parties.get(role=Sector.IDEA_BASED)


def _year(world) -> int:
    return world.agreement.period_start.year


def _compensation(world, **kwargs) -> Compensation:
    return CompensationFactory(party=_idea(world), base_year=2023, first_index_year=2024, **kwargs)


CALLS = {
    "budget_save": lambda w, user: services.budget_save(
        user=user,
        agreement=w.agreement,
        party=_idea(w),
        year=_year(w),
        own_contribution=1,
        municipal_financing=None,
        lines={"staff": ("", 1)},
        expected_version=0,
    ),
    "compensation_save": lambda w, user: services.compensation_save(
        user=user,
        agreement=w.agreement,
        party=_idea(w),
        base_amount=1,
        base_year=2023,
        index_series=opi(),
        first_index_year=2024,
        index_rule="definitive",
        payment_month=1,
        expected_version=0,
    ),
    "decided_amount_save": lambda w, user: services.decided_amount_save(
        user=user,
        compensation=_compensation(w),
        year=_year(w),
        amount=1,
        expected_version=0,
    ),
    "claim_save": lambda w, user: services.claim_save(
        user=user,
        agreement=w.agreement,
        party=_idea(w),
        amount=1,
        reason="Skäl",
        decided_on=None,
        status="draft",
        expected_version=0,
    ),
    "in_kind_save": lambda w, user: services.in_kind_save(
        user=user,
        agreement=w.agreement,
        party=_idea(w),
        year=_year(w),
        kind="premises",
        description="Lokal",
        value=None,
        valuation_basis="",
    ),
    "in_kind_delete": lambda w, user: services.in_kind_delete(
        user=user,
        item=InKindContribution.objects.create(
            agreement=w.agreement, party=_idea(w), kind="premises", description="Lokal"
        ),
        expected_version=1,
    ),
    "cap_save": lambda w, user: services.cap_save(
        user=user,
        agreement=w.agreement,
        label="Tak",
        amount=1,
        compensations=[],
        expected_version=0,
    ),
    "cap_delete": lambda w, user: services.cap_delete(
        user=user,
        cap=AgreementCap.objects.create(agreement=w.agreement, label="Tak", amount=1),
        expected_version=1,
    ),
    "payment_register": lambda w, user: services.payment_register(
        user=user,
        compensation=_compensation(w),
        year=_year(w),
        paid_on=dt.date(_year(w), 1, 25),
        amount=1,
        reference="VER-1",
    ),
    "settlement_record": lambda w, user: services.settlement_record(
        user=user,
        compensation=_compensation(w),
        year=_year(w),
        action="no_action",
        decided_on=dt.date(_year(w), 5, 1),
    ),
    "given_instalments_save": lambda w, user: services.given_instalments_save(
        user=user,
        compensation=_compensation(w, payment_schedule=PaymentSchedule.GIVEN_DATES),
        year=_year(w),
        rows=[(dt.date(_year(w), 3, 1), 1)],
        expected_version=0,
    ),
}

WRITTEN = (
    PartyBudget,
    BudgetLine,
    DecidedAmount,
    RepaymentClaim,
    Payment,
    GivenInstalment,
)


@pytest.mark.parametrize("who", ["partner", "outsider_admin"])
@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_finance_service_refuses_a_user_who_may_not_change_the_money(world, name, who):
    compensations = Compensation.objects.count()
    with pytest.raises(PermissionDenied):
        CALLS[name](world, getattr(world, who))
    assert all(not model.objects.exists() for model in WRITTEN)
    if name == "compensation_save":
        assert Compensation.objects.count() == compensations
    if name.startswith(("in_kind", "cap")):
        assert (InKindContribution.objects.exists() or AgreementCap.objects.exists()) == (
            name.endswith("delete")
        )


def test_the_administrator_passes_the_same_check(world):
    budget = CALLS["budget_save"](world, world.admin)
    assert budget.pk and budget.own_contribution == 1
