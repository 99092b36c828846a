"""Issue 12: every finance edit form carries the version the user read, and the save checks
it. Per form: a POST without the version is a 400 (``MISSING_VERSION_MESSAGE``, the input
kept, nothing saved); two users editing: the second save, made at the version both read, is
a 409 (the concurrency message, the input kept, the first user's save intact); a save at the
current version goes through. A create that races (the budget of a party and year created
twice at once) is refused by the unique constraint as a concurrent edit."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from common.errors import CONCURRENT_EDIT_MESSAGE, ConcurrentEditError
from common.versioning import MISSING_VERSION_MESSAGE, save_versioned
from finance import services
from finance.models import (
    Compensation,
    DecidedAmount,
    EconomicReport,
    IndexValue,
    PartyBudget,
    RepaymentClaim,
)
from partnerships.models import Sector
from tests.finance.factories import (
    CompensationFactory,
    DecidedAmountFactory,
    IndexValueFactory,
    PartyBudgetFactory,
    RepaymentClaimFactory,
    opi,
)


@dataclass
class Case:
    """One edit form: who edits, where, two different valid inputs (without the version),
    the text of each that the page shows again, and how to read the stored value back."""

    user: object
    url: str
    row: Callable[[], object]
    first: dict
    second: dict
    shown: tuple[str, str]
    stored: Callable[[object], object]
    first_value: object


def _idea(world):
    return world.agreement.parties.get(role=Sector.IDEA_BASED)


def _budget(world, operator) -> Case:
    party, year = _idea(world), world.agreement.period_start.year
    budget = PartyBudgetFactory(party=party, year=year, own_contribution=1_000)
    return Case(
        user=world.admin,
        url=reverse("finance:budget_edit", args=[world.agreement.pk, party.pk, year]),
        row=lambda: PartyBudget.objects.get(pk=budget.pk),
        first={"own_contribution": "11 111", "note": "Första"},
        second={"own_contribution": "22 222", "note": "Andra"},
        shown=("11 111", "22 222"),
        stored=lambda row: row.own_contribution,
        first_value=11_111,
    )


def _compensation_fields(party, amount: str) -> dict:
    return {
        "party": party.pk,
        "base_amount": amount,
        "base_year": "2023",
        "fixed": "on",
        "index_rule": "definitive",
        "payment_month": "1",
        "payment_schedule": "yearly",
        "proration": "days",
    }


def _compensation(world, operator) -> Case:
    party = _idea(world)
    compensation = CompensationFactory(party=party, base_year=2023, first_index_year=2024)
    return Case(
        user=world.admin,
        url=reverse("finance:compensation_update", args=[world.agreement.pk, compensation.pk]),
        row=lambda: Compensation.objects.get(pk=compensation.pk),
        first=_compensation_fields(party, "111 111"),
        second=_compensation_fields(party, "222 222"),
        shown=("111 111", "222 222"),
        stored=lambda row: row.base_amount,
        first_value=111_111,
    )


def _decided(world, operator) -> Case:
    year = world.agreement.period_start.year
    compensation = CompensationFactory(party=_idea(world), base_year=2023, first_index_year=2024)
    decided = DecidedAmountFactory(compensation=compensation, year=year, amount=100_000)
    return Case(
        user=world.admin,
        url=reverse("finance:decided_amount_edit", args=[compensation.pk, year]),
        row=lambda: DecidedAmount.objects.get(pk=decided.pk),
        first={"amount": "333 333", "note": "Första"},
        second={"amount": "444 444", "note": "Andra"},
        shown=("333 333", "444 444"),
        stored=lambda row: row.amount,
        first_value=333_333,
    )


def _claim_fields(party, amount: str) -> dict:
    return {"party": party.pk, "amount": amount, "reason": "Skäl", "status": "draft"}


def _claim(world, operator) -> Case:
    party = _idea(world)
    claim = RepaymentClaimFactory(party=party)
    return Case(
        user=world.admin,
        url=reverse("finance:claim_update", args=[world.agreement.pk, claim.pk]),
        row=lambda: RepaymentClaim.objects.get(pk=claim.pk),
        first=_claim_fields(party, "5 555"),
        second=_claim_fields(party, "6 666"),
        shown=("5 555", "6 666"),
        stored=lambda row: row.amount,
        first_value=5_555,
    )


def _index_value(world, operator) -> Case:
    value = IndexValueFactory(series=opi(), year=2031, preliminary_percent="2.0")
    fields = {"series": opi().pk, "year": "2031", "source": "SKR"}
    return Case(
        user=operator,
        url=reverse("finance:index_value_update", args=[value.pk]),
        row=lambda: IndexValue.objects.get(pk=value.pk),
        first=fields | {"preliminary_percent": "3,1"},
        second=fields | {"preliminary_percent": "4,2"},
        shown=("3,1", "4,2"),
        stored=lambda row: str(row.preliminary_percent),
        first_value="3.1",
    )


def _economic_report(world, operator) -> Case:
    party, year = _idea(world), world.agreement.period_start.year
    report = services.economic_report_save(
        user=world.partner,
        agreement=world.agreement,
        party=party,
        year=year,
        actuals={},
        own_financing=1,
        other_funding=[],
        expected_version=0,
    )
    return Case(
        user=world.partner,
        url=reverse("finance:economic_report", args=[world.agreement.pk, party.pk, year]),
        row=lambda: EconomicReport.objects.get(pk=report.pk),
        first={"own_financing": "7 777", "comment": "Första"},
        second={"own_financing": "8 888", "comment": "Andra"},
        shown=("7 777", "8 888"),
        stored=lambda row: row.own_financing,
        first_value=7_777,
    )


FORMS = {
    "budget": _budget,
    "compensation": _compensation,
    "decided_amount": _decided,
    "claim": _claim,
    "index_value": _index_value,
    "economic_report": _economic_report,
}


@pytest.fixture(params=sorted(FORMS))
def case(request, world, operator) -> Case:
    return FORMS[request.param](world, operator)


def test_the_edit_page_renders_the_hidden_version(case, client_for):
    response = client_for(case.user).get(case.url)
    assert response.status_code == 200
    version = case.row().version
    assert f'type="hidden" name="version" value="{version}"' in response.content.decode()


def test_missing_version_is_400_with_the_input_kept_and_nothing_saved(case, client_for):
    before = case.row()
    response = client_for(case.user).post(case.url, case.first)
    body = response.content.decode()
    assert response.status_code == 400
    assert MISSING_VERSION_MESSAGE in body
    assert case.shown[0] in body  # the user's input is still on the form
    after = case.row()
    assert after.version == before.version and case.stored(after) == case.stored(before)


def test_stale_version_is_409_the_second_editor_keeps_input_first_save_stands(case, client_for):
    read_at = case.row().version  # both users open the form at this version
    client = client_for(case.user)
    first = client.post(case.url, case.first | {"version": read_at})
    assert first.status_code == 302  # the current version saves
    saved = case.row()
    assert saved.version == read_at + 1 and case.stored(saved) == case.first_value
    second = client.post(case.url, case.second | {"version": read_at})
    body = second.content.decode()
    assert second.status_code == 409
    assert CONCURRENT_EDIT_MESSAGE.split(".")[0] in body
    assert case.shown[1] in body
    after = case.row()
    assert after.version == saved.version and case.stored(after) == case.first_value


# --- creates that race --------------------------------------------------------------------


def test_a_budget_created_twice_at_once_is_refused_by_the_unique_constraint(world):
    """Both editors read "no budget yet" (version 0); the first insert wins, the second
    insert (past ``full_clean``, which ran before the first existed) is a concurrent edit."""
    party, year = _idea(world), world.agreement.period_start.year
    late = PartyBudget(agreement=world.agreement, party=party, year=year, own_contribution=2)
    late.full_clean()
    PartyBudgetFactory(party=party, year=year, own_contribution=1)
    with pytest.raises(ConcurrentEditError):
        save_versioned(late, 0)
    assert list(PartyBudget.objects.values_list("own_contribution", flat=True)) == [1]


def test_a_budget_saved_meanwhile_refuses_the_form_read_before_it(world):
    party, year = _idea(world), world.agreement.period_start.year
    PartyBudgetFactory(party=party, year=year, own_contribution=1)
    with pytest.raises(ConcurrentEditError):
        services.budget_save(
            user=world.admin,
            agreement=world.agreement,
            party=party,
            year=year,
            own_contribution=2,
            municipal_financing=None,
            lines={},
            expected_version=0,
        )
    assert PartyBudget.objects.get().own_contribution == 1


def test_save_versioned_has_no_unchecked_mode(world):
    budget = PartyBudgetFactory(party=_idea(world), own_contribution=1)
    with pytest.raises(TypeError):
        save_versioned(budget, None)
