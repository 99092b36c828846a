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
from ..rules import budget_difference

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


@dataclass
class BudgetYear:
    year: int
    budgets: list[BudgetView]

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
        return budget_difference(total_cost=self.total_cost, municipal=self.municipal, own=self.own)


def budget_years_of(budgets, ledgers_by_party: dict[int, Ledger]) -> list[BudgetYear]:
    by_year: dict[int, list[BudgetView]] = defaultdict(list)
    for budget in budgets:
        lines = list(budget.lines.all())
        total = sum(line.amount for line in lines)
        municipal, source = municipal_financing(budget, ledgers_by_party)
        by_year[budget.year].append(
            BudgetView(
                budget=budget,
                lines=lines,
                total_cost=total,
                municipal=municipal,
                municipal_source=source,
                own=budget.own_contribution,
                difference=budget_difference(
                    total_cost=total, municipal=municipal, own=budget.own_contribution
                ),
            )
        )
    return [BudgetYear(year, views) for year, views in sorted(by_year.items())]
