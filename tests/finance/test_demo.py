"""The demo data reproduce the records' figures, and seeding twice changes nothing."""

import datetime as dt

from django.utils import timezone

from finance import demo, selectors
from finance.models import BudgetLine, Compensation, DecidedAmount, PartyBudget, Payment


def _counts():
    return [
        m.objects.count() for m in (Compensation, DecidedAmount, PartyBudget, BudgetLine, Payment)
    ]


def test_seed_is_idempotent(seeded):
    before = _counts()
    demo.seed(seeded)
    assert _counts() == before
    assert before[0] == 7


def test_seed_with_placeholder_case_does_nothing(db):
    from partnerships.demo import DemoCase

    demo.seed(DemoCase({}, {}, {}))
    assert Compensation.objects.count() == 0


def test_2021_chain_shows_the_2023_levels_and_the_minus_21_deviation(seeded):
    user = seeded.users["admin"]
    economy = selectors.economy_for_agreement(user, seeded.agreements["2021"], dt.date(2026, 11, 1))
    by_org = {
        ledger.compensation.party.organisation.name: ledger.row(2023) for ledger in economy.ledgers
    }
    pingst = by_org["Pingstkyrkan Linköping"]
    iogt = by_org["IOGT-NTO Kamratstödet"]
    assert (pingst.schedule.computed, pingst.schedule.amount, pingst.schedule.deviation) == (
        452_948,
        452_948,
        0,
    )
    assert (iogt.schedule.computed, iogt.schedule.amount, iogt.schedule.deviation) == (
        339_711,
        339_690,
        -21,
    )


def test_2024_budget_balances_as_in_the_agreement(seeded):
    economy = selectors.economy_for_agreement(
        seeded.users["admin"], seeded.agreements["2024"], dt.date(2026, 11, 1)
    )
    year = economy.budget_years[0]
    assert year.year == 2024
    costs = {b.budget.party.organisation.name: b.total_cost for b in year.budgets}
    assert costs == {"IOGT-NTO Kamratstödet": 535_000, "Pingstkyrkan Linköping": 2_220_000}
    assert (year.total_cost, year.municipal, year.own, year.difference) == (
        2_755_000,
        792_638,
        1_962_362,
        0,
    )


def test_2018_budget_matches_the_board_memo(seeded):
    economy = selectors.economy_for_agreement(
        seeded.users["admin"], seeded.agreements["2018"], dt.date(2026, 11, 1)
    )
    year = economy.budget_years[0]
    own = {b.budget.party.organisation.name: b.own for b in year.budgets}
    assert own == {"IOGT-NTO Kamratstödet": 470_000, "Sionförsamlingen": 1_230_000}
    assert (year.municipal, year.total_cost, year.difference) == (700_000, 2_400_000, 0)


def test_2024_warns_that_opi_2024_is_missing(seeded):
    missing = selectors.missing_index_values(seeded.users["admin"], dt.date(2026, 11, 23))
    assert {m.reason for m in missing} == {"OPI för 2024 saknas"}
    assert {m.agreement.pk for m in missing} == {seeded.agreements["2024"].pk}
    assert all(m.years == (2024, 2025, 2026) for m in missing)


def test_january_payments_are_paid_up_to_2023(seeded):
    overview = selectors.overview_for_year(seeded.users["admin"], 2023, timezone.localdate())
    assert overview.total == 792_638
    assert overview.paid == 792_638
    assert {r.row.status_label for r in overview.rows} == {"Betald"}
