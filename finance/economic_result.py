"""A party's economic result for a year: budget against actual, the municipal money
received against the money used for the agreed purpose, and what is left unspent.

Pure functions on whole kronor; no database. Percentages have one decimal, half up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def deviation(budget: int | None, actual: int | None) -> int | None:
    """Actual minus budget in kronor (positive: more spent than budgeted)."""
    if actual is None:
        return None
    return actual - (budget or 0)


def deviation_percent(budget: int | None, actual: int | None) -> Decimal | None:
    """The deviation as a share of the budget; None without a budget to compare with."""
    if actual is None or not budget:
        return None
    return (Decimal(actual - budget) * 100 / Decimal(budget)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def municipal_money_used(
    *, actual_total: int, own_financing: int, other_funding: int, received: int
) -> int:
    """The municipal money spent on the agreed purpose: the costs the party's own money and
    other funders did not cover, never more than was received and never below zero."""
    uncovered = actual_total - own_financing - other_funding
    return max(0, min(received, uncovered))


def unspent_remainder(*, received: int, used: int) -> int:
    """Municipal money received but not used for the agreed purpose (the repayment base)."""
    return max(0, received - used)


@dataclass(frozen=True)
class LineResult:
    category: str
    label: str
    budget: int | None
    actual: int | None
    comment: str = ""

    @property
    def deviation(self) -> int | None:
        return deviation(self.budget, self.actual)

    @property
    def deviation_percent(self) -> Decimal | None:
        return deviation_percent(self.budget, self.actual)

    @property
    def needs_comment(self) -> bool:
        return bool(self.deviation)


@dataclass(frozen=True)
class EconomicResult:
    lines: tuple[LineResult, ...]
    own_financing: int
    other_funding: int
    received: int

    @property
    def budget_total(self) -> int:
        return sum(line.budget or 0 for line in self.lines)

    @property
    def actual_total(self) -> int:
        return sum(line.actual or 0 for line in self.lines)

    @property
    def deviation(self) -> int:
        return self.actual_total - self.budget_total

    @property
    def deviation_percent(self) -> Decimal | None:
        return deviation_percent(self.budget_total, self.actual_total)

    @property
    def used(self) -> int:
        return municipal_money_used(
            actual_total=self.actual_total,
            own_financing=self.own_financing,
            other_funding=self.other_funding,
            received=self.received,
        )

    @property
    def remainder(self) -> int:
        return unspent_remainder(received=self.received, used=self.used)

    @property
    def uncommented(self) -> list[str]:
        """Labels of lines that deviate from the budget without a comment."""
        return [line.label for line in self.lines if line.needs_comment and not line.comment]


def economic_result(
    *,
    budget_lines: Iterable[tuple[str, str, int]],
    actuals: Mapping[str, tuple[int | None, str]],
    labels: Mapping[str, str],
    own_financing: int,
    other_funding: Iterable[int],
    received: int,
) -> EconomicResult:
    """``budget_lines``: (category, label, amount); ``actuals``: category -> (actual,
    comment); lines with an actual but no budget line are kept (budget None)."""
    lines = []
    budgeted = set()
    for category, label, amount in budget_lines:
        budgeted.add(category)
        actual, comment = actuals.get(category, (None, ""))
        lines.append(LineResult(category, label, amount, actual, comment))
    for category, (actual, comment) in actuals.items():
        if category not in budgeted and actual is not None:
            lines.append(
                LineResult(category, labels.get(category, category), None, actual, comment)
            )
    return EconomicResult(
        lines=tuple(lines),
        own_financing=own_financing,
        other_funding=sum(other_funding),
        received=received,
    )
