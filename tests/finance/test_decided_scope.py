"""A decided amount rules its own year only (one-off) or is the new level (issue 14)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from finance import indexation
from finance.documents_data import agreement_economy
from finance.ledger import compensation_ledger
from finance.models import Compensation, DecidedAmount, DecidedScope, IndexSeries, IndexValue
from partnerships import services as partnership_services

NBSP = "\u00a0"
OPI = {
    2024: indexation.IndexPoint(Decimal("4.1")),
    2025: indexation.IndexPoint(Decimal("3.0")),
    2026: indexation.IndexPoint(Decimal("2.5")),
}


def _schedule(**kwargs):
    return indexation.compute_schedule(
        base_amount=339_690, base_year=2023, first_index_year=2024,
        years=[2024, 2025, 2026], index=OPI, **kwargs,
    )  # fmt: skip


# --- the rule, without a database -----------------------------------------------------------


def test_without_decisions_the_amounts_are_indexed_year_by_year():
    # 339 690 x 1.041 = 353 617; x 1.030 = 364 226; x 1.025 = 373 332 (half up each year).
    assert [r.amount for r in _schedule()] == [353_617, 364_226, 373_332]


def test_a_new_level_is_the_base_of_the_years_after():
    rows = _schedule(decided={2024: 400_000})
    # 400 000 x 1.030 = 412 000; x 1.025 = 422 300.
    assert [r.amount for r in rows] == [400_000, 412_000, 422_300]


def test_a_one_off_sum_rules_its_own_year_only():
    rows = _schedule(decided={2024: 400_000}, one_off_years={2024})
    assert [r.amount for r in rows] == [400_000, 364_226, 373_332]
    assert rows[0].one_off and rows[0].level == 353_617 and rows[0].deviation == 46_383


def test_a_one_off_sum_over_an_unknown_year_leaves_the_years_after_unknown():
    index = {2025: OPI[2025]}  # 2024 missing
    rows = indexation.compute_schedule(
        base_amount=339_690, base_year=2023, first_index_year=2024, years=[2024, 2025],
        index=index, decided={2024: 350_000}, one_off_years={2024},
    )  # fmt: skip
    assert rows[0].amount == 350_000
    assert rows[1].amount is None
    assert rows[1].missing_reason == "OPI för 2024 saknas"


def test_the_default_scope_is_the_new_level_that_keeps_the_linkoping_figures():
    assert DecidedAmount._meta.get_field("scope").default == DecidedScope.NEW_LEVEL


# --- with the database ---------------------------------------------------------------------


@pytest.fixture
def compensation(world):
    opi = IndexSeries.objects.get(name="OPI")
    for year, percent in [(2024, "4.1"), (2025, "3.0"), (2026, "2.5")]:
        IndexValue.objects.update_or_create(
            series=opi, year=year, defaults={"preliminary_percent": percent}
        )
    party = world.agreement.parties.get(organisation=world.association)
    return Compensation.objects.create(
        agreement=world.agreement, party=party,
        base_amount=339_690, base_year=2023, index_series=opi, first_index_year=2024,
    )  # fmt: skip


@pytest.mark.django_db
def test_ledger_follows_the_scope_of_each_decided_amount(compensation):
    DecidedAmount.objects.create(
        compensation=compensation, year=2025, amount=500_000, scope=DecidedScope.ONE_OFF
    )
    ledger = compensation_ledger(compensation, dt.date(2026, 6, 1))
    assert [r.schedule.amount for r in ledger.rows] == [353_617, 500_000, 373_332]


@pytest.mark.django_db
def test_renewal_continues_from_the_level_not_from_a_one_off_sum(compensation):
    DecidedAmount.objects.create(
        compensation=compensation, year=2026, amount=500_000, scope=DecidedScope.ONE_OFF
    )
    successor = partnership_services.agreement_start_renewal(
        agreement=compensation.agreement, years=3
    )
    continued = Compensation.objects.get(agreement=successor)
    assert (continued.base_year, continued.base_amount) == (2026, 373_332)


@pytest.mark.django_db
def test_admin_records_a_one_off_sum_and_the_economy_tab_shows_the_decision(
    compensation, world, client_for
):
    client = client_for(world.admin)
    url = reverse("finance:decided_amount_edit", args=[compensation.pk, 2025])
    data = {
        "amount": "500 000", "scope": "one_off", "decided_on": "2025-02-11",
        "note": "KS § 42, jubileumsår", "version": "0",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    decided = DecidedAmount.objects.get(compensation=compensation, year=2025)
    assert decided.one_off
    page = client.get(reverse("finance:economy", args=[world.agreement.pk])).content.decode()
    assert "Engångsbelopp: bara 2025" in page
    assert "2025-02-11" in page
    assert "KS § 42, jubileumsår" in page
    assert f"373{NBSP}332{NBSP}kr" in page  # 2026 goes on from the computed 2025 level


@pytest.mark.django_db
def test_documents_say_what_a_decided_amount_rules(compensation):
    DecidedAmount.objects.create(
        compensation=compensation, year=2025, amount=500_000, scope=DecidedScope.ONE_OFF,
        decided_on=dt.date(2025, 2, 11), note="KS § 42",
    )  # fmt: skip
    (row,) = agreement_economy(compensation.agreement)["decided"]
    assert (row["one_off"], row["decided_on"], row["note"]) == (
        True,
        dt.date(2025, 2, 11),
        "KS § 42",
    )


@pytest.mark.django_db
def test_a_bad_scope_is_refused_in_swedish(compensation, world, client_for):
    url = reverse("finance:decided_amount_edit", args=[compensation.pk, 2025])
    data = {"amount": "500 000", "scope": "forever", "version": "0"}
    response = client_for(world.admin).post(url, data)
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not DecidedAmount.objects.filter(compensation=compensation).exists()
