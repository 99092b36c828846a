"""Reads of the parties' budgets, year by year against the ledger."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..ledger import (
    Ledger,
    municipal_financing,
)
from ..models import (
    BudgetLine,
    PartyBudget,
)
from ..rules import budget_difference, in_kind_of_budget

# --- budgets ------------------------------------------------------------------------------


@dataclass
class BudgetView:
    budget: PartyBudget
    lines: list[BudgetLine]
    total_cost: int
    municipal: int | None
    municipal_source: str  # "budget" or "compensation"
    own: int
    difference: int | None
    in_kind: int = 0  # värde av insats counted in this budget (rules.in_kind_of_budget)


@dataclass
class BudgetYear:
    year: int
    budgets: list[BudgetView]
    # The valued contributions in kind of the year by every party, public ones included.
    in_kind_total: int = 0

    @property
    def total_cost(self) -> int:
        return sum(b.total_cost for b in self.budgets)

    @property
    def municipal(self) -> int | None:
        values = [b.municipal for b in self.budgets]
        return None if any(v is None for v in values) else sum(values)

    @property
    def own(self) -> int:
        return sum(b.own for b in self.budgets)

    @property
    def difference(self) -> int | None:
        return budget_difference(
            total_cost=self.total_cost,
            municipal=self.municipal,
            own=self.own,
            in_kind=self.in_kind_total,
        )


def budget_years_of(
    budgets,
    ledgers_by_party: dict[int, Ledger],
    in_kind: tuple[dict[tuple[int, int], int], dict[int, int]] | None = None,
    public_party_ids: frozenset[int] = frozenset(),
) -> list[BudgetYear]:
    """The budgets year by year; ``in_kind`` is ``shapes.in_kind_values_by_year`` of the
    agreement's contributions in kind (``public_party_ids``: the givers on the public side)."""
    by_party, by_year = in_kind or ({}, {})
    public_by_year: dict[int, int] = defaultdict(int)
    for (party_id, year), value in by_party.items():
        if party_id in public_party_ids:
            public_by_year[year] += value
    budgets = list(budgets)
    count_by_year: dict[int, int] = defaultdict(int)
    for budget in budgets:
        count_by_year[budget.year] += 1
    by_year_views: dict[int, list[BudgetView]] = defaultdict(list)
    for budget in budgets:
        lines = list(budget.lines.all())
        total = sum(line.amount for line in lines)
        municipal, source = municipal_financing(budget, ledgers_by_party)
        value = in_kind_of_budget(
            own_value=by_party.get((budget.party_id, budget.year), 0),
            public_value=public_by_year.get(budget.year, 0),
            idea_based_budgets_that_year=count_by_year[budget.year],
        )
        by_year_views[budget.year].append(
            BudgetView(
                budget=budget,
                lines=lines,
                total_cost=total,
                municipal=municipal,
                municipal_source=source,
                own=budget.own_contribution,
                difference=budget_difference(
                    total_cost=total,
                    municipal=municipal,
                    own=budget.own_contribution,
                    in_kind=value,
                ),
                in_kind=value,
            )
        )
    return [
        BudgetYear(year, views, in_kind_total=by_year.get(year, 0))
        for year, views in sorted(by_year_views.items())
    ]
