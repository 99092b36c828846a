"""The "Ekonomi" section of the agreement document."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from partnerships.formatting import format_sek
from partnerships.models import Agreement, Sector

from ..amendment_documents import amended_rows
from ..ledger import build_ledger, index_points, municipal_financing
from ..models import (
    MONTHS,
    BudgetLine,
    Compensation,
    IndexRule,
    InKindContribution,
    PartyBudget,
)
from ..rules import budget_difference
from ..shapes_documents import NO_MONEY_TEXT, in_kind_by_agreement, schedule_sentences
from .base import AgreementEconomy, compensations_of, municipality_name, public_genitive
from .decisions import decisions_and_differences


def _terms_text(compensations: list[Compensation]) -> str:
    """'Uppräkning sker årligen enligt OPI. Ersättningen utbetalas i januari månad en (1)
    gång per år.' (seeds/003), with the first indexation year when it is not the next.
    A fixed amount gets no indexation clause: it is said to be fixed instead."""
    if not compensations:
        return ""
    indexed = [c for c in compensations if not c.fixed]
    fixed = [c for c in compensations if c.fixed]
    sentences = []
    if indexed:
        first = indexed[0]
        index_part = f"Uppräkning sker årligen enligt {first.index_series.name}"
        if all(c.first_index_year > c.base_year + 1 for c in indexed):
            index_part += f" från och med {first.first_index_year}-01-01"
        if first.index_rule == IndexRule.DEFINITIVE:
            index_part += " (definitivt värde)"
        if fixed:
            names = " och ".join(c.party.organisation.name for c in indexed)
            index_part += f" för ersättningen till {names}"
        sentences.append(index_part + ".")
    if fixed and not indexed:
        sentences.append("Ersättningen är ett fast belopp och räknas inte upp med index.")
    elif fixed:
        names = " och ".join(c.party.organisation.name for c in fixed)
        sentences.append(
            f"Ersättningen till {names} är ett fast belopp och räknas inte upp med index."
        )
    yearly = [c for c in compensations if c.payment_schedule == "yearly"]
    months = sorted({c.payment_month for c in yearly})
    if months:
        month_text = " och ".join(MONTHS[m - 1] for m in months)
        sentences.append(f"Ersättningen utbetalas i {month_text} månad en (1) gång per år.")
    schedules = schedule_sentences(compensations)
    if schedules:
        sentences.append(schedules)
    return " ".join(sentences)


def _budgets(agreement: Agreement) -> tuple[int | None, list[PartyBudget]]:
    """The budgets of the first budget year within the period (the agreement's yearly
    budget, seeds/003), or of the first budget year at all."""
    budgets = list(
        PartyBudget.objects.filter(agreement=agreement)
        .select_related("party__organisation")
        .prefetch_related(Prefetch("lines", queryset=BudgetLine.objects.order_by("pk")))
        .order_by("year", "party__organisation__name")
    )
    if not budgets:
        return None, []
    in_period = [b.year for b in budgets if b.year >= agreement.period_start.year]
    year = min(in_period) if in_period else budgets[0].year
    return year, [b for b in budgets if b.year == year]


def agreement_economy(agreement: Agreement) -> AgreementEconomy | None:
    """The "Ekonomi" section of the agreement (seeds/003), or None without any money data.

    Compensation per idea-based party at the level the agreement states (the base year's
    amount, "enligt 2023 årsnivå"), the indexation terms, each party's cost budget, and the
    balance total cost = municipal financing + own financing (the diff, shown, never hidden).
    """
    compensations = compensations_of(agreement)
    budget_year, budgets = _budgets(agreement)
    in_kind = in_kind_by_agreement([agreement.pk])[agreement.pk]
    if not compensations and not budgets and not in_kind["rows"]:
        return None  # the document says NO_MONEY_TEXT
    municipality = municipality_name(agreement)
    warnings: list[str] = []

    base_years = sorted({c.base_year for c in compensations})
    if len(base_years) == 1:
        level_text = f"{municipality} ersätter årligen enligt {base_years[0]} årsnivå"
        compensation = [
            {"name": c.party.organisation.name, "amount": c.base_amount} for c in compensations
        ]
    else:
        level_text = f"{municipality} ersätter årligen"
        compensation = [
            {
                "name": f"{c.party.organisation.name} ({c.base_year} års nivå)",
                "amount": c.base_amount,
            }
            for c in compensations
        ]
    compensation_total = sum(c.base_amount for c in compensations)

    points = index_points()
    today = timezone.localdate()
    ledgers = {c.party_id: build_ledger(c, points, today) for c in compensations}

    party_costs = []
    total_cost = 0
    municipal_total: int | None = 0
    own_total = 0
    for budget in budgets:
        lines = list(budget.lines.all())
        cost = sum(line.amount for line in lines)
        total_cost += cost
        own_total += budget.own_contribution
        municipal, _source = municipal_financing(budget, ledgers)
        if municipal is None or municipal_total is None:
            municipal_total = None
        else:
            municipal_total += municipal
        party_costs.append(
            {
                "name": budget.party.organisation.name,
                "year": budget.year,
                "rows": [{"label": line.display_label, "amount": line.amount} for line in lines],
                "total": cost,
                "municipal": municipal,
                "own": budget.own_contribution,
            }
        )

    budget_in_kind = sum(
        row_value
        for item in InKindContribution.objects.filter(agreement=agreement, year=budget_year)
        if (row_value := item.value) is not None
    )
    diff = (
        budget_difference(
            total_cost=total_cost, municipal=municipal_total, own=own_total, in_kind=budget_in_kind
        )
        if budgets
        else None
    )
    if budgets and diff is None:
        warnings.append(
            f"{public_genitive(agreement).capitalize()} finansiering kan inte räknas fram "
            "(indexvärde saknas), så budgetens "
            "balans kan inte kontrolleras."
        )
    elif diff:
        warnings.append(
            f"Budgeten {budget_year} går inte ihop: kostnaderna minus finansieringen är "
            f"{format_sek(diff)} (ska vara 0 kr)."
        )
    if budgets and compensations and municipal_total not in (None, compensation_total):
        warnings.append(
            f"{public_genitive(agreement).capitalize()} finansiering i budgeten "
            f"({format_sek(municipal_total)}) skiljer sig "
            f"från den totala ersättningen ({format_sek(compensation_total)})."
        )
    idea_based = {
        p.organisation_id: p.organisation.name
        for p in agreement.parties.all()
        if p.role == Sector.IDEA_BASED
    }
    with_budget = {b.party.organisation_id for b in budgets}
    missing = [
        name
        for org, name in sorted(idea_based.items(), key=lambda x: x[1])
        if org not in with_budget
    ]
    if budgets and missing:
        warnings.append("Budget saknas för " + ", ".join(missing) + ".")

    return {
        **decisions_and_differences(agreement),
        "level_text": level_text,
        "compensation": compensation,
        "compensation_total": compensation_total,
        "terms_text": _terms_text(compensations),
        "budget_year": budget_year,
        "party_costs": party_costs,
        "total_cost": total_cost if budgets else None,
        "municipal_financing": municipal_total if budgets else None,
        "own_financing": own_total if budgets else None,
        "diff": diff,
        "warnings": warnings,
        "in_kind": in_kind["rows"],
        "in_kind_total": in_kind["total"],
        "in_kind_budget": budget_in_kind,
        "no_money_text": "" if compensations else NO_MONEY_TEXT,
        "amended": amended_rows(list(ledgers.values())),
    }
