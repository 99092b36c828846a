"""Writes of a party's yearly budget."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from common.errors import ConcurrentEditError
from common.permissions import require
from common.versioning import save_versioned
from partnerships.models import Agreement, Party, Sector, User

from ..models import (
    BudgetCategory,
    BudgetLine,
    EconomicReport,
    EconomicReportLine,
    EconomicReportStatus,
    PartyBudget,
)
from ..permissions import can_edit_economy

# --- budgets ------------------------------------------------------------------------------


def _refuse_removing_reported_lines(budget, party, year, lines) -> None:
    """A budget line that a submitted economic report accounts against is not removed (the
    report would lose what it was compared with); change its amount instead."""
    removed = [
        line.category
        for line in budget.lines.all()
        if lines.get(line.category, ("", None))[1] is None
    ]
    if not removed:
        return
    reported = EconomicReportLine.objects.filter(
        report__in=EconomicReport.objects.filter(
            party=party, year=year, status=EconomicReportStatus.SUBMITTED
        ),
        category__in=removed,
    ).values_list("category", flat=True)
    errors = {
        f"{category}_amount": (
            f"Kostnadsslaget ”{BudgetCategory(category).label}” kan inte tas bort: den "
            f"inlämnade ekonomiska redovisningen för {year} redovisar utfall mot det. "
            "Ändra beloppet i stället."
        )
        for category in sorted(set(reported))
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def budget_save(
    *,
    user: User,
    agreement: Agreement,
    party: Party,
    year: int,
    own_contribution: int,
    municipal_financing: int | None,
    lines: dict[str, tuple[str, int | None]],
    note: str = "",
    expected_version: int,
) -> PartyBudget:
    """Save a party's budget for a year; ``lines`` maps category -> (label, amount or None).
    ``expected_version``: of the budget as the editor read it, 0 when there was none. Two
    first saves at once: the second finds the first's budget (read at 0: refused), or, when
    both inserted together, the unique constraint of party and year refuses it
    (``save_versioned``); either way a ``ConcurrentEditError``, nothing half-saved."""
    require(can_edit_economy(user, agreement))
    if party.agreement_id != agreement.pk or party.role != Sector.IDEA_BASED:
        raise ValidationError("Välj en idéburen part i överenskommelsen.")
    if not agreement.period_start.year <= year <= agreement.period_end.year:
        raise ValidationError({"year": "Året ligger utanför överenskommelsens period."})
    budget = PartyBudget.objects.filter(party=party, year=year).first()
    if budget is not None:
        _refuse_removing_reported_lines(budget, party, year, lines)
    if budget is None:
        if expected_version != 0:
            raise ConcurrentEditError
        budget = PartyBudget(agreement=agreement, party=party, year=year)
    elif expected_version == 0:
        raise ConcurrentEditError
    budget.own_contribution = own_contribution
    budget.municipal_financing = municipal_financing
    budget.note = note
    budget.full_clean()
    save_versioned(budget, expected_version)
    existing = {line.category: line for line in budget.lines.all()}
    for category in BudgetCategory.values:
        label, amount = lines.get(category, ("", None))
        line = existing.get(category)
        if amount is None:
            if line is not None:
                line.delete()
            continue
        line = line or BudgetLine(budget=budget, category=category)
        line.label = label
        line.amount = amount
        line.full_clean()
        line.save()
    return budget
