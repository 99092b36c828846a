"""The parties' economic results (the follow-up report, the annual report)."""

from __future__ import annotations

from django.db.models import Prefetch, Sum

from ..economic_result import economic_result
from ..models import (
    BudgetCategory,
    BudgetLine,
    EconomicReport,
    EconomicReportStatus,
    PartyBudget,
    Payment,
)
from .base import EconomicResultRow


def _percent_text(value) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",").replace("-", "\u2212") + "\u00a0%"


def economic_results(
    agreement_ids: list[int], years: list[int]
) -> dict[int, list[EconomicResultRow]]:
    """Agreement id -> the submitted economic reports of ``years``, each with budget, actual
    and deviation; drafts are never printed. Four queries for any number of agreements."""
    reports = list(
        EconomicReport.objects.filter(
            agreement_id__in=agreement_ids, year__in=years, status=EconomicReportStatus.SUBMITTED
        )
        .select_related("party__organisation")
        .prefetch_related("lines", "other_funding")
        .order_by("year", "party__organisation__name", "pk")
    )
    keys = {(r.party_id, r.year) for r in reports}
    budgets = {
        (b.party_id, b.year): b
        for b in PartyBudget.objects.filter(
            agreement_id__in=agreement_ids, year__in=years
        ).prefetch_related(Prefetch("lines", queryset=BudgetLine.objects.order_by("pk")))
        if (b.party_id, b.year) in keys
    }
    received = {
        (party_id, year): total
        for party_id, year, total in Payment.objects.filter(
            agreement_id__in=agreement_ids, year__in=years
        )
        .values_list("compensation__party_id", "year")
        .annotate(total=Sum("amount"))
    }
    out: dict[int, list[EconomicResultRow]] = {pk: [] for pk in agreement_ids}
    for report in reports:
        budget = budgets.get((report.party_id, report.year))
        result = economic_result(
            budget_lines=[(ln.category, ln.display_label, ln.amount) for ln in budget.lines.all()]
            if budget
            else [],
            actuals={ln.category: (ln.actual, ln.comment) for ln in report.lines.all()},
            labels=dict(BudgetCategory.choices),
            own_financing=report.own_financing,
            other_funding=[row.amount for row in report.other_funding.all()],
            received=received.get((report.party_id, report.year), 0),
        )
        out[report.agreement_id].append(
            EconomicResultRow(
                organisation=report.party.organisation.name,
                year=report.year,
                budget=result.budget_total,
                actual=result.actual_total,
                deviation=result.deviation,
                deviation_percent=_percent_text(result.deviation_percent),
                received=result.received,
                used=result.used,
                remainder=result.remainder,
            )
        )
    return out
