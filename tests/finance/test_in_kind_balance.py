"""How a contribution in kind counts in the budget balance ("värde av insats", issue 14):
pure rules, no database. Costs = municipal money + own money + valued contributions in
kind; a public party's contribution is its side's financing in kind: counted in the
budget of the one idea-based party with a budget that year, else only in the whole
agreement's balance."""

from finance.rules import budget_difference, in_kind_of_budget


def test_a_valued_contribution_in_kind_balances_the_costs_it_covers():
    # Premises free of rent worth 174 000 kr: 200 000 kr of costs, 26 000 kr own money.
    assert budget_difference(total_cost=200_000, municipal=0, own=26_000, in_kind=174_000) == 0
    assert budget_difference(total_cost=200_000, municipal=0, own=26_000) == 174_000


def test_an_unknown_municipal_financing_leaves_the_balance_unknown():
    assert budget_difference(total_cost=1, municipal=None, own=0, in_kind=1) is None


def test_the_public_sides_contribution_counts_in_the_only_idea_based_budget():
    assert in_kind_of_budget(own_value=0, public_value=174_000, idea_based_budgets_that_year=1) == (
        174_000
    )


def test_with_several_budgets_the_public_contribution_belongs_to_the_whole_agreement():
    # Not split between the parties by guess: each party's budget counts its own only ...
    assert in_kind_of_budget(
        own_value=80_000, public_value=174_000, idea_based_budgets_that_year=2
    ) == (80_000)
    # ... and the whole agreement's balance counts every party's (the public side's too).
    assert (
        budget_difference(
            total_cost=2_755_000 + 254_000,
            municipal=792_638,
            own=1_962_362,
            in_kind=80_000 + 174_000,
        )
        == 0
    )
