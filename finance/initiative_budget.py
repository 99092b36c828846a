"""The budget an initiative proposed, written for the draft agreement made from it.

Connected to ``partnerships.signals.draft_budget_proposed`` (finance never imports
initiatives): one ``PartyBudget`` per year of the agreement's period for the idea-based
party, with a line per category that has an amount."""

from __future__ import annotations

from partnerships.models import Agreement, Organisation, Sector

from .models import BudgetCategory, BudgetLine, PartyBudget


def write_proposed_budget(
    *,
    agreement: Agreement,
    organisation: Organisation,
    lines: dict[str, int],
    own_contribution: int,
    **_kwargs,
) -> list[PartyBudget]:
    amounts = {
        category: int(amount or 0)
        for category, amount in lines.items()
        if category in BudgetCategory.values and amount
    }
    if not amounts and not own_contribution:
        return []
    party = agreement.parties.get(organisation=organisation, role=Sector.IDEA_BASED)
    budgets = []
    for year in range(agreement.period_start.year, agreement.period_end.year + 1):
        budget = PartyBudget(
            agreement=agreement, party=party, year=year, own_contribution=own_contribution
        )
        budget.full_clean()
        budget.save()
        for category, amount in amounts.items():
            line = BudgetLine(budget=budget, category=category, amount=amount)
            line.full_clean()
            line.save()
        budgets.append(budget)
    return budgets


def on_draft_budget_proposed(sender, **kwargs) -> None:
    write_proposed_budget(**kwargs)
